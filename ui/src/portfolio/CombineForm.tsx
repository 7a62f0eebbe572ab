/**
 * Combining the selected tokens: merge them (like tokens of the same two owners become one), or
 * aggregate the selected sides (keep them and issue one token with their cumulative energy).
 * Each is checked as the chain checks it; what is possible is preselected, what is not says why.
 */
import { Side, type Token } from "@gridledger/client";
import { type ReactNode, useId, useState } from "react";

import { type FiatUnit, formatAmount, parseAmount } from "../format/units.js";
import { sideName } from "../market/categories.js";
import { aggregatePlan, mergePlan, type Rules } from "./actions.js";
import { Parts, Problems } from "./Parts.js";

/** Selected is one side chosen in the sides table. */
export interface Selected {
  readonly token: Token;
  readonly side: Side;
}

export type CombineAction = { readonly kind: "merge" } | { readonly kind: "aggregate"; readonly side: Side; readonly faceValuePerMwh: bigint };

export interface CombineFormProps {
  readonly selected: readonly Selected[];
  readonly owner: string;
  readonly rules: Rules;
  readonly unit: FiatUnit | undefined;
  readonly name: (address: string) => string;
  readonly busy: boolean;
  /** secondary is shown before the submit button (the dialog's Cancel). */
  readonly secondary?: ReactNode;
  readonly onSubmit: (action: CombineAction) => void;
}

/** combinePlans are the merge and the aggregation of a selection. */
export function combinePlans(selected: readonly Selected[], owner: string, rules: Rules) {
  const tokens = [...new Map(selected.map((s) => [s.token.id, s.token])).values()];
  const sides = [...new Set(selected.map((s) => s.side))];
  const side = sides.length === 1 ? (sides[0] ?? Side.SIDE_CONSUMER) : undefined;
  const merge = mergePlan(tokens, owner, rules);
  const aggregate =
    side === undefined
      ? { problems: ["Choose sides of one kind to aggregate: all consumer sides, or all producer sides."], shapes: [] }
      : tokens.length !== selected.length
        ? { problems: ["Choose one side of each token to aggregate."], shapes: [] }
        : aggregatePlan(tokens, owner, side, rules);
  return { tokens, side, merge, aggregate };
}

export function CombineForm(props: CombineFormProps) {
  const id = useId();
  const { tokens, side, merge, aggregate } = combinePlans(props.selected, props.owner, props.rules);
  const [kind, setKind] = useState<"merge" | "aggregate">(merge.problems.length === 0 || aggregate.problems.length > 0 ? "merge" : "aggregate");
  const first = tokens[0];
  const face = props.unit === undefined || first === undefined ? "" : formatAmount(BigInt(first.faceValuePerMwh?.amount || "0"), props.unit.exponent, "en-US").replace(/,/g, "");
  const [price, setPrice] = useState(face);
  const faceValue = props.unit === undefined ? undefined : parseAmount(price, props.unit.exponent);
  const plan = kind === "merge" ? merge : aggregate;
  const problems = [...plan.problems, ...(kind === "aggregate" && aggregate.problems.length === 0 && (faceValue === undefined || faceValue < 0n) ? ["Give the new token a face value per MWh, zero or more, such as 80.00."] : [])];
  const list = tokens.map((t) => `#${t.id.toString()}`).join(", ");
  const other = merge.producerOwner === props.owner ? merge.consumerOwner : merge.producerOwner;

  return (
    <form
      className="action-form"
      data-testid="combine-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (problems.length > 0) return;
        props.onSubmit(kind === "merge" ? { kind } : { kind, side: side ?? Side.SIDE_CONSUMER, faceValuePerMwh: faceValue ?? 0n });
      }}
    >
      <fieldset>
        <legend>Combine tokens {list}</legend>
        <label>
          <input type="radio" name={`${id}-kind`} checked={kind === "merge"} onChange={() => setKind("merge")} /> Merge them into one token
          {merge.joint && merge.problems.length === 0 ? ` (with ${props.name(other)}, who must co-sign)` : ""}
        </label>
        <label>
          <input type="radio" name={`${id}-kind`} checked={kind === "aggregate"} onChange={() => setKind("aggregate")} /> Keep your {side === undefined ? "sides" : `${sideName(side)}s`} and
          issue one token with their energy (aggregate)
        </label>
      </fieldset>
      {kind === "aggregate" && aggregate.problems.length === 0 ? (
        <div className="field">
          <label htmlFor={`${id}-face`}>Face value of the new token, {props.unit?.currency ?? ""} per MWh</label>
          <input id={`${id}-face`} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} aria-invalid={faceValue === undefined || faceValue < 0n} />
        </div>
      ) : null}
      <Problems problems={problems} />
      {problems.length === 0 ? (
        <div className="preview">
          <p>
            {kind === "merge"
              ? `Tokens ${list} are replaced by this one token, each side held by whoever holds it now; CO2 and cancellation fees add up. No position changes.`
              : `You keep the ${sideName(side ?? Side.SIDE_CONSUMER)}s of tokens ${list}; they back this new token, both of whose sides are yours, and cannot be offered, handed over or cancelled until it is cancelled. Your position does not change.`}
          </p>
          <Parts shapes={plan.shapes} periodSeconds={props.rules.params.periodSeconds} testId="combine-result" />
        </div>
      ) : null}
      <div className="dialog-actions">
        {props.secondary}
        <button type="submit" className="primary" disabled={problems.length > 0 || props.busy} data-testid="confirm-combine">
          {kind === "aggregate" ? "Aggregate" : merge.joint ? `Sign and prepare for ${props.name(other)}` : "Merge"}
        </button>
      </div>
    </form>
  );
}
