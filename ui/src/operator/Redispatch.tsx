/**
 * Redispatch (seed §3.3.3): before delivery, open or frozen at gate closure, the grid operator
 * moves a token's side to another participant's meter, paying the side's previous owner the
 * token's redispatch price for its energy. Only tokens that offer redispatch are listed.
 */
import { type GridledgerClient, type Participant, ParticipantStatus, periodStart, type RedispatchInput, Side, type Token, TokenStatus } from "@gridledger/client";
import { useState } from "react";

import { useChain } from "../chain/ChainProvider.js";
import { useEnergyParams, useFiatUnits, useParticipants } from "../chain/reads.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading } from "../components/Status.js";
import { useNames } from "../components/useNames.js";
import { formatWindow } from "../format/periods.js";
import { type FiatUnit, formatEnergy, formatMoney, formatPrice } from "../format/units.js";
import { categoryName, sideName } from "../market/categories.js";
import { ConfirmDialog } from "./ConfirmDialog.js";
import { useOperatorAct } from "./useOperator.js";

/** READ_OWNERS: the participants whose tokens are read for the list (one query each, every fifth block). */
const READ_OWNERS = 40;

/** redispatchable: live tokens that offer redispatch and whose delivery has not begun. */
export function redispatchable(token: Token, nowSeconds: number, periodSeconds: bigint): boolean {
  return token.status === TokenStatus.TOKEN_STATUS_ACTIVE && token.capabilities?.redispatch?.offered === true && periodStart(token.firstPeriod, periodSeconds).getTime() / 1000 > nowSeconds;
}

/** compensation is what the side's previous owner receives: the redispatch price for all the token's energy. */
export function compensation(token: Token): bigint {
  const wh = token.whPerPeriod * (token.lastPeriod - token.firstPeriod + 1n);
  return ((token.capabilities?.redispatch?.pricePerMwh ?? 0n) * wh) / 1_000_000n;
}

async function candidates(client: GridledgerClient, owners: readonly string[], periodSeconds: bigint): Promise<Token[]> {
  const now = Date.now() / 1000;
  const pages = await Promise.all(owners.slice(0, READ_OWNERS).map((o) => client.query.energy.tokensByOwner(o).then((r) => r.tokens)));
  const seen = new Map<bigint, Token>();
  for (const t of pages.flat()) if (redispatchable(t, now, periodSeconds)) seen.set(t.id, t);
  return [...seen.values()].sort((a, b) => (a.firstPeriod < b.firstPeriod ? -1 : a.firstPeriod > b.firstPeriod ? 1 : Number(a.id - b.id)));
}

