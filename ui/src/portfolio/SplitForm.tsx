/**
 * Splitting a token, or disaggregating a side of it: by energy (parts that add up to its energy
 * per period) or by periods (two tokens, one ending where the other starts). Checked as the
 * chain checks it, with the parts shown before anything is signed.
 */
import { periodStart, Side, type Token } from "@gridledger/client";
import { type ReactNode, useId, useState } from "react";

import { formatClock, formatWindow } from "../format/periods.js";
import { type FiatUnit, formatAmount, formatEnergy, parseAmount } from "../format/units.js";
import { sideName } from "../market/categories.js";
import { disaggregatePlan, heldSides, type Rules, type SplitInput, splitPlan } from "./actions.js";
import { Parts, Problems } from "./Parts.js";

/** SplitAction is what the form asks to sign. */
export type SplitAction =
  | { readonly kind: "split"; readonly input: SplitInput }
  | { readonly kind: "disaggregate"; readonly side: Side; readonly input: SplitInput; readonly faceValuePerMwh: bigint };

export interface SplitFormProps {
  readonly token: Token;
  readonly owner: string;
  readonly rules: Rules;
  /** unit is the face value's currency, for a disaggregation's new tokens. */
  readonly unit: FiatUnit | undefined;
  /** name names an address (the other owner). */
  readonly name: (address: string) => string;
  readonly busy: boolean;
  /** secondary is shown before the submit button (the dialog's Cancel). */
  readonly secondary?: ReactNode;
  readonly onSubmit: (action: SplitAction) => void;
}

/** kwh shows Wh as a kWh number to edit ("125", "0.5"). */
const kwh = (wh: bigint) => formatAmount(wh, 3, "en-US").replace(/,/g, "").replace(/\.00$/, "");

