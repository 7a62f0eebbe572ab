/**
 * Fiat: the connected participant's money per currency (wallet, settlement account, locked
 * collateral), deposits into and withdrawals from the settlement account, redemptions at the bank
 * and their state; for a bank's own account, its reserve, minted, redeemed and outstanding fiat and
 * fees, with reserve attestations, mints and the payouts it owes. Every action is previewed (amount,
 * fee, balances after) before it is signed.
 */
import { type AuditEntry, AuditKind, BankEntityStatus, type GridledgerClient, ParticipantStatus, type Redemption, RedemptionStatus } from "@gridledger/client";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";

import { chainKey, useChain } from "../chain/ChainProvider.js";
import { type Bank, useParticipants } from "../chain/reads.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading, shortAddress, TestKeyBadge } from "../components/Status.js";
import { useNames } from "../components/useNames.js";
import { formatMoney } from "../format/units.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { type BankTotals, feeRule, hexToBytes, type MoveKind, outstanding } from "./amounts.js";
import { AttestForm, MintForm } from "./BankForms.js";
import { MoveForm } from "./MoveForm.js";
import "./fiat.css";

/** READ_REDEMPTIONS: at most this many redemptions are read per bank and block. */
const READ_REDEMPTIONS = 2_000;

async function allRedemptions(client: GridledgerClient, denom: string): Promise<Redemption[]> {
  const out: Redemption[] = [];
  let key: Uint8Array | undefined;
  do {
    const page = await client.query.fiat.redemptions(denom, key === undefined ? {} : { paginationKey: key });
    out.push(...page.redemptions);
    key = page.pagination?.nextKey !== undefined && page.pagination.nextKey.length > 0 ? page.pagination.nextKey : undefined;
  } while (key !== undefined && out.length < READ_REDEMPTIONS);
  return out.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** AUDIT_SHOWN: the bank sees its latest audit entries; the whole trail is in query.fiat.auditTrail. */
const AUDIT_SHOWN = 20;

/** latestAudit reads a bank's audit trail (oldest first, paged) and keeps the newest entries. */
async function latestAudit(client: GridledgerClient, denom: string): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let key: Uint8Array | undefined;
  do {
    const page = await client.query.fiat.auditTrail(denom, key === undefined ? {} : { paginationKey: key });
    out.push(...page.entries);
    if (out.length > 4 * AUDIT_SHOWN) out.splice(0, out.length - AUDIT_SHOWN);
    key = page.pagination?.nextKey !== undefined && page.pagination.nextKey.length > 0 ? page.pagination.nextKey : undefined;
  } while (key !== undefined);
  return out.slice(-AUDIT_SHOWN).reverse();
}

const AUDIT_WORDS: Readonly<Record<number, string>> = {
  [AuditKind.AUDIT_KIND_ATTESTATION]: "reserve attested",
  [AuditKind.AUDIT_KIND_MINT]: "minted",
  [AuditKind.AUDIT_KIND_REDEMPTION]: "redemption requested",
  [AuditKind.AUDIT_KIND_PAYOUT]: "paid out",
};

const totalsOf = (b: Bank): BankTotals => ({
  reserve: BigInt(b.entity.reserve || "0"),
  minted: BigInt(b.entity.minted || "0"),
  burned: BigInt(b.entity.burned || "0"),
  feesReceived: BigInt(b.entity.feesReceived || "0"),
});

/** admittedIn: the chain takes deposits only from admitted participants that are not excluded. */
function admittedIn(participants: ReadonlyMap<string, { readonly status: ParticipantStatus }>, address: string): boolean {
  const p = participants.get(address);
  return p !== undefined && p.status !== ParticipantStatus.PARTICIPANT_STATUS_EXCLUDED;
}

const statusWords = (r: Redemption) => (r.status === RedemptionStatus.REDEMPTION_STATUS_PAID ? "paid out" : r.status === RedemptionStatus.REDEMPTION_STATUS_PENDING ? "pending" : "unknown");

