/**
 * The confirmation before a purchase: what is bought, what it costs with the bank's fee, the
 * settlement account before and after, and the buyer's position in the token's periods against
 * its limit. Nothing is signed until the buyer confirms; what would make the chain refuse is said
 * before, not after.
 */
import type { Participant } from "@gridledger/client";

import { formatPeriod, formatWindow } from "../format/periods.js";
import { type FiatUnit, formatEnergy, formatMoney, formatMWh, formatPrice } from "../format/units.js";
import { categoryName, sideAction, sideName } from "./categories.js";
import type { Offer } from "./offers.js";
import type { PeriodChange, PurchasePreview } from "./purchase.js";

export interface BuyConfirmationProps {
  readonly offer: Offer;
  readonly preview: PurchasePreview;
  readonly unit: FiatUnit;
  readonly periodSeconds: bigint;
  readonly feeText: string;
  readonly sellerName: string;
  readonly buyerName: string;
  readonly participant: Participant | undefined;
}

const signed = (wh: bigint) => (wh > 0n ? `+${formatEnergy(wh)}` : formatEnergy(wh));

/** positionText says what the position does in words: the same change in every period, or a range. */
function positionText(periods: readonly PeriodChange[]): string {
  const first = periods[0];
  if (first === undefined) return "";
  const same = periods.every((p) => p.before === first.before && p.after === first.after);
  if (same) return `${signed(first.before)} → ${signed(first.after)} in each of the ${periods.length} periods`;
  const afters = periods.map((p) => p.after);
  const min = afters.reduce((a, b) => (b < a ? b : a));
  const max = afters.reduce((a, b) => (b > a ? b : a));
  return `between ${signed(min)} and ${signed(max)} per period after the purchase`;
}

export function BuyConfirmation(props: BuyConfirmationProps) {
  const { offer, preview, unit } = props;
  const t = offer.token;
  const limit = props.participant?.positionLimitWh;
  return (
    <div className="confirmation" data-testid="buy-confirmation">
      <p className="lead">
        {props.buyerName} buys the <strong>{sideName(offer.side)}</strong> of token #{t.id.toString()} from {props.sellerName}: you {sideAction(offer.side)},{" "}
        {formatEnergy(t.whPerPeriod)} in every period of {formatWindow(t.firstPeriod, t.lastPeriod, props.periodSeconds)} ({categoryName(t.category).toLowerCase()},{" "}
        {formatMWh(offer.totalWh)} in all).
      </p>
      <dl className="costs">
        <dt>Price</dt>
        <dd data-testid="buy-price">
          {formatPrice(offer.pricePerMwh, unit)} × {formatMWh(offer.totalWh)} = {formatMoney(preview.price, unit)}
        </dd>
        <dt>Bank fee</dt>
        <dd data-testid="buy-fee">
          {formatMoney(preview.fee, unit)} <span className="hint">({props.feeText}{preview.price < 0n ? ", paid by the seller" : ""})</span>
        </dd>
        {preview.price < 0n ? (
          <>
            <dt>You receive</dt>
            <dd data-testid="buy-total">{formatMoney(preview.buyerReceives, unit)}</dd>
          </>
        ) : (
          <>
            <dt>You pay</dt>
            <dd data-testid="buy-total">
              <strong>{formatMoney(preview.buyerPays, unit)}</strong>
            </dd>
          </>
        )}
        <dt>Settlement account</dt>
        <dd data-testid="buy-account">
          {formatMoney(preview.availableAfter + preview.buyerPays - preview.buyerReceives, unit)} available → {formatMoney(preview.availableAfter, unit)} after
        </dd>
        <dt>Your position</dt>
        <dd data-testid="buy-position">
          {positionText(preview.periods)}
          <span className="hint">
            {" "}
            (bought minus sold energy; limit {limit === undefined ? "none: not admitted" : `±${formatEnergy(limit)}`})
          </span>
        </dd>
      </dl>
      {preview.ownOffer ? <p className="warning" role="alert">This is your own offer: the chain does not let you buy it.</p> : null}
      {preview.insufficientFunds ? (
        <p className="warning" role="alert">
          Your settlement account has {formatMoney(preview.availableAfter + preview.buyerPays, unit)} available, {formatMoney(-preview.availableAfter, unit)} less than this
          costs: deposit more into it first.
        </p>
      ) : null}
      {props.participant === undefined ? (
        <p className="warning" role="alert">
          This account is not admitted on this chain: the chain will refuse the purchase. Ask the grid operator to admit it.
        </p>
      ) : null}
      {preview.beyondLimit.length > 0 ? (
        <p className="warning" role="alert">
          This would take your position beyond your limit of ±{formatEnergy(limit ?? 0n)} in {preview.beyondLimit.length} period
          {preview.beyondLimit.length === 1 ? "" : "s"}, first {formatPeriod((preview.beyondLimit[0] as PeriodChange).period, props.periodSeconds)}: the chain will refuse it.
          Cover those periods with an opposite side first, or ask the grid operator for a higher limit.
        </p>
      ) : null}
    </div>
  );
}

/** blocked tells whether the chain would refuse the purchase for a reason the preview knows. */
export function blocked(preview: PurchasePreview, participant: Participant | undefined): boolean {
  return preview.ownOffer || preview.insufficientFunds || participant === undefined || preview.beyondLimit.length > 0;
}
