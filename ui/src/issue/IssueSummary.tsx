/** IssueSummary says in words what the previewed token is, next to the message that is signed. */
import type { IssueTokenInput, Meter } from "@gridledger/client";

import { formatWindow, type TimeOptions } from "../format/periods.js";
import { formatEnergy, formatMoney, formatPrice, type FiatUnit } from "../format/units.js";
import { categoryName } from "../market/categories.js";
import { CAPABILITIES } from "./validate.js";
import { capabilityName } from "./IssueForm.js";
import { meterLabel } from "./validate.js";

export interface IssueSummaryProps extends TimeOptions {
  readonly input: IssueTokenInput;
  readonly category: number;
  readonly meters: readonly Meter[];
  readonly unit: FiatUnit;
  readonly periodSeconds: bigint;
}

export function IssueSummary({ input, category, meters, unit, periodSeconds, ...time }: IssueSummaryProps) {
  const first = BigInt(input.firstPeriod);
  const last = BigInt(input.lastPeriod);
  const wh = BigInt(input.whPerPeriod);
  const total = wh * (last - first + 1n);
  const face = BigInt(input.faceValuePerMwh.amount);
  const label = (id: string | undefined) => {
    const m = meters.find((x) => x.id === id);
    return m === undefined ? (id ?? "") : meterLabel(m);
  };
  const ask = (a: IssueTokenInput["consumerAsk"]) => (a === undefined ? "not offered" : `offered at ${formatPrice(BigInt(a.pricePerMwh), unit, time.locale)}`);
  const services = CAPABILITIES.filter((c) => input.capabilities?.[c] !== undefined);
  const fee = BigInt(input.terms?.cancellationFee ?? 0);
  return (
    <dl className="facts" data-testid="issue-summary">
      <dt>Delivery</dt>
      <dd>{formatWindow(first, last, periodSeconds, time)}</dd>
      <dt>Energy</dt>
      <dd>
        {formatEnergy(wh, time.locale)} per period, {formatEnergy(total, time.locale)} in all
      </dd>
      <dt>Category</dt>
      <dd>
        <span className={`category c${category}`}>{categoryName(category)}</span>
      </dd>
      <dt>Face value</dt>
      <dd>
        {formatPrice(face, unit, time.locale)}, {formatMoney((face * total) / 1_000_000n, unit, time.locale)} for the token
      </dd>
      <dt>Producer side</dt>
      <dd>
        at {label(input.producerMeterId)}, {ask(input.producerAsk)}
      </dd>
      <dt>Consumer side</dt>
      <dd>
        at {label(input.consumerMeterId)}, {ask(input.consumerAsk)}
      </dd>
      <dt>Cancellation</dt>
      <dd>{fee === 0n ? "only by both owners together" : `by either owner for a fee of ${formatMoney(fee, unit, time.locale)}`}</dd>
      {services.length === 0 ? null : (
        <>
          <dt>Services</dt>
          <dd>{services.map(capabilityName).join(", ")}</dd>
        </>
      )}
    </dl>
  );
}
