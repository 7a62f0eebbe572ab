/**
 * Settlement: the connected participant's statement (totals per currency, lines by kind, a chart
 * per period, a CSV), its debts and unpaid claims, and where settlement stands (the next period,
 * the run in progress). Below, the grid operator's settlement acts (read-only for everyone else,
 * naming the operator) and the chain-wide lists: runs, debts with the defaulters' shortfall,
 * claims, with their totals. Everything refreshes as blocks come.
 */
import { type Claim, type Debt, type SettlementRun } from "@gridledger/client";

import { useChain } from "../chain/ChainProvider.js";
import { readPages } from "../chain/pages.js";
import { useEnergyParams, useFiatUnits, useParticipants } from "../chain/reads.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading, shortAddress, TestKeyBadge } from "../components/Status.js";
import { formatPeriod } from "../format/periods.js";
import { formatMoney } from "../format/units.js";
import { useOperator } from "../operator/useOperator.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { CollateralForm, SecurityFeeForm, SeizeForm, TransmissionCostForm } from "./OperatorForms.js";
import { debtTotals, fallbackUnit, stageWords } from "./settlement.js";
import { StatementSection } from "./StatementSection.js";
import "./settlement.css";

/** LIST_LIMIT: how many runs, debts and claims the lists read (the totals cover all). */
const LIST_LIMIT = 500;

