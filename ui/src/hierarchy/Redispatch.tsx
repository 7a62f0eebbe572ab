/**
 * Redispatch across the grids (ADR 027): the grid operator of a chain on a done cross-grid
 * purchase's path cancels its whole chain of tokens on every chain, paying the tokens'
 * redispatch price for the energy to the buyer, who also gets the prepaid face value back. The
 * cancel is then followed hop by hop until it is cancelled everywhere or refused (nothing changed).
 */
import { type ChainQueries, cancelOutcome, type PurchaseProgress, purchaseProgress } from "@gridledger/client";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";

import { chainKey, useChain } from "../chain/ChainProvider.js";
import { ErrorNote, Loading } from "../components/Status.js";
import { useNetwork } from "../network/NetworkProvider.js";
import { useOperatorAct } from "../operator/useOperator.js";
import { PurchaseHops } from "./PurchaseTracker.js";
import { hopViews } from "./remote.js";
import { PURCHASE_POLL_MS, useChainQueries } from "./useHierarchy.js";

/** MAX_REASON_BYTES is x/interchain's bound on a cancel's reason. */
export const MAX_REASON_BYTES = 256;

export interface RedispatchInput {
  readonly purchaseId: string;
  readonly reason: string;
}

/** checkRedispatch reads the form as the chain would check it: a purchase id "<chain-id>/<sequence>" and a short reason. */
export function checkRedispatch(values: { purchaseId: string; reason: string }): { input?: RedispatchInput; error?: string } {
  const purchaseId = values.purchaseId.trim();
  if (!/^[A-Za-z0-9._-]+\/[0-9]+$/.test(purchaseId)) return { error: "Enter the purchase's id as <buyer's chain-id>/<number>, e.g. gridledger-local-valley-1/3: the purchase views show it." };
  if (new TextEncoder().encode(values.reason).length > MAX_REASON_BYTES) return { error: `Say the reason in at most ${MAX_REASON_BYTES} bytes.` };
  return { input: { purchaseId, reason: values.reason.trim() } };
}

/** StartedCancel is a cancel this operator sent: what to follow and from which height a refusal counts. */
interface StartedCancel {
  readonly purchaseId: string;
  readonly fullRoute: readonly string[];
  readonly sinceHeight: bigint;
  readonly compensation: bigint;
}

/** useCancelProgress reads the purchase on every chain of its path until the cancel is cancelled everywhere or refused. */
function useCancelProgress(queries: ChainQueries | undefined, started: StartedCancel) {
  const { chain } = useChain();
  return useQuery({
    queryKey: [...chainKey(chain), "interchain", "cancel", started.purchaseId, started.sinceHeight.toString()],
    queryFn: (): Promise<PurchaseProgress> => purchaseProgress(queries!, started.fullRoute, started.purchaseId),
    enabled: queries !== undefined,
    refetchInterval: (q) => (q.state.data !== undefined && cancelOutcome(q.state.data, started.sinceHeight) !== undefined ? false : PURCHASE_POLL_MS),
    retry: 1,
  });
}

/** CancelTracker follows one cancel hop by hop and says how it ended. */
function CancelTracker({ queries, started }: { readonly queries: ChainQueries | undefined; readonly started: StartedCancel }) {
  const { chains } = useNetwork();
  const progress = useCancelProgress(queries, started);
  if (progress.isError) return <ErrorNote error={progress.error} title={`Purchase ${started.purchaseId} could not be read.`} />;
  if (progress.data === undefined) return <Loading label={`Reading purchase ${started.purchaseId} on each chain of its path…`} height="4rem" />;
  const result = cancelOutcome(progress.data, started.sinceHeight);
  return (
    <div className="redispatch-progress" data-cancel={result ?? "under way"}>
      <p className="hint" aria-live="polite" data-testid="cancel-outcome">
        {result === "cancelled"
          ? `The chain of tokens of purchase ${started.purchaseId} is cancelled on every chain; the buyer was paid the prepaid value and the compensation.`
          : result === "refused"
            ? `A chain on the path refused the cancel or it timed out; nothing was cancelled and the compensation is back with you.`
            : `Cancelling purchase ${started.purchaseId}: the request travels to the token's chain, the cancel back to the buyer's.`}
      </p>
      <PurchaseHops purchaseId={started.purchaseId} hops={hopViews(chains, progress.data)} forOperator />
    </div>
  );
}

/** Redispatch lets this chain's grid operator cancel a done cross-grid purchase's chain of tokens. */
export function Redispatch({ acting }: { readonly acting: boolean }) {
  const id = useId();
  const queries = useChainQueries();
  const [values, setValues] = useState({ purchaseId: "", reason: "" });
  const [error, setError] = useState<string | undefined>();
  const [started, setStarted] = useState<StartedCancel | undefined>();
  const cancel = useOperatorAct(async (signer, operator, input: RedispatchInput): Promise<StartedCancel> => {
    const hop = await signer.query.interchain.purchase(input.purchaseId);
    // A refusal recorded before this cancel is not this cancel's answer.
    const sinceHeight = (hop.cancel?.height ?? -1n) + 1n;
    const { compensation } = await signer.cancelRemote(operator, input.purchaseId, input.reason);
    return { purchaseId: input.purchaseId, fullRoute: hop.packet?.route ?? [], sinceHeight, compensation };
  });
  if (!acting) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkRedispatch(values);
    setError(checked.error);
    if (checked.input !== undefined) cancel.mutate(checked.input, { onSuccess: setStarted });
  };
  return (
    <div className="redispatch-section">
      <h3>Redispatch a cross-grid purchase</h3>
      <p className="hint">
        Cancels a done purchase&apos;s whole chain of tokens on every chain of its path, all or nothing. You pay the buyer the tokens&apos; redispatch price for the energy, in the
        purchase&apos;s currency on this chain; the buyer also gets the prepaid value back.
      </p>
      <form className="capacity-form" onSubmit={submit} aria-label="Redispatch a cross-grid purchase">
        <label htmlFor={`${id}-purchase`}>Purchase id</label>
        <input id={`${id}-purchase`} value={values.purchaseId} placeholder="gridledger-local-valley-1/1" onChange={(e) => setValues({ ...values, purchaseId: e.target.value })} />
        <label htmlFor={`${id}-reason`}>Reason</label>
        <input id={`${id}-reason`} value={values.reason} onChange={(e) => setValues({ ...values, reason: e.target.value })} />
        <button type="submit" disabled={cancel.isPending}>
          Cancel across the grids
        </button>
        {error === undefined ? null : (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
      {cancel.error ? <ErrorNote error={cancel.error} title="The purchase was not cancelled." /> : null}
      {started === undefined ? null : <CancelTracker queries={queries} started={started} />}
    </div>
  );
}
