/**
 * The Issue form's fields: delivery periods in local time, energy in kWh or MWh, the issuer's
 * meters for the two sides, the category when no meter implies it, the face value, the asks to
 * offer at once, and (folded) the contract terms and balancing services. Each bad field says why
 * next to it (validate.ts), once it was changed or a preview was asked for.
 */
import { type EnergyParams, type Meter, MeterKind } from "@gridledger/client";
import { type ReactNode, useCallback, useId, useState } from "react";

import { formatPeriod, formatWindow, periodLength } from "../format/periods.js";
import { formatEnergy, formatMoney, type FiatUnit } from "../format/units.js";
import { CATEGORIES, categoryName } from "../market/categories.js";
import {
  CAPABILITIES,
  type CapabilityName,
  consumerMeters,
  firstOpenPeriod,
  impliedCategory,
  type IssueCheck,
  type IssueField,
  type IssueForm,
  meterLabel,
  parseWhole,
  producerMeters,
} from "./validate.js";

/** TERMS_FIELDS are folded away; the fold opens when one of them is refused. */
const TERMS_FIELDS: readonly IssueField[] = [
  "cancellationFee",
  "settlementDelay",
  "producerDefaultFee",
  "producerDefaultDelay",
  "consumerDefaultFee",
  "consumerDefaultDelay",
  "legalFramework",
  ...CAPABILITIES.flatMap((c) => [`${c}.mobilisation` as const, `${c}.price` as const]),
];

/** PERIOD_CHOICES is how many periods from the first open one the start list offers. */
export const PERIOD_CHOICES = 96;

export interface IssueFormProps {
  readonly form: IssueForm;
  readonly onChange: (next: IssueForm, field: IssueField) => void;
  readonly check: IssueCheck;
  /** shown says whether a field's error is shown (changed, or a preview was asked for). */
  readonly shown: (field: IssueField) => boolean;
  readonly meters: readonly Meter[];
  readonly units: readonly FiatUnit[];
  readonly params: Pick<EnergyParams, "periodSeconds" | "gateClosureSeconds" | "maxTokenPeriods">;
  readonly now: number;
  readonly onPreview: () => void;
  readonly timeZone?: string;
  readonly locale?: string;
}

