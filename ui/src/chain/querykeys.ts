/**
 * Query keys with bigints (token ids, periods, prices) hash deterministically: TanStack Query's
 * default hash is JSON.stringify, which throws on a bigint.
 */
export function hashQueryKey(key: readonly unknown[]): string {
  return JSON.stringify(key, (_, value: unknown) => {
    if (typeof value === "bigint") return `${value.toString()}n`;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return value;
  });
}

/** Refresh says how often a query is read again as blocks come. */
export type Refresh = "block" | "slow" | "never";

/** SLOW_EVERY: "slow" queries (the price chart's many periods, banks) refresh every fifth block. */
export const SLOW_EVERY = 5;

/** refreshesAt tells whether a query of this kind is read again at this height. */
export function refreshesAt(refresh: Refresh | undefined, height: number): boolean {
  if (refresh === "never") return false;
  if (refresh === "slow") return height % SLOW_EVERY === 0;
  return true;
}
