/**
 * The Issue form checked the way x/energy's IssueToken checks a new token
 * (chain/x/energy/keeper/msg_server.go, issue_meters.go, types/token.go, types/band.go), so that
 * a refusal is said next to its field before anything is signed: the issuer admitted and active
 * with a producing, consuming or trading role; periods whose gate is open, at most
 * max_token_periods of them; energy of 1 Wh to 1 TWh per period; meters of the issuer's own that
 * fit their sides and the category; the face value, fees and capabilities set, not negative, below
 * 10^27 base units, prices inside the denom's band; the CO2 an audited meter implies; asks only on
 * a side that can be sold. Pure functions: the view passes the chain's state in.
 */
import {
  EnergyCategory,
  type EnergyParams,
  type IssueTokenInput,
  type Meter,
  MeterKind,
  MeterStatus,
  type Participant,
  ParticipantStatus,
  type PriceBand,
  Role,
} from "@gridledger/client";

import { categoryName } from "../market/categories.js";
import { formatPeriod } from "../format/periods.js";
import { formatAmount, formatEnergy, type FiatUnit, parseAmount } from "../format/units.js";

/** MAX_WH_PER_PERIOD is x/energy's MaxWhPerPeriod: 1 TWh per period. */
export const MAX_WH_PER_PERIOD = 1_000_000_000_000n;
/** MAX_CONTRACT_AMOUNT is x/energy's MaxContractAmount: 10^27 base units. */
export const MAX_CONTRACT_AMOUNT = 10n ** 27n;
const MAX_UINT64 = 2n ** 64n - 1n;
const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;
/** MAX_LEGAL_FRAMEWORK is the longest terms.legal_framework the chain takes. */
export const MAX_LEGAL_FRAMEWORK = 64;
const WH_PER_MWH = 1_000_000n;

/** ISSUING_ROLES may issue tokens (x/energy issuingRoles). */
export const ISSUING_ROLES: readonly Role[] = [Role.ROLE_PRODUCER, Role.ROLE_CONSUMER, Role.ROLE_PROSUMER, Role.ROLE_TRADER, Role.ROLE_RETAILER];

export type EnergyUnit = "kWh" | "MWh";
export const CAPABILITIES = ["redispatch", "primary", "secondary", "tertiary"] as const;
export type CapabilityName = (typeof CAPABILITIES)[number];

export interface CapabilityForm {
  readonly offered: boolean;
  /** mobilisation in seconds. */
  readonly mobilisation: string;
  /** price per MWh in display units of the face value's currency. */
  readonly price: string;
}

/** IssueForm is what the form holds: text as typed, periods and enums as their numbers. */
export interface IssueForm {
  readonly firstPeriod: string;
  /** periods is how many delivery periods the token spans. */
  readonly periods: string;
  readonly energy: string;
  readonly energyUnit: EnergyUnit;
  readonly producerMeterId: string;
  readonly consumerMeterId: string;
  /** category is an EnergyCategory number, used when the producer meter implies none. */
  readonly category: string;
  readonly denom: string;
  /** faceValue per MWh in display units. */
  readonly faceValue: string;
  /** co2 is the token's CO2 in kg, used when the producer meter has no audited intensity. */
  readonly co2: string;
  readonly offerConsumer: boolean;
  readonly consumerAsk: string;
  readonly offerProducer: boolean;
  readonly producerAsk: string;
  readonly settlementDelay: string;
  readonly cancellationFee: string;
  readonly producerDefaultDelay: string;
  readonly producerDefaultFee: string;
  readonly consumerDefaultDelay: string;
  readonly consumerDefaultFee: string;
  readonly legalFramework: string;
  readonly capabilities: Readonly<Record<CapabilityName, CapabilityForm>>;
}

/** IssueContext is the chain's state the checks need. */
export interface IssueContext {
  readonly participant: Participant | null;
  /** meters are the issuer's registered meters. */
  readonly meters: readonly Meter[];
  readonly params: Pick<EnergyParams, "periodSeconds" | "gateClosureSeconds" | "maxTokenPeriods">;
  /** now is the Unix second the checks are made for (the chain's clock, or the browser's). */
  readonly now: number;
  /** units are the approved banks' denoms. */
  readonly units: readonly FiatUnit[];
  /** band is the price band of the chosen denom, when read. */
  readonly band: PriceBand | undefined;
  readonly locale?: string;
  readonly timeZone?: string;
}

