/**
 * "Origin of your energy" (seed §3.5.3): the connected participant chooses a range of periods
 * and sees where the energy it consumed in them came from, through @gridledger/client's
 * traceability helper (every page of x/energy's Traceability query, added up).
 */
import { useId, useState } from "react";

import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading } from "../components/Status.js";
import { useNames } from "../components/useNames.js";
import { aroundNow, parsePeriod, periodLabel, rangeProblem, shifted } from "./origin.js";
import { OriginReport } from "./OriginReport.js";
import "./origin.css";

export interface OriginPanelProps {
  /** owner is the connected account; "" for none. */
  readonly owner: string;
  /** current is the current period; undefined while it is read. */
  readonly current: bigint | undefined;
  readonly periodSeconds: bigint;
  readonly rpc: string;
}

export function OriginPanel({ owner, current, periodSeconds, rpc }: OriginPanelProps) {
  const id = useId();
  const nameOf = useNames();
  // The fields hold what was typed; until the participant types, the range follows now.
  const [typed, setTyped] = useState<{ readonly from: string; readonly to: string } | undefined>(undefined);
  const fallback = current === undefined ? undefined : aroundNow(current, periodSeconds);
  const fromText = typed?.from ?? fallback?.from.toString() ?? "";
  const toText = typed?.to ?? fallback?.to.toString() ?? "";
  const from = parsePeriod(fromText);
  const to = parsePeriod(toText);
  const problem = current === undefined ? undefined : rangeProblem(from, to);
  const trace = useChainQuery(["delivery", "origin", owner, from, to], (client) => client.query.energy.traceability(owner, from ?? 0n, to ?? 0n), {
    enabled: owner !== "" && current !== undefined && problem === undefined,
  });
  const shift = (direction: -1 | 1) => {
    if (from === undefined || to === undefined || from > to) return;
    const next = shifted({ from, to }, direction);
    setTyped({ from: next.from.toString(), to: next.to.toString() });
  };

  return (
    <section className="card origin" aria-labelledby={`${id}-title`} data-testid="origin-panel">
      <div className="record-head">
        <h2 id={`${id}-title`}>Origin of your energy</h2>
        <span>
          <button type="button" onClick={() => shift(-1)} disabled={problem !== undefined} aria-label="Earlier periods">
            ◀ earlier
          </button>{" "}
          <button type="button" onClick={() => setTyped(undefined)} disabled={typed === undefined}>
            around now
          </button>{" "}
          <button type="button" onClick={() => shift(1)} disabled={problem !== undefined} aria-label="Later periods">
            later ▶
          </button>
        </span>
      </div>
      <div className="origin-range">
        <label>
          From period{" "}
          <input inputMode="numeric" value={fromText} onChange={(e) => setTyped({ from: e.target.value, to: toText })} data-testid="origin-from" />
          <span className="hint">{from === undefined ? "" : periodLabel(from, periodSeconds)}</span>
        </label>
        <label>
          to period{" "}
          <input inputMode="numeric" value={toText} onChange={(e) => setTyped({ from: fromText, to: e.target.value })} data-testid="origin-to" />
          <span className="hint">{to === undefined ? "" : periodLabel(to, periodSeconds)}</span>
        </label>
      </div>
      {owner === "" ? (
        <Empty title="No account chosen">Choose an account at the top to see where the energy it consumed came from.</Empty>
      ) : problem !== undefined ? (
        <div className="error-note" role="alert" data-testid="origin-problem">
          {problem}
        </div>
      ) : trace.isError ? (
        <ErrorNote error={trace.error} rpc={rpc} />
      ) : trace.data === undefined ? (
        <Loading label="Tracing your energy back to its producers…" height="14rem" />
      ) : (
        <OriginReport trace={trace.data} nameOf={nameOf} />
      )}
    </section>
  );
}
