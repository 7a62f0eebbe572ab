/**
 * What a trade costs, as the chain computes it (chain/x/energy/types/token.go PriceFor), so an app
 * can show the amount before it signs.
 */
import type { Integer } from "./compose.js";

/** WH_PER_MWH converts the chain's Wh into the MWh prices are quoted in. */
export const WH_PER_MWH = 1_000_000n;

/**
 * priceFor is what `pricePerMwh` (base units, any sign) costs for `wh` Wh, rounded toward zero
 * as on the chain: payer and payee see the same amount and rounding creates no money. A purchase
 * of a side costs priceFor(ask, whPerPeriod x periods); negative, the seller pays the buyer.
 */
export function priceFor(pricePerMwh: Integer, wh: Integer): bigint {
  // BigInt division truncates toward zero, like math.Int's Quo.
  return (BigInt(pricePerMwh) * BigInt(wh)) / WH_PER_MWH;
}