export function SettlementView() {
  const { chain } = useChain();
  const { account } = useWallet();
  const { operator, acting } = useOperator();
  const banks = useFiatUnits();
  const params = useEnergyParams();
  const participants = useParticipants();
  const periodSeconds = params.data?.periodSeconds ?? 900n;
  const owner = account?.address ?? "";
  const unitOf = (denom: string) => banks.data?.find((b) => b.denom === denom) ?? fallbackUnit(denom);
  const nameOf = (address: string) => participants.data?.get(address)?.displayName ?? shortAddress(address);

  const progress = useChainQuery(["settlement", "progress"], async (client) => {
    const [p, now, settlementParams] = await Promise.all([client.query.settlement.progress(), client.query.energy.periodPhase(0), client.query.settlement.params()]);
    return { ...p, current: now.currentPeriod, params: settlementParams };
  });
  const runs = useChainQuery(["settlement", "runs"], (client) => readPages((page) => client.query.settlement.runs({ ...page, reverse: true, limit: 100 }), (p) => p.runs, LIST_LIMIT));
  const debts = useChainQuery(["settlement", "debts"], async (client) => {
    const first = await client.query.settlement.debts({ limit: 200 });
    const rest = first.pagination !== undefined && first.pagination.nextKey.length > 0 ? await readPages((page) => client.query.settlement.debts({ ...page, limit: 200 }), (p) => p.debts, LIST_LIMIT) : first.debts;
    return { debts: rest, totals: first.totals };
  });
  const claims = useChainQuery(["settlement", "claims"], async (client) => {
    const first = await client.query.settlement.claims({ limit: 200 });
    const rest = first.pagination !== undefined && first.pagination.nextKey.length > 0 ? await readPages((page) => client.query.settlement.claims({ ...page, limit: 200 }), (p) => p.claims, LIST_LIMIT) : first.claims;
    return { claims: rest, totals: first.totals };
  });
  const current = progress.data?.current;
  const operatorParticipant = operator === undefined ? undefined : participants.data?.get(operator);
  const operatorName = operator === undefined ? "the grid operator" : operatorParticipant === undefined ? shortAddress(operator) : `${operatorParticipant.displayName} (${shortAddress(operator)})`;
  const participantList = [...(participants.data?.values() ?? [])].map((p) => ({ address: p.address, name: p.displayName }));

  return (
    <div className="settlement">
      <div className="view-head">
        <h1>Settlement</h1>
        <p className="hint">
          {account === undefined ? (
            <>Choose an account at the top to see your statement.</>
          ) : (
            <>
              {account.name} · <code>{shortAddress(account.address)}</code> {account.testKey ? <TestKeyBadge /> : null} on {chain.name}
            </>
          )}
        </p>
      </div>

      <section className="card" aria-labelledby="progress-title">
        <h2 id="progress-title">Where settlement stands</h2>
        {progress.isError ? (
          <ErrorNote error={progress.error} rpc={chain.rpc} />
        ) : progress.data === undefined ? (
          <Loading label="Reading the settlement progress…" height="4rem" />
        ) : (
          <dl className="settlement-progress" data-testid="settlement-progress">
            <dt>Next period to settle</dt>
            <dd data-testid="next-period">
              {progress.data.nextPeriod.toString()} · {formatPeriod(progress.data.nextPeriod, periodSeconds)}
            </dd>
            <dt>Run</dt>
            <dd data-testid="run-stage">
              {progress.data.running === undefined ? "none running" : `period ${progress.data.running.period.toString()}: ${stageWords(progress.data.running.stage)}`}
              {progress.data.waiting > 0n ? ` · ${progress.data.waiting.toString()} more periods ready` : ""}
            </dd>
            <dt>Reconciled up to</dt>
            <dd>period {progress.data.reconciledBefore > 0n ? (progress.data.reconciledBefore - 1n).toString() : "none"}</dd>
            <dt>Fee window</dt>
            <dd>
              a period settles {(progress.data.params.feeWindowPeriods === 0n ? 4n : progress.data.params.feeWindowPeriods).toString()} periods after it is reconciled; the grid operator declares its transmission cost until then
            </dd>
          </dl>
        )}
      </section>

      {account === undefined ? (
        <section className="card">
          <h2>Your settlement statement</h2>
          <Empty title="No account chosen">Choose an account at the top: its settled charges are listed here.</Empty>
        </section>
      ) : current === undefined ? (
        <section className="card">
          <h2>Your settlement statement</h2>
          {progress.isError ? <ErrorNote error={progress.error} rpc={chain.rpc} /> : <Loading label="Reading the periods…" height="8rem" />}
        </section>
      ) : (
        <StatementSection key={owner} owner={owner} current={current} periodSeconds={periodSeconds} unitOf={unitOf} chainName={chain.name} rpc={chain.rpc} />
      )}

      <section className="card" aria-labelledby="operator-title" data-testid="settlement-operator">
        <h2 id="operator-title">Grid operator</h2>
        <p className="hint" data-testid="operator-name">
          {acting ? "You are the grid operator: you may sign these acts." : `The grid operator is ${operatorName}. You see what is in force; only the operator signs.`}
        </p>
        {banks.data === undefined || current === undefined || participants.data === undefined ? (
          banks.isError ? <ErrorNote error={banks.error} rpc={chain.rpc} /> : <Loading label="Reading the currencies…" height="6rem" />
        ) : banks.data.length === 0 ? (
          <Empty title="No fiat currency yet">Settlement pays in a bank&apos;s fiat; governance approves banks first.</Empty>
        ) : (
          // Keyed by the account: one account's typed values and outcomes never show to the next.
          <div className="settlement-acts" key={owner}>
            <TransmissionCostForm acting={acting} operatorName={operatorName} banks={banks.data} periodSeconds={periodSeconds} current={current} unitOf={unitOf} />
            <SecurityFeeForm acting={acting} operatorName={operatorName} banks={banks.data} periodSeconds={periodSeconds} current={current} unitOf={unitOf} />
            <CollateralForm acting={acting} operatorName={operatorName} banks={banks.data} periodSeconds={periodSeconds} current={current} unitOf={unitOf} participants={participantList} />
            <SeizeForm acting={acting} operatorName={operatorName} unitOf={unitOf} debts={(debts.data?.debts ?? []).filter((d) => d.defaultedPeriod === 0n)} nameOf={nameOf} />
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="runs-title">
        <h2 id="runs-title">Settlement runs</h2>
        {runs.isError ? (
          <ErrorNote error={runs.error} rpc={chain.rpc} />
        ) : runs.data === undefined ? (
          <Loading label="Reading the runs…" height="6rem" />
        ) : runs.data.length === 0 ? (
          <Empty title="No settlement run yet">A period is settled once it is reconciled and its fee window has passed, if anything fell due in it.</Empty>
        ) : (
          <RunsTable runs={runs.data} unitOf={unitOf} periodSeconds={periodSeconds} />
        )}
      </section>

      <section className="card" aria-labelledby="debts-title">
        <h2 id="debts-title">Debts</h2>
        {debts.isError ? (
          <ErrorNote error={debts.error} rpc={chain.rpc} />
        ) : debts.data === undefined ? (
          <Loading label="Reading the debts…" height="6rem" />
        ) : debts.data.debts.length === 0 ? (
          <Empty title="No debts">Every net payer paid its settlement.</Empty>
        ) : (
          <DebtsTable debts={debts.data.debts} unitOf={unitOf} nameOf={nameOf} />
        )}
      </section>

      <section className="card" aria-labelledby="claims-title">
        <h2 id="claims-title">Unpaid claims</h2>
        {claims.isError ? (
          <ErrorNote error={claims.error} rpc={chain.rpc} />
        ) : claims.data === undefined ? (
          <Loading label="Reading the claims…" height="6rem" />
        ) : claims.data.claims.length === 0 ? (
          <Empty title="No unpaid claims">Every net receiver was paid in full.</Empty>
        ) : (
          <ClaimsTable claims={claims.data.claims} totals={claims.data.totals.map((t) => ({ denom: t.denom, amount: BigInt(t.receivable || "0") }))} unitOf={unitOf} nameOf={nameOf} />
        )}
      </section>
    </div>
  );
}

type UnitOf = (denom: string) => ReturnType<typeof fallbackUnit>;

function RunsTable({ runs, unitOf, periodSeconds }: { readonly runs: readonly SettlementRun[]; readonly unitOf: UnitOf; readonly periodSeconds: bigint }) {
  return (
    <div className="table-scroll" tabIndex={0} aria-label="Settlement runs">
      <table className="figures" data-testid="settlement-runs">
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Stage</th>
            <th scope="col" className="num">Tokens</th>
            <th scope="col" className="num">Participants</th>
            <th scope="col" className="num">Gross</th>
            <th scope="col" className="num">Collected</th>
            <th scope="col" className="num">Disbursed</th>
            <th scope="col" className="num">Postponed</th>
            <th scope="col" className="num">Defaults</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.period.toString()} data-testid={`run-${r.period.toString()}`}>
              <td title={formatPeriod(r.period, periodSeconds)}>{r.period.toString()}</td>
              <td>{r.done ? `done (block ${r.finishedHeight.toString()})` : stageWords(r.stage)}</td>
              <td className="num">{r.tokens.toString()}</td>
              <td className="num">{r.participants.toString()}</td>
              <td className="num">{r.denoms.map((d) => formatMoney(BigInt(d.gross || "0"), unitOf(d.denom))).join(" · ") || "—"}</td>
              <td className="num">{r.denoms.map((d) => formatMoney(BigInt(d.collected || "0"), unitOf(d.denom))).join(" · ") || "—"}</td>
              <td className="num">{r.denoms.map((d) => formatMoney(BigInt(d.disbursed || "0"), unitOf(d.denom))).join(" · ") || "—"}</td>
              <td className="num">{r.postponed.toString()}</td>
              <td className="num">{r.defaults.toString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DebtsTable({ debts, unitOf, nameOf }: { readonly debts: readonly Debt[]; readonly unitOf: UnitOf; readonly nameOf: (a: string) => string }) {
  const totals = debtTotals(debts);
  return (
    <>
      <div className="table-scroll" tabIndex={0} aria-label="Debts">
        <table className="figures" data-testid="settlement-debts">
          <thead>
            <tr>
              <th scope="col">Debtor</th>
              <th scope="col" className="num">Owes</th>
              <th scope="col" className="num">Of which late fees</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {debts.map((d) => (
              <tr key={`${d.owner}|${d.denom}`} className={d.defaultedPeriod > 0n ? "defaulted" : undefined}>
                <td>{nameOf(d.owner)}</td>
                <td className="num">{formatMoney(BigInt(d.amount || "0"), unitOf(d.denom))}</td>
                <td className="num">{formatMoney(BigInt(d.lateFees || "0"), unitOf(d.denom))}</td>
                <td>
                  {d.defaultedPeriod > 0n
                    ? `defaulted in period ${d.defaultedPeriod.toString()}`
                    : `postponed ${String(d.postponements)}× since period ${d.sincePeriod.toString()}, asked again in ${d.retryPeriod.toString()}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="settlement-sums" data-testid="debt-totals">
        {totals.map((t) => (
          <li key={t.denom}>
            {unitOf(t.denom).currency}: {formatMoney(t.owed, unitOf(t.denom))} owed in all ({formatMoney(t.lateFees, unitOf(t.denom))} late fees);{" "}
            {t.defaulters === 0 ? "no defaulter" : `shortfall of ${String(t.defaulters)} defaulter${t.defaulters === 1 ? "" : "s"}: ${formatMoney(t.shortfall, unitOf(t.denom))}`}
          </li>
        ))}
      </ul>
    </>
  );
}

function ClaimsTable({ claims, totals, unitOf, nameOf }: { readonly claims: readonly Claim[]; readonly totals: readonly { denom: string; amount: bigint }[]; readonly unitOf: UnitOf; readonly nameOf: (a: string) => string }) {
  return (
    <>
      <div className="table-scroll" tabIndex={0} aria-label="Unpaid claims">
        <table className="figures" data-testid="settlement-claims">
          <thead>
            <tr>
              <th scope="col">Creditor</th>
              <th scope="col" className="num">Is owed</th>
            </tr>
          </thead>
          <tbody>
            {claims.map((c) => (
              <tr key={`${c.owner}|${c.denom}`}>
                <td>{nameOf(c.owner)}</td>
                <td className="num">{formatMoney(BigInt(c.amount || "0"), unitOf(c.denom))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="settlement-sums" data-testid="claim-totals">
        {totals.map((t) => (
          <li key={t.denom}>
            {unitOf(t.denom).currency}: {formatMoney(t.amount, unitOf(t.denom))} owed to creditors in all (equal to the debts)
          </li>
        ))}
      </ul>
    </>
  );
}
