/**
 * Delivery periods (DESIGN.md §3): period n covers Unix seconds [n*P, (n+1)*P) UTC, where P is the
 * energy parameter `period_seconds` (900 by default, the EU imbalance settlement period).
 */
import { fromRfc3339WithNanoseconds } from "@cosmjs/tendermint-rpc";

import type { GridledgerClient } from "../../client.js";

/** DEFAULT_PERIOD_SECONDS is the chain's default period length: 15 minutes. */
export const DEFAULT_PERIOD_SECONDS = 900;

function periodLength(periodSeconds: bigint | number): bigint {
  const p = BigInt(periodSeconds);
  if (p <= 0n) throw new Error(`periodSeconds must be positive, got ${p.toString()}`);
  return p;
}

/** periodAt is the index of the period containing `date` (0 before 1970, as on the chain). */
export function periodAt(date: Date, periodSeconds: bigint | number = DEFAULT_PERIOD_SECONDS): bigint {
  const seconds = Math.floor(date.getTime() / 1000);
  if (!Number.isFinite(seconds)) throw new Error("periodAt needs a valid date");
  return seconds < 0 ? 0n : BigInt(seconds) / periodLength(periodSeconds);
}

/** periodStart is the instant period `period` begins. */
export function periodStart(period: bigint | number, periodSeconds: bigint | number = DEFAULT_PERIOD_SECONDS): Date {
  return new Date(Number(BigInt(period) * periodLength(periodSeconds)) * 1000);
}

/**
 * currentPeriod is the period of the latest block's time, with the chain's period length. The
 * next block may already fall into the following period: issue tokens from currentPeriod + 2 on
 * to be safe.
 */
export async function currentPeriod(client: Pick<GridledgerClient, "stargate" | "query">): Promise<bigint> {
  const [block, params] = await Promise.all([client.stargate.getBlock(), client.query.energy.params()]);
  return periodAt(fromRfc3339WithNanoseconds(block.header.time), params.periodSeconds);
}
