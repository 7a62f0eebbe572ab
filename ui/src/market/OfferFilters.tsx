/**
 * The market's filters: currency (one market per fiat denom), side, category, price per MWh and
 * delivery days. Prices are typed in the currency's display unit and checked as they are typed.
 */
import { type EnergyCategory, periodAt, Side } from "@gridledger/client";
import { useEffect, useId, useState } from "react";

import { parseAmount } from "../format/units.js";
import { CATEGORIES, categoryName } from "./categories.js";
import type { OfferFilter } from "./offers.js";
import type { Bank } from "../chain/reads.js";

export interface FilterForm {
  readonly denom: string;
  readonly side: string;
  readonly category: string;
  readonly minPrice: string;
  readonly maxPrice: string;
  /** fromDay and toDay are local dates (yyyy-mm-dd) or "". */
  readonly fromDay: string;
  readonly toDay: string;
}

export const EMPTY_FORM: FilterForm = { denom: "", side: "", category: "", minPrice: "", maxPrice: "", fromDay: "", toDay: "" };

/** localMidnight is the start of a local date (yyyy-mm-dd). */
export function localMidnight(day: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m === null ? undefined : new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export interface ParsedForm {
  readonly filter: OfferFilter;
  /** errors by field, as sentences. */
  readonly errors: Partial<Record<keyof FilterForm, string>>;
}

/** parseForm turns the form into a filter; a field that does not parse is left out and named. */
export function parseForm(form: FilterForm, banks: readonly Bank[], periodSeconds: bigint): ParsedForm {
  const errors: Partial<Record<keyof FilterForm, string>> = {};
  const bank = banks.find((b) => b.denom === form.denom) ?? banks[0];
  const price = (field: "minPrice" | "maxPrice"): bigint | undefined => {
    if (form[field].trim() === "" || bank === undefined) return undefined;
    const value = parseAmount(form[field], bank.exponent);
    if (value === undefined) errors[field] = `Enter an amount in ${bank.currency} per MWh, such as 85.50.`;
    return value;
  };
  const minPrice = price("minPrice");
  const maxPrice = price("maxPrice");
  if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice) errors.maxPrice = "The highest price is below the lowest.";
  const from = localMidnight(form.fromDay);
  const to = localMidnight(form.toDay);
  const fromPeriod = from === undefined ? undefined : periodAt(from, periodSeconds);
  // The last period that starts on the "to" day.
  const toPeriod = to === undefined ? undefined : periodAt(new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1), periodSeconds) - 1n;
  if (fromPeriod !== undefined && toPeriod !== undefined && fromPeriod > toPeriod) errors.toDay = "The last day is before the first.";
  return {
    filter: {
      denom: bank?.denom,
      side: form.side === "" ? undefined : (Number(form.side) as Side),
      category: form.category === "" ? undefined : (Number(form.category) as EnergyCategory),
      minPrice: errors.minPrice === undefined ? minPrice : undefined,
      maxPrice: errors.maxPrice === undefined ? maxPrice : undefined,
      fromPeriod: errors.toDay === undefined ? fromPeriod : undefined,
      toPeriod: errors.toDay === undefined ? toPeriod : undefined,
    },
    errors,
  };
}

export function OfferFilters({
  form,
  onChange,
  banks,
  errors,
}: {
  readonly form: FilterForm;
  readonly onChange: (form: FilterForm) => void;
  readonly banks: readonly Bank[];
  readonly errors: ParsedForm["errors"];
}) {
  const id = useId();
  const [draft, setDraft] = useState(form);
  useEffect(() => setDraft(form), [form]);
  const set = (field: keyof FilterForm, value: string, commit = true) => {
    const next = { ...draft, [field]: value };
    setDraft(next);
    if (commit) onChange(next);
  };
  const currency = banks.find((b) => b.denom === form.denom)?.currency ?? banks[0]?.currency ?? "";
  const field = (name: keyof FilterForm, label: string, input: React.ReactNode) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {input}
      {errors[name] === undefined ? null : (
        <span className="field-error" id={`${id}-${name}-error`} role="alert">
          {errors[name]}
        </span>
      )}
    </div>
  );
  const priceInput = (name: "minPrice" | "maxPrice", placeholder: string) => (
    <input
      id={`${id}-${name}`}
      inputMode="decimal"
      placeholder={placeholder}
      value={draft[name]}
      aria-invalid={errors[name] !== undefined}
      onChange={(e) => set(name, e.target.value, false)}
      onBlur={(e) => set(name, e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter") set(name, e.currentTarget.value);
      }}
    />
  );
  return (
    <form className="filters" aria-label="Filter offers" onSubmit={(e) => e.preventDefault()}>
      {field(
        "denom",
        "Currency",
        <select id={`${id}-denom`} value={form.denom || banks[0]?.denom || ""} onChange={(e) => set("denom", e.target.value)} disabled={banks.length < 2}>
          {banks.map((b) => (
            <option key={b.denom} value={b.denom}>
              {b.currency} ({b.denom})
            </option>
          ))}
        </select>,
      )}
      {field(
        "side",
        "Side",
        <select id={`${id}-side`} value={form.side} onChange={(e) => set("side", e.target.value)}>
          <option value="">Both sides</option>
          <option value={Side.SIDE_CONSUMER}>Energy for sale (consumer sides)</option>
          <option value={Side.SIDE_PRODUCER}>Deliveries wanted (producer sides)</option>
        </select>,
      )}
      {field(
        "category",
        "Category",
        <select id={`${id}-category`} value={form.category} onChange={(e) => set("category", e.target.value)}>
          <option value="">All categories</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {categoryName(c)}
            </option>
          ))}
        </select>,
      )}
      {field("minPrice", `Lowest price (${currency}/MWh)`, priceInput("minPrice", "any"))}
      {field("maxPrice", `Highest price (${currency}/MWh)`, priceInput("maxPrice", "any"))}
      {field("fromDay", "Delivery from", <input id={`${id}-fromDay`} type="date" value={form.fromDay} onChange={(e) => set("fromDay", e.target.value)} />)}
      {field("toDay", "Delivery until", <input id={`${id}-toDay`} type="date" value={form.toDay} onChange={(e) => set("toDay", e.target.value)} />)}
      <div className="field field-reset">
        <button type="button" className="link" onClick={() => onChange({ ...EMPTY_FORM, denom: form.denom })}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
