/**
 * Portfolio: the connected account's money (wallet balances and settlement accounts), its
 * admission, the token sides it holds with their asks (offer a side at a price, change the price,
 * withdraw the offer) and what can be done with them (split or disaggregate a token, merge tokens
 * or aggregate sides, cancel a token, alone or jointly with the other owner), its net position per
 * period against its limit, and the joint transactions other owners hand it to co-sign.
 */
import { type GridledgerClient, type Participant, participantStatusToJSON, periodAt, periodStart, roleToJSON, type Token } from "@gridledger/client";
import { useEffect, useState } from "react";

import { readPages } from "../chain/pages.js";
import { useChain } from "../chain/ChainProvider.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading, shortAddress, TestKeyBadge } from "../components/Status.js";
import { useNames } from "../components/useNames.js";
import { formatEnergy, formatMoney } from "../format/units.js";
import { SIDES } from "../market/categories.js";
import { useEnergyParams, useFiatUnits, useHoldings } from "../chain/reads.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { firstOpenPeriod, type Rules } from "./actions.js";
import { CancelDialog } from "./CancelDialog.js";
import { CoSignPanel } from "./CoSignPanel.js";
import { CombineDialog } from "./CombineDialog.js";
import type { Selected } from "./CombineForm.js";
import { PositionChart } from "./PositionChart.js";
import { SidesTable, sideKey } from "./SidesTable.js";
import { SplitDialog } from "./SplitDialog.js";
import "./portfolio.css";

async function allTokens(client: GridledgerClient, owner: string): Promise<Token[]> {
  // A token whose two sides the owner holds is listed once per side: keep it once.
  const out = new Map((await readPages((page) => client.query.energy.tokensByOwner(owner, page), (p) => p.tokens, 1_000)).map((t) => [t.id, t]));
  return [...out.values()].sort((a, b) => (a.firstPeriod < b.firstPeriod ? -1 : a.firstPeriod > b.firstPeriod ? 1 : Number(a.id - b.id)));
}

type Dialog = { readonly kind: "split" | "cancel"; readonly token: Token } | { readonly kind: "combine" };

/** firstDeliveryDay is the local day of the first period still to come of the tokens (today when none). */
function firstDeliveryDay(tokens: readonly Token[], periodSeconds: bigint): Date {
  const now = periodAt(new Date(), periodSeconds);
  const next = tokens.map((t) => (t.firstPeriod > now ? t.firstPeriod : t.lastPeriod >= now ? now : undefined)).filter((p): p is bigint => p !== undefined);
  const first = next.length === 0 ? now : next.reduce((a, b) => (b < a ? b : a));
  const start = periodStart(first, periodSeconds);
  return new Date(start.getFullYear(), start.getMonth(), start.getDate());
}

const pretty = (json: string, prefix: string) => json.replace(prefix, "").toLowerCase().replace(/_/g, " ");