export type IssueField =
  | "account"
  | "firstPeriod"
  | "periods"
  | "energy"
  | "producerMeterId"
  | "consumerMeterId"
  | "category"
  | "denom"
  | "faceValue"
  | "co2"
  | "consumerAsk"
  | "producerAsk"
  | "settlementDelay"
  | "cancellationFee"
  | "producerDefaultDelay"
  | "producerDefaultFee"
  | "consumerDefaultDelay"
  | "consumerDefaultFee"
  | "legalFramework"
  | `${CapabilityName}.mobilisation`
  | `${CapabilityName}.price`;

export type IssueErrors = Partial<Record<IssueField, string>>;

/** IssueCheck is the outcome: the sentences for bad fields, and the input to sign when there are none. */
export interface IssueCheck {
  readonly errors: IssueErrors;
  readonly input: IssueTokenInput | undefined;
  /** category is the token's category as it will be (from the meter or as stated). */
  readonly category: EnergyCategory | undefined;
  /** whPerPeriod and totalWh when the energy and periods are readable. */
  readonly whPerPeriod: bigint | undefined;
  readonly totalWh: bigint | undefined;
  /** co2Grams is the token's CO2 as signed; inferred says it comes from the meter's audit. */
  readonly co2Grams: bigint | undefined;
  readonly co2Inferred: boolean;
}

/** firstOpenPeriod is the first period whose gate is still open at Unix second now (Params.FirstOpenPeriod). */
export function firstOpenPeriod(now: number, params: Pick<EnergyParams, "periodSeconds" | "gateClosureSeconds">): bigint {
  const n = BigInt(Math.max(0, Math.floor(now)));
  return (n + params.gateClosureSeconds) / params.periodSeconds + 1n;
}

/** gateClosesAt is the Unix second the tokens starting in period freeze (Params.GateClosesAt). */
export function gateClosesAt(period: bigint, params: Pick<EnergyParams, "periodSeconds" | "gateClosureSeconds">): bigint {
  return period * params.periodSeconds - params.gateClosureSeconds;
}

