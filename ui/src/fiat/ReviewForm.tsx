/**
 * ReviewForm is the two steps every Fiat action takes: fill in the fields and see the live preview,
 * then Review, which freezes what will be signed (the amount, the fee, the balances after), and
 * Confirm, which signs it and waits for the block. Numbers do not change under the finger between
 * reviewing and confirming; if the chain's state changed meanwhile, the chain's refusal is shown as
 * a sentence.
 */
import { type FormEvent, type ReactNode, useState } from "react";

import type { FiatUnit } from "../format/units.js";
import { ErrorNote, Loading } from "../components/Status.js";

export interface ReviewFormProps {
  /** name labels the form for screen readers and tests ("deposit", "mint"). */
  readonly name: string;
  /** verb is the action on the buttons: "Deposit", "Mark paid". */
  readonly verb: string;
  /** fields are the inputs; disabled while reviewing. */
  readonly fields: (disabled: boolean) => ReactNode;
  /** preview is what the fields would do now, or undefined while they do not describe an action. */
  readonly preview: ReactNode | undefined;
  /** ready: the fields are valid and the chain would accept the action as far as the UI knows. */
  readonly ready: boolean;
  /** confirm signs what was reviewed; it resolves to the sentence that says what happened. */
  readonly confirm: () => Promise<string>;
  /** refused titles the chain's refusal: "Not withdrawn." */
  readonly refused: string;
  /** done is called after a confirmed action (to clear the fields). */
  readonly onDone?: () => void;
  readonly rpc?: string;
  readonly units?: readonly FiatUnit[];
  readonly signerName?: string;
}

type Step = { readonly at: "edit" } | { readonly at: "review"; readonly preview: ReactNode; readonly confirm: () => Promise<string> } | { readonly at: "signing"; readonly preview: ReactNode };

export function ReviewForm(props: ReviewFormProps) {
  const [step, setStep] = useState<Step>({ at: "edit" });
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);

  const review = (e: FormEvent) => {
    e.preventDefault();
    if (!props.ready || props.preview === undefined) return;
    setError(undefined);
    setDone(undefined);
    setStep({ at: "review", preview: props.preview, confirm: props.confirm });
  };
  const confirm = async () => {
    if (step.at !== "review") return;
    setStep({ at: "signing", preview: step.preview });
    try {
      const said = await step.confirm();
      setDone(said);
      props.onDone?.();
    } catch (err) {
      setError(err);
    }
    setStep({ at: "edit" });
  };

  const editing = step.at === "edit";
  return (
    <form className="fiat-form" aria-label={props.name} data-testid={`${props.name}-form`} onSubmit={review} onChange={() => (done === undefined ? undefined : setDone(undefined))}>
      {props.fields(!editing)}
      {editing ? (
        props.preview === undefined ? null : (
          <div className="fiat-preview" data-testid={`${props.name}-preview`}>
            {props.preview}
          </div>
        )
      ) : (
        <div className="fiat-preview reviewed" data-testid={`${props.name}-review`}>
          <p className="lead">
            <strong>Check, then confirm:</strong> this is what {props.signerName ?? "your account"} signs.
          </p>
          {step.preview}
        </div>
      )}
      {error === undefined ? null : <ErrorNote error={error} title={props.refused} {...(props.rpc === undefined ? {} : { rpc: props.rpc })} {...(props.units === undefined ? {} : { units: props.units })} />}
      {done === undefined ? null : (
        <p className="success" role="status" data-testid={`${props.name}-done`}>
          {done}
        </p>
      )}
      {step.at === "signing" ? <Loading label="Signing and waiting for the block…" height="2rem" /> : null}
      <div className="fiat-actions">
        {step.at === "edit" ? (
          <button type="submit" disabled={!props.ready}>
            Review {props.verb.toLowerCase()}
          </button>
        ) : (
          <>
            <button type="button" onClick={() => setStep({ at: "edit" })} disabled={step.at === "signing"}>
              Change
            </button>
            <button type="button" className="primary" onClick={() => void confirm()} disabled={step.at === "signing"} autoFocus>
              Confirm {props.verb.toLowerCase()}
            </button>
          </>
        )}
      </div>
    </form>
  );
}
