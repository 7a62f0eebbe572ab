/**
 * The origin of a consumer's energy (seed §3.5.3), added up over the pages of the energy
 * Traceability query. The chain rounds each page by largest remainder so its origins add up to
 * its totals exactly; sums of pages keep that property, so the whole adds up too.
 */
import type { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import type {
  OriginBucket,
  QueryTraceabilityResponse,
  TraceIntermediary,
} from "../../generated/gridledger/energy/v1/trace.js";

/** Traceability is the whole origin of a consumer's energy over a period range. */
export interface Traceability {
  /** consumedWh is the energy of the consumer's sides inside the range, Wh. */
  readonly consumedWh: bigint;
  /** co2Grams is the CO2 those sides carry for it (each page rounded half up). */
  readonly co2Grams: bigint;
  /** origins are by category, origin shard, area and balancing, in the chain's order. */
  readonly origins: readonly OriginBucket[];
  /** intermediaries are the aggregators and traders the energy passed, by address. */
  readonly intermediaries: readonly TraceIntermediary[];
  /** consumedTokens counts the consumer sides traced. */
  readonly consumedTokens: bigint;
  /** pages is how many queries it took. */
  readonly pages: number;
}

/** TraceCategoryTotal is one category's energy and CO2 over every origin of it. */
export interface TraceCategoryTotal {
  readonly category: EnergyCategory;
  readonly wh: bigint;
  readonly co2Grams: bigint;
}

function originKey(o: OriginBucket): string {
  return `${o.category}\u0000${o.originShard}\u0000${o.area}\u0000${o.balancing ? 1 : 0}`;
}

function compareOrigins(a: OriginBucket, b: OriginBucket): number {
  if (a.category !== b.category) return a.category - b.category;
  if (a.originShard !== b.originShard) return a.originShard < b.originShard ? -1 : 1;
  if (a.area !== b.area) return a.area < b.area ? -1 : 1;
  return Number(a.balancing) - Number(b.balancing);
}

/** addTracePages adds the pages of one trace up: Wh and CO2 per origin, flags per intermediary. */
export function addTracePages(pages: readonly QueryTraceabilityResponse[]): Traceability {
  const origins = new Map<string, OriginBucket>();
  const intermediaries = new Map<string, TraceIntermediary>();
  let consumedWh = 0n;
  let co2Grams = 0n;
  let consumedTokens = 0n;
  for (const page of pages) {
    consumedWh += page.consumedWh;
    co2Grams += page.co2Grams;
    consumedTokens += page.consumedTokens;
    for (const o of page.origins) {
      const key = originKey(o);
      const cur = origins.get(key);
      origins.set(key, cur ? { ...cur, wh: cur.wh + o.wh, co2Grams: cur.co2Grams + o.co2Grams } : { ...o });
    }
    for (const i of page.intermediaries) {
      const cur = intermediaries.get(i.address);
      intermediaries.set(
        i.address,
        cur
          ? {
              address: i.address,
              emitted: cur.emitted || i.emitted,
              splitOrMerged: cur.splitOrMerged || i.splitOrMerged,
              resold: cur.resold || i.resold,
            }
          : { ...i },
      );
    }
  }
  return {
    consumedWh,
    co2Grams,
    consumedTokens,
    pages: pages.length,
    origins: [...origins.values()].sort(compareOrigins),
    intermediaries: [...intermediaries.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)),
  };
}

/** traceByCategory adds a trace's origins up per category, in category order (for a chart). */
export function traceByCategory(trace: Pick<Traceability, "origins">): TraceCategoryTotal[] {
  const totals = new Map<EnergyCategory, { wh: bigint; co2Grams: bigint }>();
  for (const o of trace.origins) {
    const cur = totals.get(o.category) ?? { wh: 0n, co2Grams: 0n };
    totals.set(o.category, { wh: cur.wh + o.wh, co2Grams: cur.co2Grams + o.co2Grams });
  }
  return [...totals.entries()].sort(([a], [b]) => a - b).map(([category, t]) => ({ category, ...t }));
}
