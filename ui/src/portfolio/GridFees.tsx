/**
 * The grid fees a delivered token carries (seed §3: "calculated and attached to the token upon
 * delivery, ultimately to be paid by the consumer"): x/settlement attaches each delivered
 * period's transmission fee to the tokens the consumer consumed through, and the consumer
 * side's owner pays them when the token settles. Shown on the consumer side's row.
 */
import type { GridFee } from "@gridledger/client";

import type { FiatUnit } from "../format/units.js";
import { formatMoney } from "../format/units.js";

const KIND_LABELS: Readonly<Record<string, string>> = { transmission: "transmission" };

/** gridFeeText is one fee in words: "CHF 1.23 transmission". */
export function gridFeeText(fee: GridFee, unitOf: (denom: string) => FiatUnit | undefined): string {
  const amount = fee.amount?.amount ?? "0";
  const denom = fee.amount?.denom ?? "";
  const unit = unitOf(denom);
  const money = unit ? formatMoney(BigInt(amount || "0"), unit) : `${amount} ${denom}`;
  return `${money} ${KIND_LABELS[fee.kind] ?? (fee.kind || "grid fee")}`;
}

export function GridFees(props: { readonly tokenId: bigint; readonly fees: readonly GridFee[]; readonly unitOf: (denom: string) => FiatUnit | undefined }) {
  if (props.fees.length === 0) return null;
  return (
    <div className="hint" data-testid={`grid-fees-${props.tokenId.toString()}`}>
      grid fees: {props.fees.map((f) => gridFeeText(f, props.unitOf)).join(", ")}
    </div>
  );
}