/** parseWhole reads a whole number ≥ 0 ("12", "1'000"); undefined when it is not one. */
export function parseWhole(text: string): bigint | undefined {
  const cleaned = text.trim().replace(/[\s'’_,]/g, "");
  return /^\d+$/.test(cleaned) ? BigInt(cleaned) : undefined;
}

/** parseEnergy reads an energy in kWh (Wh precision, 3 decimals) or MWh (6 decimals) into Wh. */
export function parseEnergy(text: string, unit: EnergyUnit): bigint | undefined {
  const wh = parseAmount(text, unit === "kWh" ? 3 : 6);
  return wh;
}

/** isActive says a meter can carry new sides (not retired). */
const isActive = (m: Meter) => m.status !== MeterStatus.METER_STATUS_RETIRED;

/** meterLabel names a meter by its kind and category for people. */
export function meterLabel(m: Meter): string {
  const kind = m.kind === MeterKind.METER_KIND_PRODUCTION ? "production" : m.kind === MeterKind.METER_KIND_CONSUMPTION ? "consumption" : "virtual";
  const category = m.kind === MeterKind.METER_KIND_CONSUMPTION ? "" : `, ${categoryName(m.category).toLowerCase()}`;
  const id = m.kind === MeterKind.METER_KIND_VIRTUAL ? `virtual ${categoryName(m.category).toLowerCase()}` : m.id;
  return m.kind === MeterKind.METER_KIND_VIRTUAL ? `${id} (trading)` : `${id} (${kind}${category})`;
}

/** producerMeters are the issuer's meters that may hold the producer side of a new token. */
export function producerMeters(meters: readonly Meter[]): Meter[] {
  const order = [MeterKind.METER_KIND_PRODUCTION, MeterKind.METER_KIND_VIRTUAL, MeterKind.METER_KIND_CONSUMPTION];
  return meters.filter((m) => isActive(m) && order.includes(m.kind)).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

/** consumerMeters are the issuer's meters that may hold the consumer side of a token of category. */
export function consumerMeters(meters: readonly Meter[], category: EnergyCategory | undefined): Meter[] {
  const order = [MeterKind.METER_KIND_VIRTUAL, MeterKind.METER_KIND_CONSUMPTION, MeterKind.METER_KIND_PRODUCTION];
  return meters
    .filter((m) => isActive(m) && (m.kind === MeterKind.METER_KIND_CONSUMPTION || category === undefined || m.category === category))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

/** impliedCategory is the category a producer meter gives the token: production and virtual meters have one. */
export function impliedCategory(meter: Meter | undefined): EnergyCategory | undefined {
  if (meter === undefined || meter.kind === MeterKind.METER_KIND_CONSUMPTION) return undefined;
  return meter.category;
}

export interface IssueDefaults {
  readonly producerMeterId: string;
  readonly consumerMeterId: string;
  readonly category: string;
  readonly firstPeriod: string;
  readonly denom: string;
}

/**
 * issueDefaults picks what a participant most likely issues: the producer side at its production
 * meter (else a virtual meter, else its consumption meter: a bid), the consumer side at its virtual
 * meter of the category (else its consumption meter, else the production meter itself, as a pure
 * producer holds it until it sells the side), the first period whose gate stays open for at least
 * `margin` seconds more, and the currency its settlement account holds most of.
 */
export function issueDefaults(input: {
  readonly participant: Participant | null;
  readonly meters: readonly Meter[];
  readonly params: Pick<EnergyParams, "periodSeconds" | "gateClosureSeconds">;
  readonly now: number;
  readonly units: readonly FiatUnit[];
  readonly balances: readonly { readonly denom: string; readonly balance: bigint }[];
  readonly margin?: number;
}): IssueDefaults {
  const producer = producerMeters(input.meters)[0];
  const category =
    impliedCategory(producer) ?? input.participant?.tradedCategories[0] ?? EnergyCategory.ENERGY_CATEGORY_SOLAR;
  const consumer = consumerMeters(input.meters, category)[0];
  const margin = input.margin ?? Math.min(120, Number(input.params.periodSeconds));
  const known = new Set(input.units.map((u) => u.denom));
  const richest = [...input.balances].filter((b) => known.has(b.denom)).sort((a, b) => (a.balance > b.balance ? -1 : a.balance < b.balance ? 1 : 0))[0];
  return {
    producerMeterId: producer?.id ?? "",
    consumerMeterId: consumer?.id ?? "",
    category: String(category),
    firstPeriod: firstOpenPeriod(input.now + margin, input.params).toString(),
    denom: richest?.denom ?? input.units[0]?.denom ?? "",
  };
}

function bandText(band: PriceBand, unit: FiatUnit): string {
  return `${formatAmount(band.minPerMwh, unit.exponent)} to ${formatAmount(band.maxPerMwh, unit.exponent)} ${unit.currency}/MWh`;
}

/** checkPrice reads a price per MWh (any sign) and keeps it inside the band, or says why not. */
function checkPrice(text: string, what: string, unit: FiatUnit | undefined, band: PriceBand | undefined): { value?: bigint; error?: string } {
  if (unit === undefined) return { error: `Choose the currency first.` };
  if (text.trim() === "") return { error: `Enter ${what} per MWh, e.g. 85.00.` };
  const value = parseAmount(text, unit.exponent);
  if (value === undefined) return { error: `Enter ${what} as an amount in ${unit.currency} with at most ${unit.exponent} decimals, e.g. 85.50.` };
  if (value < MIN_INT64 || value > MAX_INT64 || (band !== undefined && (value < band.minPerMwh || value > band.maxPerMwh))) {
    const range = band === undefined ? "" : ` of ${bandText(band, unit)}`;
    return { error: `${capitalise(what)} is outside the price band${range}: quote a price within it, or ask the grid operator to change the band.` };
  }
  return { value };
}

/** checkAmount reads an amount ≥ 0 (a fee) below MAX_CONTRACT_AMOUNT, or says why not. Empty is 0. */
function checkAmount(text: string, what: string, unit: FiatUnit | undefined): { value?: bigint; error?: string } {
  if (text.trim() === "") return { value: 0n };
  if (unit === undefined) return { error: "Choose the currency first." };
  const value = parseAmount(text, unit.exponent);
  if (value === undefined) return { error: `Enter ${what} as an amount in ${unit.currency} with at most ${unit.exponent} decimals.` };
  if (value < 0n) return { error: `${capitalise(what)} cannot be negative: enter 0 or more.` };
  if (value > MAX_CONTRACT_AMOUNT) return { error: `${capitalise(what)} is above the 10^27 base units a contract can settle: enter a smaller amount.` };
  return { value };
}

function checkWhole(text: string, what: string, max = MAX_UINT64): { value?: bigint; error?: string } {
  if (text.trim() === "") return { value: 0n };
  const value = parseWhole(text);
  if (value === undefined || value > max) return { error: `Enter ${what} as a whole number, 0 or more.` };
  return { value };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** validateIssue checks the form as IssueToken would and, when nothing is wrong, gives the input to sign. */
export function validateIssue(form: IssueForm, ctx: IssueContext): IssueCheck {
  const errors: IssueErrors = {};
  const time = { ...(ctx.locale === undefined ? {} : { locale: ctx.locale }), ...(ctx.timeZone === undefined ? {} : { timeZone: ctx.timeZone }) };

  // The issuer: admitted, active, with a role that issues.
  const p = ctx.participant;
  if (p === null) {
    errors.account = "This account is not an admitted participant: the chain refuses its tokens. Ask the grid operator to admit it.";
  } else if (p.status !== ParticipantStatus.PARTICIPANT_STATUS_ACTIVE) {
    errors.account = "This account is suspended or excluded: it cannot issue until the grid operator reinstates it.";
  } else if (!p.roles.some((r) => ISSUING_ROLES.includes(r))) {
    errors.account = "This account's roles do not issue tokens: only producers, consumers, prosumers, traders and retailers do.";
  }

  // Periods: the first one's gate open, at most max_token_periods of them.
  const first = parseWhole(form.firstPeriod);
  const open = firstOpenPeriod(ctx.now, ctx.params);
  if (first === undefined || first === 0n) {
    errors.firstPeriod = "Choose the first delivery period.";
  } else if (first < open) {
    const closed = new Date(Number(gateClosesAt(first, ctx.params)) * 1000);
    errors.firstPeriod = `The gate of this period closed at ${new Intl.DateTimeFormat(ctx.locale, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", ...(ctx.timeZone === undefined ? {} : { timeZone: ctx.timeZone }) }).format(closed)} (gate closure is ${ctx.params.gateClosureSeconds.toString()} s before a period starts): start at ${formatPeriod(open, ctx.params.periodSeconds, time)} or later.`;
  }
  const count = parseWhole(form.periods);
  if (count === undefined || count === 0n) {
    errors.periods = "Enter how many periods the token delivers in: 1 or more.";
  } else if (count > ctx.params.maxTokenPeriods) {
    errors.periods = `A token spans at most ${ctx.params.maxTokenPeriods.toString()} periods (max_token_periods): issue several tokens for a longer delivery.`;
  }

  // Energy per period: 1 Wh to 1 TWh, the total within 64 bits.
  let whPerPeriod: bigint | undefined;
  if (form.energy.trim() === "") {
    errors.energy = `Enter the energy per period in ${form.energyUnit}.`;
  } else {
    const wh = parseEnergy(form.energy, form.energyUnit);
    if (wh === undefined) {
      errors.energy = `Enter the energy as a number of ${form.energyUnit} with at most ${form.energyUnit === "kWh" ? 3 : 6} decimals (whole Wh).`;
    } else if (wh <= 0n) {
      errors.energy = "The energy per period must be more than 0: a token delivers something.";
    } else if (wh > MAX_WH_PER_PERIOD) {
      errors.energy = `A token carries at most ${formatEnergy(MAX_WH_PER_PERIOD)} per period: enter less.`;
    } else {
      whPerPeriod = wh;
    }
  }
  const totalWh = whPerPeriod !== undefined && count !== undefined && count > 0n && errors.periods === undefined ? whPerPeriod * count : undefined;
  if (totalWh !== undefined && totalWh > MAX_UINT64) {
    errors.energy = "The token's total energy is beyond what the chain counts (64 bits): enter less energy or fewer periods.";
  }

  // Meters and category (issueMeters, resolveIssueMeter, resolveMeter).
  const find = (id: string) => ctx.meters.find((m) => m.id === id);
  const producer = find(form.producerMeterId);
  const consumer = find(form.consumerMeterId);
  let category = impliedCategory(producer);
  if (producer === undefined) {
    errors.producerMeterId = form.producerMeterId === "" ? "Choose the meter that delivers the energy." : `Meter ${form.producerMeterId} is not one of yours: choose one of your meters.`;
  } else if (!isActive(producer)) {
    errors.producerMeterId = `Meter ${producer.id} is retired: it carries no new sides. Choose an active meter.`;
  } else if (category === undefined) {
    const stated = Number(form.category) as EnergyCategory;
    if (!Number.isInteger(stated) || stated === EnergyCategory.ENERGY_CATEGORY_UNSPECIFIED || categoryName(stated) === "Unknown") {
      errors.category = "Choose the energy category: a consumption meter implies none.";
    } else {
      category = stated;
    }
  }
  if (consumer === undefined) {
    errors.consumerMeterId = form.consumerMeterId === "" ? "Choose the meter that takes the energy." : `Meter ${form.consumerMeterId} is not one of yours: choose one of your meters.`;
  } else if (!isActive(consumer)) {
    errors.consumerMeterId = `Meter ${consumer.id} is retired: it carries no new sides. Choose an active meter.`;
  } else if (category !== undefined && consumer.kind !== MeterKind.METER_KIND_CONSUMPTION && consumer.category !== category) {
    errors.consumerMeterId = `${meterLabel(consumer)} is ${categoryName(consumer.category).toLowerCase()}, the token is ${categoryName(category).toLowerCase()}: choose a meter of the token's category or a consumption meter.`;
  }

  // The currency, face value and fees.
  const unit = ctx.units.find((u) => u.denom === form.denom);
  if (unit === undefined) errors.denom = "Choose a currency of an approved bank.";
  const face = form.faceValue.trim() === "" ? { error: "Enter the face value per MWh: the price the consumer side pays at settlement." } : checkPrice(form.faceValue, "the face value", unit, ctx.band);
  if (face.error === undefined && face.value !== undefined && face.value < 0n) face.error = "The face value cannot be negative: enter 0 or more per MWh.";
  if (face.error !== undefined) errors.faceValue = face.error;
  const fees = {
    cancellationFee: checkAmount(form.cancellationFee, "the cancellation fee", unit),
    producerDefaultFee: checkAmount(form.producerDefaultFee, "the producer's default fee", unit),
    consumerDefaultFee: checkAmount(form.consumerDefaultFee, "the consumer's default fee", unit),
  };
  const delays = {
    settlementDelay: checkWhole(form.settlementDelay, "the settlement delay in periods"),
    producerDefaultDelay: checkWhole(form.producerDefaultDelay, "the producer's default delay in periods"),
    consumerDefaultDelay: checkWhole(form.consumerDefaultDelay, "the consumer's default delay in periods"),
  };
  for (const [field, r] of Object.entries({ ...fees, ...delays })) if (r.error !== undefined) errors[field as IssueField] = r.error;
  if ([...form.legalFramework].length > MAX_LEGAL_FRAMEWORK) {
    errors.legalFramework = `The legal framework is a short code such as EFET-2007-CH: at most ${MAX_LEGAL_FRAMEWORK} characters.`;
  }
  const caps: Partial<Record<CapabilityName, { mobilisationSeconds: bigint; pricePerMwh: bigint }>> = {};
  for (const name of CAPABILITIES) {
    const c = form.capabilities[name];
    if (!c.offered) continue;
    const mob = parseWhole(c.mobilisation);
    if (mob === undefined || mob > MAX_UINT64) errors[`${name}.mobilisation`] = "Enter the mobilisation time in whole seconds.";
    const price = checkPrice(c.price, `the ${name} price`, unit, ctx.band);
    if (price.error !== undefined) errors[`${name}.price`] = price.error;
    if (mob !== undefined && price.value !== undefined) caps[name] = { mobilisationSeconds: mob, pricePerMwh: price.value };
  }

  // CO2: an audited production meter implies it (inferCO2); otherwise it is declared.
  let co2Grams: bigint | undefined;
  let co2Inferred = false;
  if (producer?.kind === MeterKind.METER_KIND_PRODUCTION && producer.co2GramsPerMwh > 0) {
    co2Inferred = true;
    if (totalWh !== undefined) co2Grams = (totalWh * BigInt(producer.co2GramsPerMwh)) / WH_PER_MWH;
    if (co2Grams !== undefined && co2Grams > MAX_UINT64) errors.co2 = "The token's CO2 overflows what the chain counts: enter less energy.";
  } else if (form.co2.trim() === "") {
    co2Grams = 0n;
  } else {
    const grams = parseAmount(form.co2, 3);
    if (grams === undefined || grams < 0n || grams > MAX_UINT64) errors.co2 = "Enter the token's CO2 in kg (0 or more, at most 3 decimals).";
    else co2Grams = grams;
  }

  // Asks: priced inside the band, and only on a side that can be sold (the kept side deliverable where it sits).
  const asks: { consumer?: bigint; producer?: bigint } = {};
  if (form.offerConsumer) {
    const r = checkPrice(form.consumerAsk, "the consumer side's price", unit, ctx.band);
    if (r.error !== undefined) errors.consumerAsk = r.error;
    else if (producer?.kind === MeterKind.METER_KIND_CONSUMPTION) errors.consumerAsk = `The producer side you keep sits at your consumption meter ${producer.id}, where it cannot be delivered: an offer sells the consumer side of energy you produce, a bid offers the producer side.`;
    else asks.consumer = r.value;
  }
  if (form.offerProducer) {
    const r = checkPrice(form.producerAsk, "the producer side's price", unit, ctx.band);
    if (r.error !== undefined) errors.producerAsk = r.error;
    else if (consumer?.kind === MeterKind.METER_KIND_PRODUCTION) errors.producerAsk = `The consumer side you keep sits at your production meter ${consumer.id}, where it cannot be delivered: a bid keeps the consumer side at a consumption or trading meter.`;
    else asks.producer = r.value;
  }

  const ok = Object.keys(errors).length === 0;
  const input: IssueTokenInput | undefined =
    ok && first !== undefined && count !== undefined && whPerPeriod !== undefined && producer !== undefined && consumer !== undefined && unit !== undefined && face.value !== undefined
      ? {
          firstPeriod: first,
          lastPeriod: first + count - 1n,
          whPerPeriod,
          producerMeterId: producer.id,
          consumerMeterId: consumer.id,
          // A meter that implies the category is not contradicted by stating it; state it only when needed.
          ...(impliedCategory(producer) === undefined && category !== undefined ? { category } : {}),
          co2Grams: co2Grams ?? 0n,
          faceValuePerMwh: { denom: unit.denom, amount: face.value },
          terms: {
            settlementDelayPeriods: delays.settlementDelay.value ?? 0n,
            cancellationFee: fees.cancellationFee.value ?? 0n,
            producerDefaultDelayPeriods: delays.producerDefaultDelay.value ?? 0n,
            producerDefaultFee: fees.producerDefaultFee.value ?? 0n,
            consumerDefaultDelayPeriods: delays.consumerDefaultDelay.value ?? 0n,
            consumerDefaultFee: fees.consumerDefaultFee.value ?? 0n,
            legalFramework: form.legalFramework,
          },
          capabilities: caps,
          ...(asks.consumer === undefined ? {} : { consumerAsk: { pricePerMwh: asks.consumer, denom: unit.denom } }),
          ...(asks.producer === undefined ? {} : { producerAsk: { pricePerMwh: asks.producer, denom: unit.denom } }),
        }
      : undefined;
  return { errors, input, category, whPerPeriod, totalWh, co2Grams, co2Inferred };
}

const BLANK_CAPABILITY = { offered: false, mobilisation: "", price: "" };

/** blankForm is the form before defaults: nothing but the fields people rarely change. */
export function blankForm(): IssueForm {
  return {
    firstPeriod: "",
    periods: "4",
    energy: "",
    energyUnit: "kWh",
    producerMeterId: "",
    consumerMeterId: "",
    category: "0",
    denom: "",
    faceValue: "",
    co2: "",
    offerConsumer: false,
    consumerAsk: "",
    offerProducer: false,
    producerAsk: "",
    settlementDelay: "",
    cancellationFee: "",
    producerDefaultDelay: "",
    producerDefaultFee: "",
    consumerDefaultDelay: "",
    consumerDefaultFee: "",
    legalFramework: "",
    capabilities: { redispatch: BLANK_CAPABILITY, primary: BLANK_CAPABILITY, secondary: BLANK_CAPABILITY, tertiary: BLANK_CAPABILITY },
  };
}

/**
 * withFittingConsumer keeps the consumer side's meter when it fits the token's category after the
 * producer meter or the category changed, and otherwise moves it to the first meter that does.
 */
export function withFittingConsumer(form: IssueForm, meters: readonly Meter[]): IssueForm {
  const category = impliedCategory(meters.find((m) => m.id === form.producerMeterId)) ?? (Number(form.category) as EnergyCategory);
  const fitting = consumerMeters(meters, category);
  return fitting.some((m) => m.id === form.consumerMeterId) ? form : { ...form, consumerMeterId: fitting[0]?.id ?? form.consumerMeterId };
}
