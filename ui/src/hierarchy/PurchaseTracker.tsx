/**
 * A cross-grid purchase followed hop by hop: on each chain of its path, whether it has reached it,
 * is pending, done or refunded, and the token it created there (ADR 024 §4). Read again every
 * moment until the buyer's chain, which answers last, says done or refunded.
 */
import { MAX_PURCHASES_PAGE, type ChainQueries } from "@gridledger/client";
import { useState } from "react";

import { ErrorNote, Loading } from "../components/Status.js";
import { useNetwork } from "../network/NetworkProvider.js";
import { type HopView, hopViews, outcome } from "./remote.js";
import { PAST_PURCHASES_PAGE, usePastPurchases, usePurchaseProgress } from "./useHierarchy.js";

const STATE_TEXT: Record<HopView["state"], string> = {
  "not reached": "not reached yet",
  pending: "pending",
  done: "done",
  refunded: "refunded",
  cancelling: "being cancelled",
  cancelled: "cancelled by redispatch",
};

/**
 * PurchaseHops lists the path's chains with each one's state and token; pure, for the tracker and its tests.
 * A grid operator following a redispatch (forOperator) is not the buyer: the list names the buyer's chain,
 * and the buyer's outcome sentence is left to the operator's own view.
 */
export function PurchaseHops({ purchaseId, hops, forOperator = false }: { readonly purchaseId: string; readonly hops: readonly HopView[]; readonly forOperator?: boolean }) {
  const result = outcome(hops);
  return (
    <div className="purchase-hops" data-outcome={result}>
      {forOperator ? null : (
        <p className="hint" aria-live="polite" data-testid="purchase-outcome">
          {result === "done"
            ? `Purchase ${purchaseId} is done on every chain: the side is yours, delivered over ${hops.length - 1} link${hops.length === 2 ? "" : "s"}.`
            : result === "refunded"
              ? `Purchase ${purchaseId} was refunded: every chain is as before and your payment is back in your wallet.`
              : result === "cancelled"
                ? `Purchase ${purchaseId} was cancelled by a grid operator's redispatch: its tokens are gone on every chain, and your payment and the compensation are in your wallet.`
                : `Purchase ${purchaseId} is under way: each chain answers in turn, the buyer's chain last.`}
        </p>
      )}
      <ol className="hops" aria-label={`Purchase ${purchaseId} hop by hop`}>
        {hops.map((h, i) => (
          <li key={h.chainId} data-chain={h.name} data-state={h.state}>
            <span className="hop-chain">
              {i === 0 ? (forOperator ? "Buyer's chain " : "Your chain ") : i === hops.length - 1 ? "Token's chain " : ""}
              <strong>{h.name}</strong>
            </span>
            <span className={`hop-state hop-${h.state.replace(" ", "-")}`}>{STATE_TEXT[h.state]}</span>
            {h.tokenId === undefined ? null : <span className="hop-token">{i === hops.length - 1 ? `bought token #${h.tokenId.toString()}` : `token #${h.tokenId.toString()} created`}</span>}
            {h.failure === undefined ? null : <span className="hint">why: {h.failure}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** PurchaseTracker reads a purchase on every chain of its path until it is settled. */
export function PurchaseTracker({ queries, purchaseId, fullRoute }: { readonly queries: ChainQueries | undefined; readonly purchaseId: string; readonly fullRoute: readonly string[] }) {
  const { chains } = useNetwork();
  const progress = usePurchaseProgress(queries, fullRoute, purchaseId);
  if (progress.isError) return <ErrorNote error={progress.error} title={`Purchase ${purchaseId} could not be read.`} />;
  if (progress.data === undefined) return <Loading label={`Reading purchase ${purchaseId} on each chain of its path…`} height="4rem" />;
  return <PurchaseHops purchaseId={purchaseId} hops={hopViews(chains, progress.data)} />;
}

/**
 * PastPurchases lists the buyer's latest cross-grid purchases as the chain records them, newest
 * first, each with its state here; each can be followed hop by hop. Older ones come
 * PAST_PURCHASES_PAGE at a time, up to the chain's page bound.
 */
export function PastPurchases({ queries, buyer }: { readonly queries: ChainQueries | undefined; readonly buyer: string }) {
  const [shown, setShown] = useState(PAST_PURCHASES_PAGE);
  const past = usePastPurchases(buyer, shown);
  const [open, setOpen] = useState<string | undefined>(undefined);
  if (past.isError) return <ErrorNote error={past.error} title="Your purchases from other grids could not be read." />;
  if (past.data === undefined || past.data.purchases.length === 0) return null;
  return (
    <div className="past-purchases">
      <h3>Your purchases from other grids</h3>
      <ul aria-label="Your purchases from other grids">
        {past.data.purchases.map((p) => (
          <li key={p.purchaseId} data-state={p.state ?? "sent"}>
            <button type="button" aria-expanded={open === p.purchaseId} onClick={() => setOpen(open === p.purchaseId ? undefined : p.purchaseId)}>
              Purchase {p.purchaseId}
            </button>{" "}
            <span className={`hop-state hop-${(p.state ?? "pending").replace(" ", "-")}`}>{p.state === undefined ? "just sent" : STATE_TEXT[p.state]}</span>
            {open === p.purchaseId ? <PurchaseTracker queries={queries} purchaseId={p.purchaseId} fullRoute={p.fullRoute} /> : null}
          </li>
        ))}
      </ul>
      {past.data.more && shown < MAX_PURCHASES_PAGE ? (
        <button type="button" className="past-older" onClick={() => setShown(Math.min(shown + PAST_PURCHASES_PAGE, MAX_PURCHASES_PAGE))}>
          Show older purchases
        </button>
      ) : past.data.more ? (
        <p className="hint">Only your latest {MAX_PURCHASES_PAGE} purchases are shown; older ones: gridd query interchain purchases-by-buyer {buyer} --reverse.</p>
      ) : null}
    </div>
  );
}
