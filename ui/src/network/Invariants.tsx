/**
 * A chain's invariants (DESIGN.md §6) as the gridnet supervisor last checked them live: each one
 * ok or broken with a sentence, and when. Presentational: NetworkTree passes the chain's check.
 */
import { type InvariantCheck, invariantSentence } from "@gridledger/client";

import { formatTimeOfDay } from "./status.js";
import "./invariants.css";

export function Invariants({ chain, check }: { readonly chain: string; readonly check: InvariantCheck | undefined }) {
  if (check === undefined) {
    return <p className="invariants hint">Invariants not checked yet: the supervisor checks every chain each minute.</p>;
  }
  const when = formatTimeOfDay(Date.parse(check.checkedAt));
  if (check.error !== undefined) {
    return (
      <p className="invariants warning">
        Invariants unknown since the check at {when}: {check.error}. The supervisor tries again shortly.
      </p>
    );
  }
  const broken = check.results.filter((r) => !r.ok);
  return (
    <details className={`invariants ${broken.length === 0 ? "invariants-ok" : "invariants-broken"}`} open={broken.length > 0}>
      <summary>
        {broken.length === 0 ? `All ${check.results.length} invariants hold` : `${broken.length} of ${check.results.length} invariants broken`}, checked at {when}
      </summary>
      <ul aria-label={`Invariants of ${chain}`}>
        {check.results.map((r) => (
          <li key={r.name} className={r.ok ? "invariant-ok" : "invariant-broken"} data-invariant={r.name}>
            <span className="invariant-word">{r.ok ? "ok" : "broken"}</span> {invariantSentence(r)}
          </li>
        ))}
      </ul>
    </details>
  );
}
