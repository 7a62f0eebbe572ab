/**
 * Buying a side from another grid: the quote broken down (energy, the bank's fees, the grid fee of
 * every link), the meter to deliver to, the most the buyer pays with fees; what stops the buyer is
 * said before signing. Signing sends MsgBuyRemote on the chain on screen; the purchase is then
 * followed on every chain of its path.
 */
import type { ChainQueries } from "@gridledger/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";

import { chainKey, useChain } from "../chain/ChainProvider.js";
import { ErrorNote, Loading, TestKeyBadge } from "../components/Status.js";
import { formatEnergy, formatMoney } from "../format/units.js";
import { useNetwork } from "../network/NetworkProvider.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { PurchaseTracker } from "./PurchaseTracker.js";
import { consumptionMeters, goodsOf, linkFeeLines, parseMaxTotal, type RemoteOffer, remoteRefusal, routeText, shortDenom } from "./remote.js";
import { rememberPurchase, useBuyerState } from "./useHierarchy.js";

/** plainAmount writes base units in the display unit without grouping, for an input: 12.345000 → "12.345". */
export function plainAmount(base: bigint, exponent: number): string {
  if (exponent === 0) return base.toString();
  const s = base.toString().padStart(exponent + 1, "0");
  const frac = s.slice(-exponent).replace(/0+$/, "");
  return frac === "" ? s.slice(0, -exponent) : `${s.slice(0, -exponent)}.${frac}`;
}

export function BuyRemoteDialog({ offer, queries, onClose }: { readonly offer: RemoteOffer; readonly queries: ChainQueries | undefined; readonly onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const { chain } = useChain();
  const { chains } = useNetwork();
  const { account, signer } = useWallet();
  const queryClient = useQueryClient();
  const quote = offer.quote;
  const unit = offer.unit;
  const buyer = account?.address ?? "";
  const state = useBuyerState(buyer, quote?.payDenom ?? "");
  const [meterId, setMeterId] = useState("");
  const [maxText, setMaxText] = useState(quote === undefined ? "" : plainAmount(quote.total, unit.exponent));
  const meters = consumptionMeters(state.data?.meters ?? []);
  const chosenMeter = meterId !== "" ? meterId : (meters[0]?.id ?? "");
  const maxTotal = parseMaxTotal(maxText, unit.exponent);

  const buy = useMutation({
    mutationFn: async () => {
      if (signer === undefined || account === undefined) throw new Error("Choose an account first.");
      if (quote === undefined) throw new Error("The offer has no quote.");
      const done = await signer.buyRemote(account.address, chosenMeter, quote, maxTotal);
      rememberPurchase(chain.chainId, account.address, { purchaseId: done.purchaseId, fullRoute: [chain.chainId, ...quote.route] });
      return done;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: chainKey(chain) }),
  });

  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open && typeof dialog.showModal === "function") dialog.showModal();
  }, []);

  const refusal =
    quote === undefined || state.data === undefined
      ? undefined
      : remoteRefusal({ quote, unit, buyer: state.data, meterId: chosenMeter, maxTotal, hereName: chain.name, tokenChainName: offer.chain.name });

  return (
    <dialog ref={ref} className="dialog remote-buy" aria-labelledby={`${id}-title`} onClose={onClose} onCancel={() => onClose()}>
      <h2 id={`${id}-title`}>
        Buy token #{offer.token.id.toString()} from {offer.chain.name} {account?.testKey ? <TestKeyBadge /> : null}
      </h2>
      {quote === undefined ? (
        <p className="error-note" role="alert">
          {offer.problem}
        </p>
      ) : buy.isSuccess ? (
        <>
          <p role="status" className="success" data-testid="remote-bought">
            Sent: purchase {buy.data.purchaseId}, {formatMoney(buy.data.paid, unit)} paid into the path. It completes on every chain or is refunded everywhere.
          </p>
          <PurchaseTracker queries={queries} purchaseId={buy.data.purchaseId} fullRoute={[chain.chainId, ...quote.route]} />
        </>
      ) : (
        <>
          <dl className="remote-quote">
            <dt>Route</dt>
            <dd>{routeText(chains, chain.chainId, quote)}</dd>
            <dt>Energy</dt>
            <dd>
              {formatEnergy((quote.lastPeriod - quote.firstPeriod + 1n) * quote.whPerPeriod)} in periods {quote.firstPeriod.toString()}–{quote.lastPeriod.toString()}
            </dd>
            <dt>Ask and face value</dt>
            <dd>{formatMoney(goodsOf(quote), unit)}</dd>
            <dt>Bank&apos;s fees on {offer.chain.name}</dt>
            <dd>{formatMoney(quote.bankFees, unit)}</dd>
            {linkFeeLines(chains, chain.chainId, quote).map((l) => (
              <div key={`${l.from}-${l.to}`} className="fee-line">
                <dt>
                  Grid fee {l.from} → {l.to}
                </dt>
                <dd>{formatMoney(l.fee, unit)}</dd>
              </div>
            ))}
            <dt>Total incl. fees</dt>
            <dd data-testid="remote-quote-total">
              <strong>{formatMoney(quote.total, unit)}</strong> <span className="hint">paid in {shortDenom(quote.payDenom)} from your wallet here</span>
            </dd>
          </dl>
          {state.isError ? (
            <ErrorNote error={state.error} rpc={chain.rpc} />
          ) : state.data === undefined ? (
            account === undefined ? (
              <p className="hint">Choose a consumer&apos;s account at the top to buy.</p>
            ) : (
              <Loading label="Reading your roles, meters and wallet…" height="4rem" />
            )
          ) : (
            <div className="remote-form">
              <label htmlFor={`${id}-meter`}>Deliver to meter</label>
              <select id={`${id}-meter`} value={chosenMeter} onChange={(e) => setMeterId(e.target.value)} disabled={meters.length === 0}>
                {meters.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.id}
                  </option>
                ))}
              </select>
              <label htmlFor={`${id}-max`}>Most you pay, fees included ({unit.currency})</label>
              <input id={`${id}-max`} inputMode="decimal" value={maxText} onChange={(e) => setMaxText(e.target.value)} aria-invalid={maxTotal === undefined} />
              <p className="hint">Your wallet here holds {formatMoney(state.data.balance, unit)} of this currency.</p>
            </div>
          )}
          {refusal === undefined ? null : (
            <p className="field-error" role="alert" data-testid="remote-refusal">
              {refusal}
            </p>
          )}
        </>
      )}
      {buy.isError ? <ErrorNote error={buy.error} rpc={chain.rpc} title="Not bought." /> : null}
      {buy.isPending ? <Loading label={`Signing as ${account?.name ?? "you"} and waiting for the block…`} height="2rem" /> : null}
      <div className="dialog-actions">
        {buy.isSuccess ? (
          <button type="button" className="primary" onClick={onClose}>
            Close
          </button>
        ) : (
          <>
            <button type="button" onClick={onClose} disabled={buy.isPending}>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              data-testid="confirm-remote-buy"
              disabled={quote === undefined || state.data === undefined || refusal !== undefined || buy.isPending}
              onClick={() => buy.mutate()}
            >
              {quote === undefined ? "Buy" : `Buy for ${formatMoney(quote.total, unit)}`}
            </button>
          </>
        )}
      </div>
    </dialog>
  );
}