export function IssueFormFields(props: IssueFormProps) {
  const id = useId();
  const { form, check, params } = props;
  const time = { ...(props.locale === undefined ? {} : { locale: props.locale }), ...(props.timeZone === undefined ? {} : { timeZone: props.timeZone }) };
  const set = <K extends keyof IssueForm>(key: K, value: IssueForm[K], field: IssueField = key as IssueField) => props.onChange({ ...form, [key]: value }, field);
  const setCap = (name: CapabilityName, patch: Partial<IssueForm["capabilities"][CapabilityName]>, field: IssueField) =>
    props.onChange({ ...form, capabilities: { ...form.capabilities, [name]: { ...form.capabilities[name], ...patch } } }, field);
  const error = (field: IssueField): string | undefined => (props.shown(field) ? check.errors[field] : undefined);
  const unit = props.units.find((u) => u.denom === form.denom);
  const producer = props.meters.find((m) => m.id === form.producerMeterId);
  const implied = impliedCategory(producer);

  // The start list: the next periods whose gate is open, and the chosen one even when its gate closed since.
  const open = firstOpenPeriod(props.now, params);
  const starts = Array.from({ length: PERIOD_CHOICES }, (_, i) => open + BigInt(i));
  const chosen = parseWhole(form.firstPeriod);
  if (chosen !== undefined && chosen > 0n && !starts.includes(chosen)) (chosen < open ? starts.unshift(chosen) : starts.push(chosen));
  const count = parseWhole(form.periods);

  const field = (name: IssueField, label: string, control: ReactNode, hint?: ReactNode) => {
    const e = error(name);
    return (
      <div className={`field${e === undefined ? "" : " invalid"}`} data-field={name}>
        <label htmlFor={`${id}-${name}`}>{label}</label>
        {control}
        {hint === undefined ? null : <span className="hint">{hint}</span>}
        {e === undefined ? null : (
          <span className="field-error" id={`${id}-${name}-error`} data-testid={`error-${name}`}>
            {e}
          </span>
        )}
      </div>
    );
  };
  const aria = (name: IssueField) => ({
    id: `${id}-${name}`,
    "aria-invalid": error(name) !== undefined,
    ...(error(name) === undefined ? {} : { "aria-describedby": `${id}-${name}-error` }),
  });
  const money = (name: IssueField, value: string, onChange: (v: string) => void, placeholder = "0.00") => (
    <span className="with-unit">
      <input {...aria(name)} inputMode="decimal" value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
      <span className="unit">{unit?.currency ?? ""}</span>
    </span>
  );

  return (
    <form
      className="issue-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onPreview();
      }}
    >
      <fieldset>
        <legend>Delivery</legend>
        {field(
          "firstPeriod",
          "First period (your time)",
          <select {...aria("firstPeriod")} value={form.firstPeriod} onChange={(e) => set("firstPeriod", e.target.value)}>
            {starts.map((p) => (
              <option key={p.toString()} value={p.toString()}>
                {formatPeriod(p, params.periodSeconds, time)}
              </option>
            ))}
          </select>,
          `Gate closure is ${periodLength(params.gateClosureSeconds)} before a period starts; the first open period is listed first.`,
        )}
        {field(
          "periods",
          `Periods of ${periodLength(params.periodSeconds)}`,
          <input {...aria("periods")} inputMode="numeric" value={form.periods} onChange={(e) => set("periods", e.target.value)} />,
          chosen !== undefined && count !== undefined && count > 0n && check.errors.periods === undefined ? (
            <span data-testid="issue-window">{formatWindow(chosen, chosen + count - 1n, params.periodSeconds, time)}</span>
          ) : undefined,
        )}
      </fieldset>

      <fieldset>
        <legend>Energy</legend>
        {field(
          "energy",
          "Energy per period",
          <span className="with-unit">
            <input {...aria("energy")} inputMode="decimal" value={form.energy} placeholder="250" onChange={(e) => set("energy", e.target.value)} />
            <select aria-label="Energy unit" value={form.energyUnit} onChange={(e) => set("energyUnit", e.target.value as IssueForm["energyUnit"], "energy")}>
              <option value="kWh">kWh</option>
              <option value="MWh">MWh</option>
            </select>
          </span>,
          check.totalWh !== undefined && check.whPerPeriod !== undefined ? (
            <span data-testid="issue-total">
              {formatEnergy(check.whPerPeriod, props.locale)} per period, {formatEnergy(check.totalWh, props.locale)} in all
            </span>
          ) : undefined,
        )}
      </fieldset>

      <fieldset>
        <legend>Meters</legend>
        {field(
          "producerMeterId",
          "Producer side at",
          <select {...aria("producerMeterId")} value={form.producerMeterId} onChange={(e) => set("producerMeterId", e.target.value)}>
            {form.producerMeterId === "" ? <option value="">Choose a meter</option> : null}
            {producerMeters(props.meters).map((m) => (
              <option key={m.id} value={m.id}>
                {meterLabel(m)}
                {m.kind === MeterKind.METER_KIND_CONSUMPTION ? " — a bid" : ""}
              </option>
            ))}
          </select>,
          "Where the energy is delivered from; a production meter gives the token its category.",
        )}
        {implied === undefined ? (
          field(
            "category",
            "Category",
            <select {...aria("category")} value={form.category} onChange={(e) => set("category", e.target.value)}>
              <option value="0">Choose a category</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={String(c)}>
                  {categoryName(c)}
                </option>
              ))}
            </select>,
          )
        ) : (
          <div className="field">
            <span className="label">Category</span>
            <span className={`category c${implied}`} data-testid="issue-category">
              {categoryName(implied)}
            </span>
            <span className="hint">from {producer?.id}</span>
          </div>
        )}
        {field(
          "consumerMeterId",
          "Consumer side at",
          <select {...aria("consumerMeterId")} value={form.consumerMeterId} onChange={(e) => set("consumerMeterId", e.target.value)}>
            {form.consumerMeterId === "" ? <option value="">Choose a meter</option> : null}
            {consumerMeters(props.meters, check.category).map((m) => (
              <option key={m.id} value={m.id}>
                {meterLabel(m)}
              </option>
            ))}
          </select>,
          "You hold both sides until you sell one; a buyer names its own meter.",
        )}
      </fieldset>

      <fieldset>
        <legend>Price</legend>
        {field(
          "denom",
          "Currency",
          <select {...aria("denom")} value={form.denom} onChange={(e) => set("denom", e.target.value)} disabled={props.units.length < 2}>
            {props.units.map((u) => (
              <option key={u.denom} value={u.denom}>
                {u.currency}
              </option>
            ))}
          </select>,
        )}
        {field(
          "faceValue",
          "Face value per MWh",
          money("faceValue", form.faceValue, (v) => set("faceValue", v), "80.00"),
          "Paid by the consumer side's holder at settlement.",
        )}
        {check.co2Inferred ? (
          <div className="field">
            <span className="label">CO2</span>
            <span data-testid="issue-co2">{check.co2Grams === undefined ? "from the meter's audit" : `${(Number(check.co2Grams) / 1000).toLocaleString(props.locale, { maximumFractionDigits: 3 })} kg`}</span>
            <span className="hint">from {producer?.id}&apos;s audited intensity</span>
          </div>
        ) : (
          field("co2", "CO2 of the whole token (kg)", <input {...aria("co2")} inputMode="decimal" value={form.co2} placeholder="0" onChange={(e) => set("co2", e.target.value)} />)
        )}
      </fieldset>

      <fieldset>
        <legend>Offer at once</legend>
        <div className="offer-line">
          <label className="check">
            <input type="checkbox" checked={form.offerConsumer} onChange={(e) => set("offerConsumer", e.target.checked, "consumerAsk")} /> Offer the consumer side (sell the energy)
          </label>
          {form.offerConsumer ? field("consumerAsk", "Consumer side's price per MWh", money("consumerAsk", form.consumerAsk, (v) => set("consumerAsk", v), "85.00")) : null}
        </div>
        <div className="offer-line">
          <label className="check">
            <input type="checkbox" checked={form.offerProducer} onChange={(e) => set("offerProducer", e.target.checked, "producerAsk")} /> Offer the producer side (a bid: someone else delivers)
          </label>
          {form.offerProducer ? field("producerAsk", "Producer side's price per MWh", money("producerAsk", form.producerAsk, (v) => set("producerAsk", v), "0.00")) : null}
        </div>
        <p className="hint">Or offer a side later from your Portfolio.</p>
      </fieldset>

      <details className="terms" open={TERMS_FIELDS.some((f) => error(f) !== undefined) ? true : undefined}>
        <summary>Contract terms and balancing services (optional)</summary>
        <fieldset>
          <legend>Contract terms</legend>
          {field("cancellationFee", "Cancellation fee", money("cancellationFee", form.cancellationFee, (v) => set("cancellationFee", v)), "None: the token can only be cancelled by both owners.")}
          {field("settlementDelay", "Settlement delay (periods)", <input {...aria("settlementDelay")} inputMode="numeric" value={form.settlementDelay} placeholder="0" onChange={(e) => set("settlementDelay", e.target.value)} />)}
          {field("producerDefaultFee", "Producer's default fee per MWh", money("producerDefaultFee", form.producerDefaultFee, (v) => set("producerDefaultFee", v)))}
          {field("producerDefaultDelay", "Producer's default delay (periods)", <input {...aria("producerDefaultDelay")} inputMode="numeric" value={form.producerDefaultDelay} placeholder="0" onChange={(e) => set("producerDefaultDelay", e.target.value)} />)}
          {field("consumerDefaultFee", "Consumer's default fee per MWh", money("consumerDefaultFee", form.consumerDefaultFee, (v) => set("consumerDefaultFee", v)))}
          {field("consumerDefaultDelay", "Consumer's default delay (periods)", <input {...aria("consumerDefaultDelay")} inputMode="numeric" value={form.consumerDefaultDelay} placeholder="0" onChange={(e) => set("consumerDefaultDelay", e.target.value)} />)}
          {field("legalFramework", "Legal framework", <input {...aria("legalFramework")} value={form.legalFramework} placeholder="EFET-2007-CH" onChange={(e) => set("legalFramework", e.target.value)} />)}
        </fieldset>
        <fieldset>
          <legend>Balancing services offered to the grid operator</legend>
          {CAPABILITIES.map((name) => {
            const c = form.capabilities[name];
            return (
              <div className="offer-line" key={name}>
                <label className="check">
                  <input type="checkbox" checked={c.offered} onChange={(e) => setCap(name, { offered: e.target.checked }, `${name}.price`)} /> {capabilityName(name)}
                </label>
                {c.offered ? (
                  <>
                    {field(`${name}.mobilisation`, "Mobilisation (s)", <input {...aria(`${name}.mobilisation`)} inputMode="numeric" value={c.mobilisation} onChange={(e) => setCap(name, { mobilisation: e.target.value }, `${name}.mobilisation`)} />)}
                    {field(`${name}.price`, "Price per MWh", money(`${name}.price`, c.price, (v) => setCap(name, { price: v }, `${name}.price`)))}
                  </>
                ) : null}
              </div>
            );
          })}
        </fieldset>
      </details>

      {check.input !== undefined && unit !== undefined && check.totalWh !== undefined ? (
        <p className="hint" data-testid="issue-face-total">
          Face value of the whole token: {formatMoney((BigInt(check.input.faceValuePerMwh.amount) * check.totalWh) / 1_000_000n, unit, props.locale)}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary">
          Preview
        </button>
      </div>
    </form>
  );
}

export function capabilityName(name: CapabilityName): string {
  return { redispatch: "Redispatch", primary: "Primary control reserve", secondary: "Secondary control reserve", tertiary: "Tertiary control reserve" }[name];
}

/**
 * useFieldErrors says which fields show their error: one changed since the form opened, or all
 * once a preview was asked for (a form that shouts before anything is typed helps nobody).
 */
export function useFieldErrors() {
  const [touched, setTouched] = useState<ReadonlySet<IssueField>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const touch = useCallback((field: IssueField) => setTouched((t) => new Set(t).add(field)), []);
  const attempt = useCallback(() => setAttempted(true), []);
  const reset = useCallback(() => {
    setTouched(new Set());
    setAttempted(false);
  }, []);
  const shown = useCallback((field: IssueField) => attempted || touched.has(field), [attempted, touched]);
  return { shown, touch, attempt, reset };
}