export function SplitForm(props: SplitFormProps) {
  const { token, owner, rules } = props;
  const id = useId();
  const held = heldSides(token, owner);
  const other = held.length === 2 ? owner : (held[0] === Side.SIDE_CONSUMER ? token.producer?.owner : token.consumer?.owner) ?? "";
  const [kind, setKind] = useState<"split" | "disaggregate">("split");
  const [keep, setKeep] = useState<Side>(held[0] ?? Side.SIDE_CONSUMER);
  const [by, setBy] = useState<"energy" | "periods">("energy");
  const half = token.whPerPeriod / 2n;
  const [parts, setParts] = useState<string[]>([kwh(half), kwh(token.whPerPeriod - half)]);
  const periods = token.lastPeriod - token.firstPeriod + 1n;
  const [after, setAfter] = useState<string>(periods > 1n ? (token.firstPeriod + periods / 2n - 1n).toString() : "");
  const face = props.unit === undefined ? "" : formatAmount(BigInt(token.faceValuePerMwh?.amount || "0"), props.unit.exponent, "en-US").replace(/,/g, "");
  const [price, setPrice] = useState(face);

  const input: SplitInput = by === "energy" ? { by, parts: parts.map((p) => parseAmount(p, 3)) } : { by, after: after === "" ? undefined : BigInt(after) };
  const faceValue = props.unit === undefined ? undefined : parseAmount(price, props.unit.exponent);
  const split = splitPlan(token, owner, input, rules);
  const disaggregate = disaggregatePlan(token, owner, keep, input, rules);
  const plan = kind === "split" ? split : disaggregate;
  const problems = [...plan.problems, ...(kind === "disaggregate" && (faceValue === undefined || faceValue < 0n) ? ["Give the new tokens a face value per MWh, zero or more, such as 80.00."] : [])];
  const periodSeconds = rules.params.periodSeconds;

  return (
    <form
      className="action-form"
      data-testid="split-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (problems.length > 0) return;
        props.onSubmit(kind === "split" ? { kind, input } : { kind, side: keep, input, faceValuePerMwh: faceValue ?? 0n });
      }}
    >
      <p className="lead">
        Token #{token.id.toString()}: {formatEnergy(token.whPerPeriod)} per period, {formatWindow(token.firstPeriod, token.lastPeriod, periodSeconds)}.
      </p>
      <fieldset>
        <legend>What to do</legend>
        <label>
          <input type="radio" name={`${id}-kind`} checked={kind === "split"} onChange={() => setKind("split")} /> Split the token into smaller tokens
          {other === owner ? " (you hold both sides)" : `, with ${props.name(other)} (who holds the other side and must co-sign)`}
        </label>
        {held.length > 0 ? (
          <label>
            <input type="radio" name={`${id}-kind`} checked={kind === "disaggregate"} onChange={() => setKind("disaggregate")} /> Keep your{" "}
            {held.length === 1 ? sideName(keep) : (
              <select aria-label="Side to keep" value={keep} onChange={(e) => setKeep(Number(e.target.value) as Side)}>
                {held.map((s) => (
                  <option key={s} value={s}>
                    {sideName(s)}
                  </option>
                ))}
              </select>
            )}{" "}
            and issue new tokens against it (disaggregate)
          </label>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>Split by</legend>
        <label>
          <input type="radio" name={`${id}-by`} checked={by === "energy"} onChange={() => setBy("energy")} /> energy: same periods, less energy each
        </label>
        <label>
          <input type="radio" name={`${id}-by`} checked={by === "periods"} onChange={() => setBy("periods")} disabled={periods < 2n} /> periods: same energy, fewer periods each
        </label>
      </fieldset>
      {by === "energy" ? (
        <div className="split-parts">
          {parts.map((p, i) => (
            <div className="field" key={i}>
              <label htmlFor={`${id}-part-${i}`}>Part {i + 1}, kWh per period</label>
              <span className="part-input">
                <input
                  id={`${id}-part-${i}`}
                  inputMode="decimal"
                  value={p}
                  aria-invalid={parseAmount(p, 3) === undefined || (parseAmount(p, 3) ?? 0n) <= 0n}
                  onChange={(e) => setParts(parts.map((q, j) => (j === i ? e.target.value : q)))}
                />
                {parts.length > 2 ? (
                  <button type="button" aria-label={`Remove part ${i + 1}`} onClick={() => setParts(parts.filter((_, j) => j !== i))}>
                    ×
                  </button>
                ) : null}
              </span>
            </div>
          ))}
          <button type="button" onClick={() => setParts([...parts, ""])} disabled={BigInt(parts.length) >= rules.params.maxSplitParts}>
            Add a part
          </button>
        </div>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-after`}>Split at</label>
          <select id={`${id}-after`} value={after} onChange={(e) => setAfter(e.target.value)}>
            {Array.from({ length: Number(periods - 1n) }, (_, i) => token.firstPeriod + BigInt(i)).map((p) => (
              <option key={p.toString()} value={p.toString()}>
                {formatClock(periodStart(p + 1n, periodSeconds))}: {(p - token.firstPeriod + 1n).toString()} + {(token.lastPeriod - p).toString()} periods
              </option>
            ))}
          </select>
        </div>
      )}
      {kind === "disaggregate" ? (
        <div className="field">
          <label htmlFor={`${id}-face`}>Face value of the new tokens, {props.unit?.currency ?? ""} per MWh</label>
          <input id={`${id}-face`} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} aria-invalid={faceValue === undefined || faceValue < 0n} />
        </div>
      ) : null}
      <Problems problems={problems} />
      {problems.length === 0 ? (
        <div className="preview">
          <p>
            {kind === "split"
              ? `Token #${token.id.toString()} is replaced by these ${plan.shapes.length} tokens, each side held by whoever holds it now; CO2 and the cancellation fee are shared by energy. No position changes.`
              : `You keep the ${sideName(keep)} of token #${token.id.toString()}; it backs these ${plan.shapes.length} new tokens, both of whose sides are yours, and cannot be offered, handed over or cancelled until they are cancelled. Your position does not change.`}
          </p>
          <Parts shapes={plan.shapes} periodSeconds={periodSeconds} testId="split-parts" />
        </div>
      ) : null}
      <div className="dialog-actions">
        {props.secondary}
        <button type="submit" className="primary" disabled={problems.length > 0 || props.busy} data-testid="confirm-split">
          {kind === "disaggregate" ? "Disaggregate" : split.joint ? `Sign and prepare for ${props.name(other)}` : "Split"}
        </button>
      </div>
    </form>
  );
}