const MOVES: readonly { kind: MoveKind; label: string }[] = [
  { kind: "deposit", label: "Deposit" },
  { kind: "withdraw", label: "Withdraw" },
  { kind: "redeem", label: "Redeem" },
];

export function FiatView() {
  const { chain } = useChain();
  const { account, signer } = useWallet();
  const name = useNames();
  const queryClient = useQueryClient();
  const participants = useParticipants();
  const owner = account?.address ?? "";
  const refresh = () => queryClient.invalidateQueries({ queryKey: chainKey(chain) });

  // The banks with their totals, every block: a bank watches its own figures move.
  const banks = useChainQuery(["fiat", "view", "banks"], async (client): Promise<Bank[]> => {
    const { banks: list } = await client.query.fiat.banks();
    return list.map((b) => ({ denom: b.denom, currency: b.currency, exponent: b.exponent, entity: b }));
  });
  const money = useChainQuery(
    ["fiat", "view", "money", owner, banks.data?.map((b) => b.denom) ?? []],
    async (client) =>
      Promise.all(
        (banks.data ?? []).map(async (b) => {
          const [wallet, settlement] = await Promise.all([client.query.bank.balance(owner, b.denom), client.query.fiat.settlementAccount(owner, b.denom)]);
          return { denom: b.denom, wallet: BigInt(wallet.amount), settlement: BigInt(settlement.balance || "0"), locked: BigInt(settlement.locked || "0") };
        }),
      ),
    { enabled: owner !== "" && banks.data !== undefined },
  );
  const redemptions = useChainQuery(
    ["fiat", "view", "redemptions", banks.data?.map((b) => b.denom) ?? []],
    async (client) => new Map(await Promise.all((banks.data ?? []).map(async (b) => [b.denom, await allRedemptions(client, b.denom)] as const))),
    { enabled: banks.data !== undefined },
  );

  const [denom, setDenom] = useState<string | undefined>(undefined);
  const [move, setMove] = useState<MoveKind>("deposit");
  const units = banks.data ?? [];
  const unit = units.find((b) => b.denom === denom) ?? units[0];
  const holdings = money.data?.find((m) => m.denom === unit?.denom);
  const mine = [...(redemptions.data?.values() ?? [])].flat().filter((r) => r.holder === owner);
  const ownBanks = units.filter((b) => owner !== "" && b.entity.address === owner);
  const unitOf = (d: string) => units.find((b) => b.denom === d) ?? { denom: d, currency: d, exponent: 0 };
  const signerName = account === undefined ? undefined : name(account.address);

  const head = (
    <div className="view-head">
      <h1>Fiat</h1>
      {account === undefined ? null : (
        <p className="hint">
          {account.name} · <code>{shortAddress(account.address)}</code> {account.testKey ? <TestKeyBadge /> : null} on {chain.name}
        </p>
      )}
    </div>
  );

  const banksCard = (
    <section className="card" aria-labelledby="fiat-banks-title">
      <h2 id="fiat-banks-title">Banks on {chain.name}</h2>
      {banks.isError ? (
        <ErrorNote error={banks.error} rpc={chain.rpc} />
      ) : banks.data === undefined ? (
        <Loading label="Reading the banks…" height="5rem" />
      ) : banks.data.length === 0 ? (
        <Empty title="No bank issues fiat on this chain">Governance approves banks (x/fiat MsgApproveBank in a proposal); until then nothing can be paid here.</Empty>
      ) : (
        <div className="table-scroll" tabIndex={0} aria-label="Banks">
          <table className="figures fiat-cardrows" data-testid="banks">
            <thead>
              <tr>
                <th scope="col">Currency</th>
                <th scope="col">Bank</th>
                <th scope="col" className="num">
                  Reserve
                </th>
                <th scope="col" className="num">
                  Outstanding
                </th>
                <th scope="col">Fee</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {banks.data.map((b) => (
                <tr key={b.denom}>
                  <td data-label="Currency">
                    {b.currency} <span className="hint">{b.denom}</span>
                  </td>
                  <td data-label="Bank">{name(b.entity.address)}</td>
                  <td data-label="Reserve" className="num">{formatMoney(totalsOf(b).reserve, b)}</td>
                  <td data-label="Outstanding" className="num">{formatMoney(outstanding(totalsOf(b)), b)}</td>
                  <td data-label="Fee">{feeRule(b.entity.feeModel, b).replace(/^the bank charges /, "")}</td>
                  <td data-label="Status">{b.entity.status === BankEntityStatus.BANK_ENTITY_STATUS_REVOKED ? "revoked: no more minting" : "active"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );

  if (account === undefined) {
    return (
      <div className="fiat">
        {head}
        <Empty title="No account chosen">Choose an account at the top: a demo account on a local network, or your Keplr wallet.</Empty>
        {banksCard}
      </div>
    );
  }

  return (
    <div className="fiat">
      {head}
      {ownBanks.map((b) => (
        <BankPanel
          key={b.denom}
          bank={b}
          redemptions={redemptions.data?.get(b.denom)}
          redemptionsError={redemptions.error}
          units={units}
          signerName={signerName}
          recipients={[...(participants.data?.values() ?? [])]
            .filter((p) => p.status !== ParticipantStatus.PARTICIPANT_STATUS_EXCLUDED)
            .map((p) => ({ address: p.address, name: p.displayName }))
            .sort((x, y) => x.name.localeCompare(y.name))}
          onChanged={refresh}
        />
      ))}
      <div className="cards">
        <section className="card" aria-labelledby="fiat-money-title">
          <h2 id="fiat-money-title">Your money</h2>
          {money.isError || banks.isError ? (
            <ErrorNote error={money.error ?? banks.error} rpc={chain.rpc} />
          ) : banks.data?.length === 0 ? (
            <Empty title="No currency on this chain" />
          ) : money.data === undefined ? (
            <Loading label="Reading your balances…" height="6rem" />
          ) : (
            <>
              <div className="table-scroll" tabIndex={0} aria-label="Your money">
                <table className="figures fiat-cardrows" data-testid="money">
                  <thead>
                    <tr>
                      <th scope="col">Currency</th>
                      <th scope="col" className="num">
                        Wallet
                      </th>
                      <th scope="col" className="num">
                        Settlement account
                      </th>
                      <th scope="col" className="num">
                        locked
                      </th>
                      <th scope="col" className="num">
                        can withdraw
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {money.data.map((m) => {
                      const u = unitOf(m.denom);
                      return (
                        <tr key={m.denom} data-testid={`money-${m.denom}`}>
                          <td data-label="Currency">{u.currency}</td>
                          <td data-label="Wallet" className="num" data-testid="wallet">
                            {formatMoney(m.wallet, u)}
                          </td>
                          <td data-label="Settlement account" className="num" data-testid="settlement">
                            {formatMoney(m.settlement, u)}
                          </td>
                          <td data-label="Locked" className="num" data-testid="locked">
                            {formatMoney(m.locked, u)}
                          </td>
                          <td data-label="Can withdraw" className="num" data-testid="available">
                            {formatMoney(m.settlement - m.locked, u)}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <p className="hint">
                The market and settlement pay from the settlement account. Locked money is collateral the grid operator holds; only the operator locks and unlocks it.
              </p>
            </>
          )}
        </section>
        <section className="card" aria-labelledby="fiat-move-title">
          <div className="card-head">
            <h2 id="fiat-move-title">Move money</h2>
            {units.length > 1 ? (
              <label className="fiat-currency">
                Currency{" "}
                <select value={unit?.denom ?? ""} onChange={(e) => setDenom(e.target.value)}>
                  {units.map((b) => (
                    <option key={b.denom} value={b.denom}>
                      {b.currency} ({b.denom})
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
          </div>
          <div className="fiat-tabs" role="group" aria-label="What to do">
            {MOVES.map((m) => (
              <button key={m.kind} type="button" aria-pressed={move === m.kind} className={move === m.kind ? "selected" : undefined} onClick={() => setMove(m.kind)}>
                {m.label}
              </button>
            ))}
          </div>
          {unit === undefined || holdings === undefined ? (
            money.isError ? null : banks.data?.length === 0 ? <Empty title="Nothing to move: no bank issues fiat here" /> : <Loading label="Reading your balances…" height="9rem" />
          ) : (
            <MoveForm
              key={`${owner}-${move}-${unit.denom}`}
              kind={move}
              unit={unit}
              feeModel={unit.entity.feeModel}
              holdings={holdings}
              admitted={participants.data === undefined ? true : admittedIn(participants.data, owner)}
              rpc={chain.rpc}
              units={units}
              {...(signerName === undefined ? {} : { signerName })}
              submit={async (amount, reference) => {
                if (signer === undefined) throw new Error("Choose an account first.");
                const coin = { denom: unit.denom, amount };
                try {
                  if (move === "deposit") await signer.deposit(account.address, coin);
                  else if (move === "withdraw") await signer.withdraw(account.address, coin);
                  else return await signer.redeem(account.address, coin, reference);
                  return undefined;
                } finally {
                  void refresh();
                }
              }}
            />
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="fiat-redemptions-title">
        <h2 id="fiat-redemptions-title">Your redemption requests</h2>
        {redemptions.isError ? (
          <ErrorNote error={redemptions.error} rpc={chain.rpc} />
        ) : redemptions.data === undefined ? (
          <Loading label="Reading redemptions…" height="5rem" />
        ) : mine.length === 0 ? (
          <Empty title="No redemption requests">Redeem fiat above: it is burned at once, and the bank pays it out to your payout reference.</Empty>
        ) : (
          <RedemptionTable rows={mine} unitOf={unitOf} />
        )}
      </section>
      {banksCard}
    </div>
  );
}

function RedemptionTable({ rows, unitOf, action }: { readonly rows: readonly Redemption[]; readonly unitOf: (denom: string) => Bank | { denom: string; currency: string; exponent: number }; readonly action?: (r: Redemption) => ReactNode }) {
  const name = useNames();
  return (
    <div className="table-scroll" tabIndex={0} aria-label="Redemption requests">
      <table className="figures fiat-redemptions fiat-cardrows">
        <thead>
          <tr>
            <th scope="col">#</th>
            {action === undefined ? null : <th scope="col">Holder</th>}
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Payout reference</th>
            <th scope="col">Requested</th>
            <th scope="col">State</th>
            {action === undefined ? null : <th scope="col">Payout</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id.toString()} data-testid={`redemption-${r.id.toString()}`}>
              <td data-label="Request">#{r.id.toString()}</td>
              {action === undefined ? null : <td data-label="Holder">{name(r.holder)}</td>}
              <td data-label="Amount" className="num">{formatMoney(BigInt(r.amount || "0"), unitOf(r.denom))}</td>
              <td data-label="Payout reference">
                <code>{r.payoutReference}</code>
              </td>
              <td data-label="Requested">block {r.requestedHeight.toLocaleString("en-GB")}</td>
              <td data-label="State" data-testid="state">
                <span className={`fiat-state ${r.status === RedemptionStatus.REDEMPTION_STATUS_PAID ? "paid" : "pending"}`}>{statusWords(r)}</span>
                {r.paidHeight > 0n ? <span className="hint"> at block {r.paidHeight.toLocaleString("en-GB")}</span> : null}
              </td>
              {action === undefined ? null : <td data-label="Payout">{action(r)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface BankPanelProps {
  readonly bank: Bank;
  readonly redemptions: readonly Redemption[] | undefined;
  readonly redemptionsError: unknown;
  readonly units: readonly Bank[];
  readonly signerName: string | undefined;
  readonly recipients: readonly { address: string; name: string }[];
  readonly onChanged: () => unknown;
}

/** BankPanel is what the connected bank sees of its own denom. */
function BankPanel({ bank, redemptions, redemptionsError, units, signerName, recipients, onChanged }: BankPanelProps) {
  const { chain } = useChain();
  const { account, signer } = useWallet();
  const totals = totalsOf(bank);
  const out = outstanding(totals);
  const [confirming, setConfirming] = useState<bigint | undefined>(undefined);
  const [paying, setPaying] = useState<bigint | undefined>(undefined);
  const [payError, setPayError] = useState<unknown>(undefined);
  const pending = (redemptions ?? []).filter((r) => r.status === RedemptionStatus.REDEMPTION_STATUS_PENDING);
  const paid = (redemptions ?? []).filter((r) => r.status === RedemptionStatus.REDEMPTION_STATUS_PAID).slice(0, 10);
  const hash = Array.from(bank.entity.reserveStatementHash ?? new Uint8Array(), (b) => b.toString(16).padStart(2, "0")).join("");
  const common = { unit: bank, totals, rpc: chain.rpc, units, ...(signerName === undefined ? {} : { signerName }) };
  const name = useNames();
  const audit = useChainQuery(["fiat", "view", "audit", bank.denom], (client) => latestAudit(client, bank.denom), { refresh: "slow" });

  const markPaid = async (r: Redemption) => {
    if (signer === undefined || account === undefined) return;
    setPaying(r.id);
    setPayError(undefined);
    try {
      await signer.markRedemptionPaid(account.address, r.id);
      setConfirming(undefined);
    } catch (err) {
      setPayError(err);
    } finally {
      setPaying(undefined);
      void onChanged();
    }
  };

  return (
    <section className="card fiat-bank" aria-labelledby={`bank-${bank.denom}-title`} data-testid={`bank-${bank.denom}`}>
      <h2 id={`bank-${bank.denom}-title`}>
        Your bank: {bank.currency} <span className="hint">{bank.denom}</span>
      </h2>
      <dl className="facts fiat-totals">
        <dt>Reserve attested</dt>
        <dd data-testid="reserve">
          {formatMoney(totals.reserve, bank)}
          {hash === "" ? null : (
            <span className="hint">
              {" "}
              statement <code title={hash}>{hash.slice(0, 12)}…</code>
            </span>
          )}
        </dd>
        <dt>Minted</dt>
        <dd data-testid="minted">{formatMoney(totals.minted, bank)}</dd>
        <dt>Redeemed (burned)</dt>
        <dd data-testid="burned">{formatMoney(totals.burned, bank)}</dd>
        <dt>Outstanding</dt>
        <dd data-testid="outstanding">
          <strong>{formatMoney(out, bank)}</strong> <span className="hint">(minted − redeemed; never above the reserve)</span>
        </dd>
        <dt>Room to mint</dt>
        <dd data-testid="headroom">{formatMoney(totals.reserve - out > 0n ? totals.reserve - out : 0n, bank)}</dd>
        <dt>Fees received</dt>
        <dd data-testid="fees">
          {formatMoney(totals.feesReceived, bank)} <span className="hint">({feeRule(bank.entity.feeModel, bank).replace(/^the bank charges/, "you charge")})</span>
        </dd>
        <dt>Status</dt>
        <dd>{bank.entity.status === BankEntityStatus.BANK_ENTITY_STATUS_REVOKED ? "revoked by governance: you may no longer mint; holders still redeem" : "active"}</dd>
      </dl>

      <h3>Redemptions to pay out</h3>
      {redemptionsError !== null && redemptionsError !== undefined ? (
        <ErrorNote error={redemptionsError} rpc={chain.rpc} />
      ) : redemptions === undefined ? (
        <Loading label="Reading redemptions…" height="4rem" />
      ) : pending.length === 0 ? (
        <Empty title="No pending redemptions">When a holder redeems, the request waits here until you mark it paid.</Empty>
      ) : (
        <div data-testid="pending-redemptions">
          <RedemptionTable
            rows={pending}
            unitOf={() => bank}
            action={(r) =>
              confirming === r.id ? (
                <span className="fiat-confirm-paid">
                  <span className="hint">Paid {formatMoney(BigInt(r.amount || "0"), bank)} to {r.payoutReference}? No fee.</span>{" "}
                  <button type="button" className="primary" onClick={() => void markPaid(r)} disabled={paying !== undefined} autoFocus>
                    {paying === r.id ? "Signing…" : `Confirm #${r.id.toString()} paid`}
                  </button>{" "}
                  <button type="button" onClick={() => setConfirming(undefined)} disabled={paying !== undefined}>
                    Cancel
                  </button>
                </span>
              ) : (
                <button type="button" onClick={() => setConfirming(r.id)} disabled={paying !== undefined} aria-label={`Mark redemption #${r.id.toString()} paid`}>
                  Mark paid…
                </button>
              )
            }
          />
        </div>
      )}
      {payError === undefined ? null : <ErrorNote error={payError} rpc={chain.rpc} units={units} title="Not marked paid." />}
      {paid.length === 0 ? null : (
        <details className="fiat-paid">
          <summary>Recently paid out ({paid.length})</summary>
          <RedemptionTable rows={paid} unitOf={() => bank} />
        </details>
      )}

      <details className="fiat-audit" data-testid="audit">
        <summary>Audit trail (latest {AUDIT_SHOWN})</summary>
        {audit.isError ? (
          <ErrorNote error={audit.error} rpc={chain.rpc} />
        ) : audit.data === undefined ? (
          <Loading label="Reading the audit trail…" height="4rem" />
        ) : audit.data.length === 0 ? (
          <Empty title="Nothing recorded yet" />
        ) : (
          <div className="table-scroll" tabIndex={0} aria-label="Audit trail">
            <table className="figures fiat-cardrows">
              <thead>
                <tr>
                  <th scope="col">Block</th>
                  <th scope="col">What</th>
                  <th scope="col">Participant</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">Reference</th>
                </tr>
              </thead>
              <tbody>
                {audit.data.map((e) => (
                  <tr key={e.id.toString()}>
                    <td data-label="Block">{e.height.toLocaleString("en-GB")}</td>
                    <td data-label="What">
                      {AUDIT_WORDS[e.kind] ?? "unknown"}
                      {e.redemptionId > 0n ? ` #${e.redemptionId.toString()}` : ""}
                    </td>
                    <td data-label="Participant">{e.account === "" ? "—" : name(e.account)}</td>
                    <td data-label="Amount" className="num">
                      {formatMoney(BigInt(e.amount || "0"), bank)}
                    </td>
                    <td data-label="Reference">
                      <code className="fiat-hash">{e.kind === AuditKind.AUDIT_KIND_ATTESTATION ? `${e.reference.slice(0, 16)}…` : e.reference}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>

      <div className="cards">
        <div className="fiat-subcard">
          <h3>Attest the reserve</h3>
          <AttestForm
            {...common}
            submit={async (reserve, statementHex) => {
              if (signer === undefined || account === undefined) throw new Error("Choose an account first.");
              try {
                return await signer.attestReserve(account.address, { denom: bank.denom, reserve, statementHash: hexToBytes(statementHex) });
              } finally {
                void onChanged();
              }
            }}
          />
        </div>
        <div className="fiat-subcard">
          <h3>Mint against a deposit</h3>
          <MintForm
            {...common}
            recipients={recipients}
            submit={async (recipient, amount, depositReference) => {
              if (signer === undefined || account === undefined) throw new Error("Choose an account first.");
              try {
                return await signer.mint(account.address, { denom: bank.denom, recipient, amount, depositReference });
              } finally {
                void onChanged();
              }
            }}
          />
        </div>
      </div>
    </section>
  );
}
