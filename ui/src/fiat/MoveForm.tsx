/**
 * MoveForm: a participant deposits into its settlement account, withdraws from it, or redeems
 * fiat at the bank, in the bank's display unit, with what moves, the fee and the balances after
 * shown before signing.
 */
import type { FeeModel } from "@gridledger/client";
import { Fragment, useId, useState } from "react";

import { type FiatUnit, formatMoney } from "../format/units.js";
import { type Change, feeRule, type Holdings, type MoveKind, movePreview, type MovePreview, readAmount, referenceError } from "./amounts.js";
import { ReviewForm } from "./ReviewForm.js";

const WORDS: Readonly<Record<MoveKind, { verb: string; done: string; refused: string; what: string; free: string }>> = {
  deposit: { verb: "Deposit", done: "Deposited", refused: "Not deposited.", what: "into your settlement account, where the market and settlement draw from it", free: "deposits are free" },
  withdraw: { verb: "Withdraw", done: "Withdrew", refused: "Not withdrawn.", what: "from your settlement account back to your wallet", free: "withdrawals are free" },
  redeem: { verb: "Redeem", done: "Redeemed", refused: "Not redeemed.", what: "from your wallet: burned at once, the bank pays it out to your payout reference", free: "redemptions are free" },
};

export function ChangeLines({ changes, unit, testid }: { readonly changes: readonly Change[]; readonly unit: FiatUnit; readonly testid: string }) {
  return (
    <>
      {changes.map((c) => (
        <Fragment key={c.label}>
          <dt>{c.label}</dt>
          <dd data-testid={`${testid}-${c.label.toLowerCase().replace(/\W+/g, "-")}`}>
            {formatMoney(c.before, unit)} → <strong>{formatMoney(c.after, unit)}</strong>
          </dd>
        </Fragment>
      ))}
    </>
  );
}

/** MovePreviewLines are the figures of a move: amount, fee, balances before and after. */
export function MovePreviewLines({ preview, unit, feeModel }: { readonly preview: MovePreview; readonly unit: FiatUnit; readonly feeModel: FeeModel | undefined }) {
  const words = WORDS[preview.kind];
  return (
    <>
      <dl className="costs">
        <dt>{words.verb}</dt>
        <dd data-testid={`${preview.kind}-amount`}>
          <strong>{formatMoney(preview.amount, unit)}</strong> <span className="hint">{words.what}</span>
        </dd>
        <dt>Bank fee</dt>
        <dd data-testid={`${preview.kind}-fee`}>
          {formatMoney(preview.fee, unit)}{" "}
          <span className="hint">
            ({words.free}: {feeRule(feeModel, unit)})
          </span>
        </dd>
        <ChangeLines changes={preview.changes} unit={unit} testid={preview.kind} />
      </dl>
      {preview.problem === undefined ? null : (
        <p className="warning" role="alert">
          {preview.problem}
        </p>
      )}
    </>
  );
}

export interface MoveFormProps {
  readonly kind: MoveKind;
  readonly unit: FiatUnit;
  readonly feeModel: FeeModel | undefined;
  readonly holdings: Holdings;
  /** admitted: the account is an admitted, not excluded participant (false: deposits are refused). */
  readonly admitted?: boolean;
  /** submit signs the move; for a redemption it resolves to the redemption's id. */
  readonly submit: (amount: bigint, payoutReference: string) => Promise<bigint | undefined | void>;
  readonly rpc?: string;
  readonly units?: readonly FiatUnit[];
  readonly signerName?: string;
}

export function MoveForm(props: MoveFormProps) {
  const id = useId();
  const { kind, unit } = props;
  const words = WORDS[kind];
  const [text, setText] = useState("");
  const [reference, setReference] = useState("");
  const parsed = readAmount(text, unit);
  const preview = parsed.amount === undefined ? undefined : movePreview(kind, parsed.amount, props.holdings, unit, props.admitted ?? true);
  const refError = kind === "redeem" && reference !== "" ? referenceError(reference, "payout reference") : undefined;
  const ready = preview !== undefined && preview.problem === undefined && (kind !== "redeem" || referenceError(reference, "payout reference") === undefined);

  return (
    <ReviewForm
      name={kind}
      verb={words.verb}
      refused={words.refused}
      ready={ready}
      preview={preview === undefined ? undefined : <MovePreviewLines preview={preview} unit={unit} feeModel={props.feeModel} />}
      confirm={async () => {
        const amount = preview?.amount ?? 0n;
        const ref = reference;
        const result = await props.submit(amount, ref);
        const money = formatMoney(amount, unit);
        if (kind === "redeem") return `Redeemed ${money}: redemption #${typeof result === "bigint" ? result.toString() : "?"} waits for the bank to pay it out to ${ref}.`;
        return kind === "deposit" ? `Deposited ${money} into your settlement account.` : `Withdrew ${money} to your wallet.`;
      }}
      onDone={() => {
        setText("");
        setReference("");
      }}
      {...(props.rpc === undefined ? {} : { rpc: props.rpc })}
      {...(props.units === undefined ? {} : { units: props.units })}
      {...(props.signerName === undefined ? {} : { signerName: props.signerName })}
      fields={(disabled) => (
        <div className="fiat-fields">
          <div className="field">
            <label htmlFor={`${id}-amount`}>
              Amount to {words.verb.toLowerCase()} ({unit.currency})
            </label>
            <input
              id={`${id}-amount`}
              inputMode="decimal"
              autoComplete="off"
              value={text}
              onChange={(e) => setText(e.target.value)}
              disabled={disabled}
              placeholder="50.00"
              aria-invalid={parsed.error !== undefined}
              aria-describedby={parsed.error === undefined ? undefined : `${id}-amount-error`}
            />
            {parsed.error === undefined ? null : (
              <span className="field-error" id={`${id}-amount-error`}>
                {parsed.error}
              </span>
            )}
          </div>
          {kind === "redeem" ? (
            <div className="field">
              <label htmlFor={`${id}-reference`}>Payout reference at the bank</label>
              <input
                id={`${id}-reference`}
                autoComplete="off"
                value={reference}
                onChange={(e) => setReference(e.target.value)}
                disabled={disabled}
                placeholder="PAYOUT-2026-001"
                aria-invalid={refError !== undefined}
                aria-describedby={refError === undefined ? `${id}-reference-hint` : `${id}-reference-error`}
              />
              {refError === undefined ? (
                <span className="hint" id={`${id}-reference-hint`}>
                  The bank&apos;s reference for your payout account, never an IBAN or a name.
                </span>
              ) : (
                <span className="field-error" id={`${id}-reference-error`}>
                  {refError}
                </span>
              )}
            </div>
          ) : null}
        </div>
      )}
    />
  );
}