export function PortfolioView() {
  const { chain } = useChain();
  const { account } = useWallet();
  const banks = useFiatUnits();
  const params = useEnergyParams();
  const owner = account?.address ?? "";
  const money = useHoldings(owner, banks.data?.map((b) => b.denom));
  const participant = useChainQuery(["portfolio", "participant", owner], (client) => client.query.balancing.participant(owner).catch((): Participant | null => null), {
    enabled: owner !== "",
    refresh: "slow",
  });
  const tokens = useChainQuery(["portfolio", "tokens", owner], (client) => allTokens(client, owner), { enabled: owner !== "" });
  const name = useNames();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog | undefined>(undefined);
  const [day, setDay] = useState<Date | undefined>(undefined);
  // A selection belongs to one account; sides that are gone (split, merged, sold) leave it.
  useEffect(() => setSelected(new Set()), [owner]);
  const selectedSides: Selected[] = (tokens.data ?? []).flatMap((token) => SIDES.filter((side) => selected.has(sideKey(token.id, side))).map((side) => ({ token, side })));
  const rules: Rules | undefined = params.data === undefined ? undefined : { params: params.data, now: Date.now() / 1000 };
  const chartDay = day ?? firstDeliveryDay(tokens.data ?? [], params.data?.periodSeconds ?? 900n);

  if (account === undefined) {
    return (
      <div className="portfolio">
        <h1>Portfolio</h1>
        <Empty title="No account chosen">Choose an account at the top: a demo account on a local network, or your Keplr wallet.</Empty>
      </div>
    );
  }
  const periodSeconds = params.data?.periodSeconds ?? 900n;
  const unitOf = (denom: string) => banks.data?.find((b) => b.denom === denom);
  return (
    <div className="portfolio">
      <div className="view-head">
        <h1>Portfolio</h1>
        <p className="hint">
          {account.name} · <code>{shortAddress(account.address)}</code> {account.testKey ? <TestKeyBadge /> : null} on {chain.name}
        </p>
      </div>
      <div className="cards">
        <section className="card" aria-labelledby="money-title">
          <h2 id="money-title">Money</h2>
          {money.isError ? (
            <ErrorNote error={money.error} rpc={chain.rpc} />
          ) : money.data === undefined ? (
            <Loading label="Reading balances…" height="5rem" />
          ) : money.data.length === 0 ? (
            <Empty title="No currency on this chain" />
          ) : (
            <div className="table-scroll" tabIndex={0} aria-label="Your money">
            <table className="figures" data-testid="money">
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
                    of which locked
                  </th>
                </tr>
              </thead>
              <tbody>
                {money.data.map((m) => {
                  const unit = unitOf(m.denom) ?? { denom: m.denom, currency: m.denom, exponent: 0 };
                  return (
                    <tr key={m.denom}>
                      <td>{unit.currency}</td>
                      <td className="num">{formatMoney(m.wallet, unit)}</td>
                      <td className="num" data-testid={`settlement-${m.denom}`}>
                        {formatMoney(m.settlement, unit)}
                      </td>
                      <td className="num">{formatMoney(m.locked, unit)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            </div>
          )}
        </section>
        <section className="card" aria-labelledby="admission-title">
          <h2 id="admission-title">Admission</h2>
          {participant.data === undefined ? (
            <Loading label="Reading the registry…" height="5rem" />
          ) : participant.data === null ? (
            <p>Not admitted on {chain.name}: the chain refuses this account&apos;s transactions. Ask the grid operator to admit it.</p>
          ) : (
            <dl className="facts">
              <dt>Name</dt>
              <dd>{participant.data.displayName}</dd>
              <dt>Roles</dt>
              <dd>{participant.data.roles.map((r) => pretty(roleToJSON(r), "ROLE_")).join(", ")}</dd>
              <dt>Status</dt>
              <dd>{pretty(participantStatusToJSON(participant.data.status), "PARTICIPANT_STATUS_")}</dd>
              <dt>Position limit</dt>
              <dd>±{formatEnergy(participant.data.positionLimitWh)} per period</dd>
            </dl>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="sides-title">
        <div className="card-head">
          <h2 id="sides-title">Your token sides</h2>
          <div className="selection" aria-live="polite">
            <span data-testid="selected-count">
              {selectedSides.length} side{selectedSides.length === 1 ? "" : "s"} selected
            </span>{" "}
            <button type="button" onClick={() => setDialog({ kind: "combine" })} disabled={selectedSides.length < 2 || rules === undefined} data-testid="combine">
              Merge or aggregate…
            </button>{" "}
            <button type="button" onClick={() => setSelected(new Set())} disabled={selectedSides.length === 0}>
              Clear
            </button>
          </div>
        </div>
        {tokens.isError ? (
          <ErrorNote error={tokens.error} rpc={chain.rpc} />
        ) : tokens.data === undefined ? (
          <Loading label="Reading your tokens…" height="8rem" />
        ) : tokens.data.length === 0 ? (
          <Empty title="No tokens">Buy a side on the Market, or issue a token at one of your meters.</Empty>
        ) : (
          <SidesTable
            tokens={tokens.data}
            owner={owner}
            periodSeconds={periodSeconds}
            banks={banks.data ?? []}
            unitOf={unitOf}
            selected={selected}
            onSelect={(t, side, on) => {
              const next = new Set(selected);
              if (on) next.add(sideKey(t.id, side));
              else next.delete(sideKey(t.id, side));
              setSelected(next);
            }}
            onSplit={(token) => setDialog({ kind: "split", token })}
            onCancel={(token) => setDialog({ kind: "cancel", token })}
            open={(t) => rules === undefined || t.firstPeriod >= firstOpenPeriod(rules.params, rules.now)}
          />
        )}
      </section>
      <PositionChart owner={owner} limitWh={participant.data?.positionLimitWh} day={chartDay} onDay={setDay} periodSeconds={periodSeconds} rpc={chain.rpc} />
      <CoSignPanel name={name} periodSeconds={periodSeconds} />
      {dialog === undefined || rules === undefined ? null : dialog.kind === "split" ? (
        <SplitDialog token={dialog.token} rules={rules} unit={unitOf(dialog.token.faceValuePerMwh?.denom ?? "")} name={name} onClose={() => setDialog(undefined)} />
      ) : dialog.kind === "cancel" ? (
        <CancelDialog token={dialog.token} rules={rules} unit={unitOf(dialog.token.faceValuePerMwh?.denom ?? "")} name={name} onClose={() => setDialog(undefined)} />
      ) : (
        <CombineDialog
          selected={selectedSides}
          rules={rules}
          unit={unitOf(selectedSides[0]?.token.faceValuePerMwh?.denom ?? "")}
          name={name}
          onClose={(done) => {
            if (done) setSelected(new Set());
            setDialog(undefined);
          }}
        />
      )}
    </div>
  );
}
