/**
 * The CO2 view's forms: the CO2 authority publishes standard intensities and sets the CO2 rate; a
 * participant splits CO2 off a token it holds both sides of, or merges CO2 tokens into it, with the
 * intensity before and after against the standard shown before signing.
 */
import { type Co2Token, type EnergyCategory, type StandardCo2Intensity, type Token } from "@gridledger/client";
import { useId, useState } from "react";

import { ErrorNote } from "../components/Status.js";
import { type FiatUnit, formatEnergy, formatMoney } from "../format/units.js";
import { CATEGORIES, categoryName } from "../market/categories.js";
import { basisLabel, co2Preview, formatGrams, formatIntensity, gapSentence, gramsToStandard, hasStandard, intensityOf, readGrams } from "./co2.js";

export type Outcome = { readonly done: string } | { readonly error: unknown } | undefined;

export function Result({ outcome, rpc, testid }: { readonly outcome: Outcome; readonly rpc: string | undefined; readonly testid: string }) {
  if (outcome === undefined) return null;
  if ("done" in outcome) {
    return (
      <p className="success" role="status" data-testid={`${testid}-done`}>
        {outcome.done}
      </p>
    );
  }
  return <ErrorNote error={outcome.error} title="Refused." {...(rpc === undefined ? {} : { rpc })} />;
}

/** readIntensity reads g/kWh (up to three decimals) into g/MWh. */
export function readIntensity(text: string): { gramsPerMwh?: bigint; error?: string } {
  const t = text.trim();
  if (t === "") return {};
  const m = /^(\d+)(?:\.(\d{1,3}))?$/.exec(t);
  if (m === null) return { error: "Enter g/kWh with at most three decimals, such as 41 or 820.5." };
  return { gramsPerMwh: BigInt(m[1] ?? "0") * 1_000n + BigInt((m[2] ?? "").padEnd(3, "0")) };
}

export interface PublishFormProps {
  /** firstOpen is the first period whose gate is still open: the earliest a publication may start. */
  readonly firstOpen: bigint;
  readonly submit: (category: EnergyCategory, fromPeriod: bigint, gramsPerMwh: bigint) => Promise<unknown>;
  readonly rpc?: string;
}

/** PublishForm lets the CO2 authority publish a category's standard intensity from a period on. */
export function PublishForm({ firstOpen, submit, rpc }: PublishFormProps) {
  const id = useId();
  const [category, setCategory] = useState<EnergyCategory>(CATEGORIES[0] as EnergyCategory);
  const [from, setFrom] = useState(firstOpen.toString());
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(undefined);
  const intensity = readIntensity(text);
  const fromPeriod = /^\d+$/.test(from.trim()) ? BigInt(from.trim()) : undefined;
  const fromError = fromPeriod === undefined ? "Enter a period number." : fromPeriod < firstOpen ? `Period ${fromPeriod.toString()} has passed its gate closure; start at ${firstOpen.toString()} or later.` : undefined;
  const ready = intensity.gramsPerMwh !== undefined && fromError === undefined && !busy;
  return (
    <form
      className="co2-form"
      aria-label="Publish a standard intensity"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready || intensity.gramsPerMwh === undefined || fromPeriod === undefined) return;
        const grams = intensity.gramsPerMwh;
        setBusy(true);
        setOutcome(undefined);
        submit(category, fromPeriod, grams)
          .then(() => setOutcome({ done: `Published ${formatIntensity(grams)} for ${categoryName(category)} from period ${fromPeriod.toString()}.` }))
          .catch((error: unknown) => setOutcome({ error }))
          .finally(() => setBusy(false));
      }}
    >
      <div className="co2-fields">
        <label className="field" htmlFor={`${id}-cat`}>
          Category
          <select id={`${id}-cat`} value={category} onChange={(e) => setCategory(Number(e.target.value) as EnergyCategory)}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryName(c)}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-from`}>
          From period
          <input id={`${id}-from`} inputMode="numeric" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={fromError !== undefined} />
        </label>
        <label className="field" htmlFor={`${id}-g`}>
          Standard intensity (g/kWh)
          <input id={`${id}-g`} inputMode="decimal" value={text} placeholder="41" onChange={(e) => setText(e.target.value)} aria-invalid={intensity.error !== undefined} />
        </label>
      </div>
      {fromError !== undefined && from !== "" ? <p className="warning">{fromError}</p> : null}
      {intensity.error === undefined ? null : <p className="warning">{intensity.error}</p>}
      <div className="co2-actions">
        <button type="submit" disabled={!ready}>
          {busy ? "Publishing…" : "Publish"}
        </button>
      </div>
      <Result outcome={outcome} rpc={rpc} testid="publish" />
    </form>
  );
}

export interface RateFormProps {
  readonly units: readonly FiatUnit[];
  readonly submit: (denom: string, ratePerGram: bigint) => Promise<unknown>;
  readonly rpc?: string;
}

/** RateForm lets the CO2 authority set the payment per gram of consumed CO2 in a currency (zero allowed). */
export function RateForm({ units, submit, rpc }: RateFormProps) {
  const id = useId();
  const [denom, setDenom] = useState(units[0]?.denom ?? "");
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(undefined);
  const unit = units.find((u) => u.denom === denom);
  const t = text.trim();
  const rate = /^\d+$/.test(t) ? BigInt(t) : undefined;
  const error = t === "" || rate !== undefined ? undefined : t.startsWith("-") ? "The rate cannot be negative; zero means no payment." : "Enter whole base units per gram, such as 100.";
  const ready = rate !== undefined && unit !== undefined && !busy;
  if (units.length === 0) return <p className="hint">No bank is approved yet: a rate is set in an approved bank's currency.</p>;
  return (
    <form
      className="co2-form"
      aria-label="Set the CO2 rate"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready || rate === undefined || unit === undefined) return;
        setBusy(true);
        setOutcome(undefined);
        submit(denom, rate)
          .then(() => setOutcome({ done: `The CO2 rate in ${unit.currency} is now ${formatMoney(rate * 1_000_000n, unit)} per tonne.` }))
          .catch((e: unknown) => setOutcome({ error: e }))
          .finally(() => setBusy(false));
      }}
    >
      <div className="co2-fields">
        <label className="field" htmlFor={`${id}-denom`}>
          Currency
          <select id={`${id}-denom`} value={denom} onChange={(e) => setDenom(e.target.value)}>
            {units.map((u) => (
              <option key={u.denom} value={u.denom}>
                {u.currency} ({u.denom})
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-rate`}>
          Rate per gram (base units)
          <input id={`${id}-rate`} inputMode="numeric" value={text} placeholder="100" onChange={(e) => setText(e.target.value)} aria-invalid={error !== undefined} />
        </label>
      </div>
      {rate !== undefined && unit !== undefined ? (
        <p className="hint" data-testid="rate-per-tonne">
          {formatMoney(rate * 1_000_000n, unit)} per tonne of CO2 consumed{rate === 0n ? ": no payment" : ""}.
        </p>
      ) : null}
      {error === undefined ? null : <p className="warning">{error}</p>}
      <div className="co2-actions">
        <button type="submit" disabled={!ready}>
          {busy ? "Setting…" : "Set rate"}
        </button>
      </div>
      <Result outcome={outcome} rpc={rpc} testid="rate" />
    </form>
  );
}

