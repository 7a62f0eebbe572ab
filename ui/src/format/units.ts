/**
 * Numbers in the units people trade in: energy in Wh, kWh or MWh, money in a currency's display
 * unit (CHF, EUR) from the chain's base units, prices per MWh. Amounts stay bigint until they are
 * printed, so no rounding happens on the way.
 */

/** FiatUnit is how a fiat denom is shown: x/fiat's BankEntity has these fields. */
export interface FiatUnit {
  readonly denom: string;
  /** currency is the ISO code people read ("CHF"). */
  readonly currency: string;
  /** exponent: one display unit is 10^exponent base units. */
  readonly exponent: number;
}

/** formatEnergy shows Wh below 1 kWh, kWh below 1 MWh, else MWh, with up to three decimals. */
export function formatEnergy(wh: bigint | number, locale?: string): string {
  const value = Number(wh);
  const abs = Math.abs(value);
  const [scaled, unit] = abs < 1_000 ? [value, "Wh"] : abs < 1_000_000 ? [value / 1_000, "kWh"] : [value / 1_000_000, "MWh"];
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(scaled)} ${unit}`;
}

/** formatMWh shows energy in MWh always (for totals compared with prices per MWh). */
export function formatMWh(wh: bigint | number, locale?: string): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(Number(wh) / 1_000_000)} MWh`;
}

/**
 * formatAmount is a base-unit amount in display units, exactly: at least two decimals, more when
 * the amount has them (a 5-basis-point fee of CHF 0.0017 stays visible), grouped by locale.
 */
export function formatAmount(base: bigint, exponent: number, locale?: string): string {
  const negative = base < 0n;
  const abs = negative ? -base : base;
  const scale = 10n ** BigInt(exponent);
  const whole = abs / scale;
  let fraction = exponent > 0 ? (abs % scale).toString().padStart(exponent, "0") : "";
  const minDigits = Math.min(2, exponent);
  while (fraction.length > minDigits && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  // The locale's decimal separator, read off a formatted 1.5.
  const decimal = format.formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
  const grouped = new Intl.NumberFormat(locale, { useGrouping: true }).format(whole);
  return `${negative ? "−" : ""}${grouped}${fraction === "" ? "" : decimal + fraction}`;
}

/** formatMoney is an amount with its currency: "CHF 1,234.50". */
export function formatMoney(base: bigint, unit: FiatUnit, locale?: string): string {
  return `${unit.currency} ${formatAmount(base, unit.exponent, locale)}`;
}

/** formatPrice is a price per MWh: "CHF 85.00/MWh". */
export function formatPrice(basePerMwh: bigint, unit: FiatUnit, locale?: string): string {
  return `${formatMoney(basePerMwh, unit, locale)}/MWh`;
}

/** toDisplayNumber is an amount in display units as a float, for charts only. */
export function toDisplayNumber(base: bigint, exponent: number): number {
  return Number(base) / 10 ** exponent;
}

/**
 * parseAmount reads a display amount ("85", "85.5", "-3.40", "1'234.50", "1,234.50") into base
 * units; undefined when it is not a number or has more decimals than the unit has.
 */
export function parseAmount(text: string, exponent: number): bigint | undefined {
  const cleaned = text.trim().replace(/[\s'’_]/g, "").replace(/^−/, "-");
  // A comma is a decimal separator only when it is the last separator and no point is present.
  const normalised = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(cleaned) ? cleaned.replace(/,/g, "") : cleaned.replace(",", ".");
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(normalised);
  if (match === null) return undefined;
  const [, sign, whole = "0", fraction = ""] = match;
  if (fraction.length > exponent) return undefined;
  const base = BigInt(whole) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, "0") || "0");
  return sign === "-" ? -base : base;
}
