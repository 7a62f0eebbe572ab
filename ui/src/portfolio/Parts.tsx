/** The parts an action would make, as a list people read: energy per period, delivery window, total. */
import { formatWindow } from "../format/periods.js";
import { formatEnergy } from "../format/units.js";
import type { Shape } from "./actions.js";

export function Parts({ shapes, periodSeconds, testId }: { readonly shapes: readonly Shape[]; readonly periodSeconds: bigint; readonly testId: string }) {
  return (
    <ol className="parts" data-testid={testId}>
      {shapes.map((s, i) => (
        <li key={i}>
          <strong>{formatEnergy(s.whPerPeriod)}</strong> per period, {formatWindow(s.firstPeriod, s.lastPeriod, periodSeconds)} ({formatEnergy(s.whPerPeriod * (s.lastPeriod - s.firstPeriod + 1n))} in all)
        </li>
      ))}
    </ol>
  );
}

/** Problems lists why the chain would refuse, as sentences. */
export function Problems({ problems }: { readonly problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="warning problems" role="alert">
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}
