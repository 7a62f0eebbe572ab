/** CO2 figures as people read them: grams, intensities (g/kWh), the preview of a split or merge. */
import { Co2IntensityBasis, type StandardCo2Intensity } from "@gridledger/client";

/** formatGrams shows grams below 1 kg, kg below 1 t, else tonnes. */
export function formatGrams(grams: bigint, locale?: string): string {
  const value = Number(grams);
  const [scaled, unit] = value < 1_000 ? [value, "g"] : value < 1_000_000 ? [value / 1_000, "kg"] : [value / 1_000_000, "t"];
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(scaled)} ${unit}`;
}

/** formatIntensity shows g/MWh as g/kWh, the unit life-cycle figures are quoted in. */
export function formatIntensity(gramsPerMwh: bigint, locale?: string): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(Number(gramsPerMwh) / 1_000)} g/kWh`;
}

/** basisLabel says where a standard intensity comes from. */
export function basisLabel(s: StandardCo2Intensity, locale?: string): string {
  switch (s.basis) {
    case Co2IntensityBasis.CO2_INTENSITY_BASIS_PUBLISHED:
      return `published from period ${new Intl.NumberFormat(locale).format(s.basisPeriod)}`;
    case Co2IntensityBasis.CO2_INTENSITY_BASIS_PREVIOUS_AVERAGE:
      return `average of period ${new Intl.NumberFormat(locale).format(s.basisPeriod)}`;
    default:
      return "none yet";
  }
}

/** hasStandard is false when nothing was published and no earlier period was delivered. */
export function hasStandard(s: StandardCo2Intensity | undefined): s is StandardCo2Intensity {
  return s !== undefined && s.basis !== Co2IntensityBasis.CO2_INTENSITY_BASIS_UNSPECIFIED;
}

/** intensityOf is a token's intensity in g/MWh, rounded down. */
export function intensityOf(co2Grams: bigint, totalWh: bigint): bigint {
  return totalWh <= 0n ? 0n : (co2Grams * 1_000_000n) / totalWh;
}

/** Co2Preview is what a split or merge would leave the token with. */
export interface Co2Preview {
  readonly before: bigint;
  readonly after: bigint;
  readonly intensityBefore: bigint;
  readonly intensityAfter: bigint;
  /** gap is intensityAfter − standard (positive: above the standard); undefined without one. */
  readonly gap?: bigint;
  /** problem says why the chain would refuse it; undefined when it would not. */
  readonly problem?: string;
}

/**
 * co2Preview computes a split (delta < 0: grams leave the token) or a merge (delta > 0) of a token
 * carrying co2Grams over totalWh, against the standard (g/MWh) when there is one. The checks are the
 * chain's (x/energy MsgSplitCo2, MsgMergeCo2): at least 1 g, at most what the token carries, no
 * overflow of 64 bits.
 */
export function co2Preview(co2Grams: bigint, totalWh: bigint, delta: bigint, standard?: bigint): Co2Preview {
  const after = co2Grams + delta;
  let problem: string | undefined;
  if (delta === 0n) problem = "Enter at least 1 g.";
  else if (after < 0n) problem = `The token carries ${formatGrams(co2Grams)}; split at most that.`;
  else if (after >= 1n << 64n) problem = "The token cannot carry that much CO2 (2^64 g).";
  const intensityAfter = intensityOf(after < 0n ? 0n : after, totalWh);
  return {
    before: co2Grams,
    after,
    intensityBefore: intensityOf(co2Grams, totalWh),
    intensityAfter,
    ...(standard === undefined ? {} : { gap: intensityAfter - standard }),
    ...(problem === undefined ? {} : { problem }),
  };
}

/** gramsToStandard is the CO2 to split off (positive) or to merge in (negative) to reach the standard. */
export function gramsToStandard(co2Grams: bigint, totalWh: bigint, standard: bigint): bigint {
  return co2Grams - (standard * totalWh) / 1_000_000n;
}

/** gapSentence says how far an intensity is from the standard. */
export function gapSentence(gap: bigint | undefined): string {
  if (gap === undefined) return "No standard is known for this category and period yet.";
  if (gap === 0n) return "At the standard.";
  return gap > 0n ? `${formatIntensity(gap)} above the standard.` : `${formatIntensity(-gap)} below the standard.`;
}

/** readGrams reads a whole number of grams; an error sentence when it is none. */
export function readGrams(text: string): { grams?: bigint; error?: string } {
  const t = text.trim().replace(/[’'_\s,]/g, "");
  if (t === "") return {};
  if (!/^\d+$/.test(t)) return { error: "Enter whole grams, such as 1500." };
  const grams = BigInt(t);
  if (grams === 0n) return { error: "Enter at least 1 g." };
  if (grams >= 1n << 64n) return { error: "That is more CO2 than a token can carry." };
  return { grams };
}