function RedispatchDialog({ token, side, participants, unit, onClose }: { readonly token: Token; readonly side: Side; readonly participants: readonly Participant[]; readonly unit: FiatUnit; readonly onClose: () => void }) {
  const name = useNames();
  const from = (side === Side.SIDE_PRODUCER ? token.producer : token.consumer)?.owner ?? "";
  const [to, setTo] = useState("");
  const [meter, setMeter] = useState("");
  const act = useOperatorAct((signer, op, input: RedispatchInput) => signer.redispatch(op, input));
  const targets = participants.filter((p) => p.status === ParticipantStatus.PARTICIPANT_STATUS_ACTIVE && p.address !== from);
  if (act.isSuccess) {
    return (
      <ConfirmDialog title={`Redispatch token #${token.id.toString()}`} confirm="Close" onConfirm={onClose} onClose={onClose} pending={false} error={undefined} done>
        <p className="success" role="status" data-testid="redispatch-done">
          Redispatched: the {sideName(side)} is {name(to)}&apos;s now; {name(from)} received {formatMoney(act.data, unit)}.
        </p>
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog
      title={`Redispatch the ${sideName(side)} of token #${token.id.toString()}`}
      confirm="Redispatch"
      onConfirm={() => act.mutate({ tokenId: token.id, side, to, ...(meter.trim() === "" ? {} : { meterId: meter.trim() }) })}
      onClose={onClose}
      pending={act.isPending}
      error={act.error}
      disabled={to === ""}
    >
      <p>
        {formatEnergy(token.whPerPeriod)} per period, {categoryName(token.category)}; now held by {name(from)}, who receives the redispatch price of{" "}
        {formatPrice(token.capabilities?.redispatch?.pricePerMwh ?? 0n, unit)}: <strong>{formatMoney(compensation(token), unit)}</strong> paid by you.
      </p>
      <div className="field">
        <label htmlFor="redispatch-to">To</label>
        <select id="redispatch-to" value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">Choose an active participant…</option>
          {targets.map((p) => (
            <option key={p.address} value={p.address}>
              {p.displayName}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="redispatch-meter">Their meter (empty: their virtual meter of the category)</label>
        <input id="redispatch-meter" value={meter} onChange={(e) => setMeter(e.target.value)} autoComplete="off" spellCheck={false} />
      </div>
      <p className="hint">The new owner&apos;s position limit must allow the side.</p>
    </ConfirmDialog>
  );
}

export function RedispatchSection({ acting }: { readonly acting: boolean }) {
  const { chain } = useChain();
  const name = useNames();
  const params = useEnergyParams();
  const banks = useFiatUnits();
  const participants = useParticipants();
  const periodSeconds = params.data?.periodSeconds ?? 900n;
  const gate = params.data?.gateClosureSeconds ?? 900n;
  const owners = [...(participants.data?.values() ?? [])].filter((p) => p.status !== ParticipantStatus.PARTICIPANT_STATUS_EXCLUDED).map((p) => p.address);
  const tokens = useChainQuery(["operator", "redispatchable", owners], (client) => candidates(client, owners, periodSeconds), { enabled: participants.data !== undefined && params.data !== undefined, refresh: "slow" });
  const [open, setOpen] = useState<{ token: Token; side: Side } | undefined>(undefined);
  const unitOf = (denom: string): FiatUnit => banks.data?.find((b) => b.denom === denom) ?? { denom, currency: denom, exponent: 0 };
  const now = Date.now() / 1000;

  return (
    <section className="card" aria-labelledby="redispatch-title">
      <h2 id="redispatch-title">Redispatch</h2>
      <p className="hint">Tokens that offer redispatch and are not yet delivering; frozen ones (past gate closure) can only be moved by you.</p>
      {tokens.isError ? (
        <ErrorNote error={tokens.error} rpc={chain.rpc} />
      ) : tokens.data === undefined ? (
        <Loading label="Reading the participants' tokens…" height="6rem" />
      ) : tokens.data.length === 0 ? (
        <Empty title="No token to redispatch">No live token that offers redispatch is waiting for delivery.</Empty>
      ) : (
        <div className="table-scroll" tabIndex={0} aria-label="Tokens to redispatch">
          <table className="offers" data-testid="redispatch-tokens">
            <thead>
              <tr>
                <th scope="col">Token</th>
                <th scope="col">Delivery (your time)</th>
                <th scope="col">Phase</th>
                <th scope="col">Producer side</th>
                <th scope="col">Consumer side</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((t) => {
                const frozen = periodStart(t.firstPeriod, periodSeconds).getTime() / 1000 - Number(gate) <= now;
                const unit = unitOf(t.faceValuePerMwh?.denom ?? "");
                return (
                  <tr key={t.id.toString()} data-testid={`redispatch-${t.id.toString()}`}>
                    <td>
                      #{t.id.toString()} · {categoryName(t.category)}
                      <br />
                      <span className="hint">
                        {formatEnergy(t.whPerPeriod)}/period · redispatch at {formatPrice(t.capabilities?.redispatch?.pricePerMwh ?? 0n, unit)}
                      </span>
                    </td>
                    <td>{formatWindow(t.firstPeriod, t.lastPeriod, periodSeconds)}</td>
                    <td>
                      <span className={`phase ${frozen ? "frozen" : "open"}`}>{frozen ? "frozen" : "open"}</span>
                    </td>
                    {[Side.SIDE_PRODUCER, Side.SIDE_CONSUMER].map((side) => {
                      const s = side === Side.SIDE_PRODUCER ? t.producer : t.consumer;
                      return (
                        <td key={side}>
                          {name(s?.owner ?? "")}{" "}
                          <button type="button" disabled={!acting} onClick={() => setOpen({ token: t, side })} aria-label={`Redispatch the ${sideName(side)} of token ${t.id.toString()}`}>
                            Redispatch…
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {open === undefined ? null : (
        <RedispatchDialog
          key={`${open.token.id.toString()}-${open.side}`}
          token={open.token}
          side={open.side}
          participants={[...(participants.data?.values() ?? [])]}
          unit={unitOf(open.token.faceValuePerMwh?.denom ?? "")}
          onClose={() => setOpen(undefined)}
        />
      )}
    </section>
  );
}