/** totalWh is a token's energy over all its periods. */
export function totalWh(t: Token): bigint {
  return t.whPerPeriod * (t.lastPeriod - t.firstPeriod + 1n);
}

export interface Co2TokenFormProps {
  /** tokens are the live tokens whose two sides the account holds (the only ones it may change). */
  readonly tokens: readonly Token[];
  readonly co2Tokens: readonly Co2Token[];
  readonly standardFor: (t: Token) => StandardCo2Intensity | undefined;
  readonly split: (tokenId: bigint, grams: bigint) => Promise<{ tokenId: bigint; co2TokenId: bigint }>;
  readonly merge: (tokenId: bigint, co2TokenIds: readonly bigint[]) => Promise<bigint>;
  readonly rpc?: string;
}

/** Co2TokenForm splits CO2 off a token into a CO2 token, or merges CO2 tokens into a token. */
export function Co2TokenForm({ tokens, co2Tokens, standardFor, split, merge, rpc }: Co2TokenFormProps) {
  const id = useId();
  const [chosen, setChosen] = useState<string>(tokens[0]?.id.toString() ?? "");
  const [pickedMode, setMode] = useState<"split" | "merge">("split");
  // With no CO2 token left to merge (the last one merged, sold or divided away), the form splits.
  const mode = co2Tokens.length === 0 ? "split" : pickedMode;
  const [text, setText] = useState("");
  const [picked, setPicked] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(undefined);
  const token = tokens.find((t) => t.id.toString() === chosen) ?? tokens[0];
  if (token === undefined) return null;
  const wh = totalWh(token);
  const standard = standardFor(token);
  const known = hasStandard(standard) ? standard : undefined;
  const grams = readGrams(text);
  const mergeIds = co2Tokens.filter((c) => picked.includes(c.id.toString()));
  const mergeGrams = mergeIds.reduce((sum, c) => sum + c.grams, 0n);
  const delta = mode === "split" ? -(grams.grams ?? 0n) : mergeGrams;
  const nothing = mode === "split" ? grams.grams === undefined : mergeIds.length === 0;
  const preview = nothing ? undefined : co2Preview(token.co2Grams, wh, delta, known?.gramsPerMwh);
  const toStandard = known === undefined ? undefined : gramsToStandard(token.co2Grams, wh, known.gramsPerMwh);
  const ready = !busy && preview !== undefined && preview.problem === undefined && (mode === "merge" || grams.error === undefined);
  const reset = () => {
    setText("");
    setPicked([]);
    setOutcome(undefined);
  };
  return (
    <form
      className="co2-form"
      aria-label="Split or merge CO2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        setBusy(true);
        setOutcome(undefined);
        const act =
          mode === "split"
            ? split(token.id, grams.grams ?? 0n).then(
                (r) => `Split ${formatGrams(grams.grams ?? 0n)} off token ${token.id.toString()}: token ${r.tokenId.toString()} replaces it, and CO2 token ${r.co2TokenId.toString()} holds the ${formatGrams(grams.grams ?? 0n)}.`,
              )
            : merge(
                token.id,
                mergeIds.map((c) => c.id),
              ).then((newId) => `Merged ${formatGrams(mergeGrams)} into token ${token.id.toString()}: token ${newId.toString()} replaces it.`);
        act
          .then((done) => {
            setText("");
            setPicked([]);
            setOutcome({ done });
          })
          .catch((error: unknown) => setOutcome({ error }))
          .finally(() => setBusy(false));
      }}
    >
      <div className="co2-fields">
        <label className="field co2-wide" htmlFor={`${id}-token`}>
          Token
          <select
            id={`${id}-token`}
            value={token.id.toString()}
            onChange={(e) => {
              setChosen(e.target.value);
              reset();
            }}
          >
            {tokens.map((t) => (
              <option key={t.id.toString()} value={t.id.toString()}>
                {`#${t.id.toString()} · ${categoryName(t.category)} · ${formatEnergy(totalWh(t))} · ${formatGrams(t.co2Grams)} (${formatIntensity(intensityOf(t.co2Grams, totalWh(t)))})`}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="co2-tabs" role="group" aria-label="What to do">
        <button type="button" aria-pressed={mode === "split"} onClick={() => { setMode("split"); reset(); }}>
          Split CO2 off
        </button>
        <button type="button" aria-pressed={mode === "merge"} onClick={() => { setMode("merge"); reset(); }} disabled={co2Tokens.length === 0} title={co2Tokens.length === 0 ? "You hold no CO2 tokens" : undefined}>
          Merge CO2 tokens in
        </button>
      </div>
      {mode === "split" ? (
        <div className="co2-fields">
          <label className="field" htmlFor={`${id}-grams`}>
            CO2 to split off (g)
            <input id={`${id}-grams`} inputMode="numeric" value={text} placeholder="1500" onChange={(e) => setText(e.target.value)} aria-invalid={grams.error !== undefined} />
          </label>
          {toStandard !== undefined && toStandard > 0n ? (
            <button type="button" className="link" onClick={() => setText(toStandard.toString())}>
              Split {formatGrams(toStandard)}: down to the standard
            </button>
          ) : null}
        </div>
      ) : (
        <fieldset className="co2-picks">
          <legend>CO2 tokens to merge in</legend>
          {co2Tokens.map((c) => (
            <label key={c.id.toString()}>
              <input
                type="checkbox"
                checked={picked.includes(c.id.toString())}
                onChange={(e) => setPicked(e.target.checked ? [...picked, c.id.toString()] : picked.filter((p) => p !== c.id.toString()))}
              />{" "}
              CO2 token {c.id.toString()} · {formatGrams(c.grams)}
            </label>
          ))}
          {toStandard !== undefined && toStandard < 0n ? <p className="hint">{formatGrams(-toStandard)} more would bring it up to the standard.</p> : null}
        </fieldset>
      )}
      {grams.error !== undefined && mode === "split" ? <p className="warning">{grams.error}</p> : null}
      <dl className="costs co2-preview" data-testid="co2-preview">
        <dt>CO2</dt>
        <dd data-testid="co2-grams">
          {formatGrams(token.co2Grams)}
          {preview === undefined ? "" : ` → ${formatGrams(preview.after < 0n ? 0n : preview.after)}`}
        </dd>
        <dt>Intensity</dt>
        <dd data-testid="co2-intensity">
          {formatIntensity(intensityOf(token.co2Grams, wh))}
          {preview === undefined ? "" : ` → ${formatIntensity(preview.intensityAfter)}`}
        </dd>
        <dt>Standard</dt>
        <dd data-testid="co2-standard">
          {known === undefined ? "none yet" : `${formatIntensity(known.gramsPerMwh)} (${basisLabel(known)})`}
        </dd>
      </dl>
      <p className="hint" data-testid="co2-gap">
        {gapSentence(preview?.gap ?? (known === undefined ? undefined : intensityOf(token.co2Grams, wh) - known.gramsPerMwh))}
      </p>
      {preview?.problem === undefined ? null : (
        <p className="warning" role="alert">
          {preview.problem}
        </p>
      )}
      <div className="co2-actions">
        <button type="submit" disabled={!ready}>
          {busy ? "Signing…" : mode === "split" ? "Split CO2 off" : "Merge CO2 in"}
        </button>
      </div>
      <Result outcome={outcome} rpc={rpc} testid="co2" />
    </form>
  );
}
