/**
 * The CO2 market (seed §2.4): CO2 tokens offered for sale, each bought whole after a review of what
 * the buyer pays (or, at a negative price, receives) and the CO2 it then bears; and the CO2 tokens
 * an account holds or held, with what became of each, where it offers or withdraws one and divides
 * one into two parts (MsgDivideCo2Token) to sell or merge part of its CO2.
 */
import { bankFee, type Co2Token, type FeeModel, FeeKind } from "@gridledger/client";
import { useId, useState } from "react";

import type { Bank } from "../chain/reads.js";
import { Empty } from "../components/Status.js";
import { formatMoney, parseAmount } from "../format/units.js";
import { categoryName } from "../market/categories.js";
import { formatGrams } from "./co2.js";
import { type Outcome, Result } from "./Co2Forms.js";
import { co2State, type Co2State, co2TokenPrice, isLive, readDivision } from "./market.js";

const NO_FEE: FeeModel = { kind: FeeKind.FEE_KIND_NONE, basisPoints: 0, fixedAmount: "0" };

/** perTonne shows a price per tonne in its currency, or in base units when the currency is unknown. */
function perTonne(price: bigint, denom: string, unit: Bank | undefined): string {
  return unit === undefined ? `${price.toString()} ${denom} per tonne` : `${formatMoney(price, unit)} per tonne`;
}

function money(amount: bigint, denom: string, unit: Bank | undefined): string {
  return unit === undefined ? `${amount.toString()} ${denom}` : formatMoney(amount, unit);
}

/** Co2BuyPreview is what buying an offered CO2 token does to the buyer. */
export interface Co2BuyPreview {
  /** price is the whole token's price (price per tonne × grams / 10^6, toward zero); negative: the buyer is paid. */
  readonly price: bigint;
  /** fee is the bank's, paid by whoever pays the price (none when nothing is paid). */
  readonly fee: bigint;
  readonly buyerPays: bigint;
  readonly buyerReceives: bigint;
  /** availableAfter is the buyer's settlement account after; undefined when not known. */
  readonly availableAfter?: bigint;
  /** co2Cost is what the CO2 will cost the buyer at settlement at the current rate; undefined without a rate. */
  readonly co2Cost?: bigint;
}

/** co2BuyPreview works out a purchase as the chain pays it (x/energy BuyCo2Token through x/fiat Pay). */
export function co2BuyPreview(c: Co2Token, feeModel: FeeModel, available: bigint | undefined, ratePerGram: bigint | undefined): Co2BuyPreview {
  const price = co2TokenPrice(c.ask?.pricePerTonne ?? 0n, c.grams);
  const fee = price === 0n ? 0n : bankFee(feeModel, price < 0n ? -price : price);
  const buyerPays = price > 0n ? price + fee : 0n;
  const buyerReceives = price < 0n ? -price : 0n;
  return {
    price,
    fee,
    buyerPays,
    buyerReceives,
    ...(available === undefined ? {} : { availableAfter: available - buyerPays + buyerReceives }),
    ...(ratePerGram === undefined ? {} : { co2Cost: ratePerGram * c.grams }),
  };
}

export interface Co2OffersProps {
  /** offers are the offered CO2 tokens of every currency, cheapest per tonne first within one. */
  readonly offers: readonly Co2Token[];
  readonly units: readonly Bank[];
  readonly me: string;
  readonly nameOf: (address: string) => string;
  /** rateOf is the CO2 rate per gram in a denom; undefined when the CO2 authority set none. */
  readonly rateOf: (denom: string) => bigint | undefined;
  /** availableOf is the buyer's settlement account available in a denom; undefined while unknown. */
  readonly availableOf: (denom: string) => bigint | undefined;
  /** buy signs the purchase at the offer's price; undefined without an account that signs. */
  readonly buy?: (c: Co2Token) => Promise<unknown>;
  readonly rpc?: string;
}

/** Co2Offers lists the CO2 tokens offered for sale and buys one after a review. */
export function Co2Offers({ offers, units, me, nameOf, rateOf, availableOf, buy, rpc }: Co2OffersProps) {
  const [reviewing, setReviewing] = useState<bigint | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(undefined);
  const unitOf = (denom: string) => units.find((u) => u.denom === denom);
  const chosen = offers.find((c) => c.id === reviewing);
  return (
    <>
      {offers.length === 0 ? (
        <Empty title="No CO2 token is offered for sale.">Offer one of your CO2 tokens below; a CO2 token is sold whole, so divide it first to sell part of its CO2.</Empty>
      ) : (
        <div className="table-scroll" tabIndex={0} aria-label="CO2 tokens offered for sale">
          <table className="figures" data-testid="co2-offers">
            <thead>
              <tr>
                <th scope="col">CO2 token</th>
                <th scope="col" className="num">CO2</th>
                <th scope="col" className="num">Price per tonne</th>
                <th scope="col" className="num">Whole token</th>
                <th scope="col">Seller</th>
                <th scope="col">From</th>
                <th scope="col">
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {offers.map((c) => {
                const unit = unitOf(c.ask?.denom ?? "");
                const denom = c.ask?.denom ?? "";
                const price = co2TokenPrice(c.ask?.pricePerTonne ?? 0n, c.grams);
                const own = c.owner === me;
                return (
                  <tr key={c.id.toString()} data-testid={`co2-offer-${c.id.toString()}`}>
                    <td>#{c.id.toString()}</td>
                    <td className="num">{formatGrams(c.grams)}</td>
                    <td className="num">{perTonne(c.ask?.pricePerTonne ?? 0n, denom, unit)}</td>
                    <td className="num">
                      {money(price < 0n ? -price : price, denom, unit)}
                      <div className="hint">{price < 0n ? "paid to the buyer" : price > 0n ? "paid by the buyer" : "free"}</div>
                    </td>
                    <td>
                      {nameOf(c.owner)}
                      {own ? <span className="badge co2-you">yours</span> : null}
                    </td>
                    <td>
                      {categoryName(c.category)} · due period {c.duePeriod.toString()}
                    </td>
                    <td>
                      {own || buy === undefined ? null : (
                        <button
                          type="button"
                          onClick={() => {
                            setReviewing(c.id);
                            setOutcome(undefined);
                          }}
                          aria-label={`Buy CO2 token ${c.id.toString()}`}
                        >
                          Buy…
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {chosen === undefined || buy === undefined ? null : (
        <Co2BuyReview
          c={chosen}
          unit={unitOf(chosen.ask?.denom ?? "")}
          sellerName={nameOf(chosen.owner)}
          rate={rateOf(chosen.denom)}
          available={availableOf(chosen.ask?.denom ?? "")}
          busy={busy}
          cancel={() => setReviewing(undefined)}
          confirm={() => {
            setBusy(true);
            setOutcome(undefined);
            const bought = chosen;
            buy(bought)
              .then(() => {
                setReviewing(undefined);
                setOutcome({ done: `You bought CO2 token ${bought.id.toString()} (${formatGrams(bought.grams)}); you now bear its CO2 and find it under your CO2 tokens.` });
              })
              .catch((error: unknown) => setOutcome({ error }))
              .finally(() => setBusy(false));
          }}
        />
      )}
      <Result outcome={outcome} rpc={rpc} testid="co2-buy" />
    </>
  );
}

interface Co2BuyReviewProps {
  readonly c: Co2Token;
  readonly unit: Bank | undefined;
  readonly sellerName: string;
  readonly rate: bigint | undefined;
  readonly available: bigint | undefined;
  readonly busy: boolean;
  readonly confirm: () => void;
  readonly cancel: () => void;
}

/** Co2BuyReview shows what a purchase pays or costs, and the CO2 the buyer then bears, before it is signed. */
function Co2BuyReview({ c, unit, sellerName, rate, available, busy, confirm, cancel }: Co2BuyReviewProps) {
  const denom = c.ask?.denom ?? "";
  const p = co2BuyPreview(c, unit?.entity.feeModel ?? NO_FEE, available, rate);
  const short = p.availableAfter !== undefined && p.availableAfter < 0n;
  return (
    <div className="confirmation co2-review" data-testid="co2-buy-review" role="region" aria-label="Review the purchase">
      <p className="lead">
        You buy CO2 token #{c.id.toString()} from {sellerName}: {formatGrams(c.grams)} of {categoryName(c.category).toLowerCase()} CO2, split from token{" "}
        {c.splitFrom.toString()}. You then bear its CO2.
      </p>
      <dl className="costs">
        <dt>Price</dt>
        <dd data-testid="co2-buy-price">
          {perTonne(c.ask?.pricePerTonne ?? 0n, denom, unit)} × {formatGrams(c.grams)} = {money(p.price, denom, unit)}
        </dd>
        <dt>Bank fee</dt>
        <dd data-testid="co2-buy-fee">
          {money(p.fee, denom, unit)}
          {p.price < 0n ? <span className="hint"> (paid by the seller)</span> : null}
        </dd>
        {p.price < 0n ? (
          <>
            <dt>You receive</dt>
            <dd data-testid="co2-buy-total">
              <strong>{money(p.buyerReceives, denom, unit)}</strong>
            </dd>
          </>
        ) : (
          <>
            <dt>You pay</dt>
            <dd data-testid="co2-buy-total">
              <strong>{money(p.buyerPays, denom, unit)}</strong>
            </dd>
          </>
        )}
        {p.availableAfter === undefined ? null : (
          <>
            <dt>Settlement account</dt>
            <dd data-testid="co2-buy-account">
              {money(p.availableAfter + p.buyerPays - p.buyerReceives, denom, unit)} available → {money(p.availableAfter, denom, unit)} after
            </dd>
          </>
        )}
        <dt>CO2 you then bear</dt>
        <dd data-testid="co2-buy-co2">
          {formatGrams(c.grams)}
          {c.denom === "" ? (
            <span className="hint"> (its token has no face value: no CO2 charge)</span>
          ) : p.co2Cost === undefined ? (
            <span className="hint"> (no CO2 rate is set in {c.denom}: nothing to pay at settlement for now)</span>
          ) : (
            <>
              {" "}
              × the CO2 rate = {money(p.co2Cost, c.denom, unit?.denom === c.denom ? unit : undefined)} at the settlement of period {c.duePeriod.toString()}, unless you merge or sell it
              before
            </>
          )}
        </dd>
      </dl>
      {short ? (
        <p className="warning" role="alert">
          Your settlement account has less than this costs: deposit more into it first, or the chain refuses the purchase.
        </p>
      ) : null}
      <div className="co2-actions">
        <button type="button" className="primary" disabled={busy || short} onClick={confirm}>
          {busy ? "Buying…" : `Confirm: buy CO2 token ${c.id.toString()}`}
        </button>
        <button type="button" onClick={cancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** stateText says what became of a CO2 token in words. */
export function stateText(s: Co2State, nameOf: (address: string) => string, unitOf: (denom: string) => Bank | undefined): string {
  switch (s.kind) {
    case "held":
      return "held, not offered";
    case "offered":
      return `offered at ${perTonne(s.pricePerTonne, s.denom, unitOf(s.denom))}`;
    case "sold":
      return `sold: now held by ${nameOf(s.holder)}`;
    case "divided":
      return `divided into ${s.parts.map((p) => `#${p.toString()}`).join(" and ")}`;
    case "merged":
      return `merged into token ${s.into.toString()}`;
    case "consumed":
      return `consumed at the settlement of period ${s.period.toString()}: its grams were charged to you`;
  }
}

export interface Co2HoldingsProps {
  /** tokens are the CO2 tokens the account holds and those it held in this browser, by id. */
  readonly tokens: readonly Co2Token[];
  readonly me: string;
  readonly units: readonly Bank[];
  readonly nameOf: (address: string) => string;
  readonly setAsk?: (id: bigint, ask: { readonly pricePerTonne: bigint; readonly denom: string } | null) => Promise<unknown>;
  readonly divide?: (id: bigint, parts: readonly bigint[]) => Promise<readonly bigint[]>;
  readonly rpc?: string;
}

type Action = { readonly kind: "offer" | "divide"; readonly id: bigint } | undefined;

/** Co2Holdings lists the account's CO2 tokens with their state, and offers, withdraws or divides one. */
export function Co2Holdings({ tokens, me, units, nameOf, setAsk, divide, rpc }: Co2HoldingsProps) {
  const [action, setAction] = useState<Action>(undefined);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(undefined);
  const unitOf = (denom: string) => units.find((u) => u.denom === denom);
  if (tokens.length === 0) {
    return <Empty title="You hold no CO2 tokens.">Split CO2 off a token to make one, or buy one above; you bear its CO2 until you merge or sell it.</Empty>;
  }
  const run = (work: Promise<string>) => {
    setBusy(true);
    setOutcome(undefined);
    work
      .then((done) => {
        setAction(undefined);
        setOutcome({ done });
      })
      .catch((error: unknown) => setOutcome({ error }))
      .finally(() => setBusy(false));
  };
  const target = tokens.find((c) => c.id === action?.id);
  return (
    <>
      <div className="table-scroll" tabIndex={0} aria-label="Your CO2 tokens">
        <table className="figures" data-testid="co2-tokens">
          <thead>
            <tr>
              <th scope="col">CO2 token</th>
              <th scope="col" className="num">CO2</th>
              <th scope="col">From</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((c) => {
              const s = co2State(c, me);
              const live = isLive(s);
              return (
                <tr key={c.id.toString()} data-testid={`co2-token-${c.id.toString()}`} data-state={s.kind} className={live ? undefined : "co2-past"}>
                  <td>#{c.id.toString()}</td>
                  <td className="num">{formatGrams(c.grams)}</td>
                  <td>
                    token {c.splitFrom.toString()} · {categoryName(c.category)}
                    {c.dividedFrom === 0n ? null : <div className="hint">part of #{c.dividedFrom.toString()}</div>}
                  </td>
                  <td data-testid={`co2-state-${c.id.toString()}`}>{stateText(s, nameOf, unitOf)}</td>
                  <td className="co2-row-actions">
                    {!live || setAsk === undefined ? null : s.kind === "offered" ? (
                      <button type="button" disabled={busy} onClick={() => run(setAsk(c.id, null).then(() => `CO2 token ${c.id.toString()} is no longer offered.`))}>
                        Withdraw offer
                      </button>
                    ) : (
                      <button type="button" onClick={() => { setAction({ kind: "offer", id: c.id }); setOutcome(undefined); }} aria-label={`Offer CO2 token ${c.id.toString()}`}>
                        Offer…
                      </button>
                    )}
                    {!live || divide === undefined ? null : (
                      <button
                        type="button"
                        disabled={s.kind === "offered" || c.grams < 2n}
                        title={s.kind === "offered" ? "Withdraw the offer first: an offered CO2 token cannot be divided" : c.grams < 2n ? "1 g cannot be divided" : undefined}
                        onClick={() => { setAction({ kind: "divide", id: c.id }); setOutcome(undefined); }}
                        aria-label={`Divide CO2 token ${c.id.toString()}`}
                      >
                        Divide…
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {target === undefined || action === undefined ? null : action.kind === "offer" && setAsk !== undefined ? (
        <OfferForm
          c={target}
          units={units}
          busy={busy}
          cancel={() => setAction(undefined)}
          submit={(ask) => run(setAsk(target.id, ask).then(() => `CO2 token ${target.id.toString()} is offered at ${perTonne(ask.pricePerTonne, ask.denom, unitOf(ask.denom))}.`))}
        />
      ) : action.kind === "divide" && divide !== undefined ? (
        <DivideForm
          c={target}
          busy={busy}
          cancel={() => setAction(undefined)}
          submit={(parts) =>
            run(
              divide(target.id, parts).then(
                (ids) => `Divided CO2 token ${target.id.toString()} into ${ids.map((id, i) => `#${id.toString()} (${formatGrams(parts[i] ?? 0n)})`).join(" and ")}.`,
              ),
            )
          }
        />
      ) : null}
      <Result outcome={outcome} rpc={rpc} testid="co2-holding" />
    </>
  );
}

interface OfferFormProps {
  readonly c: Co2Token;
  readonly units: readonly Bank[];
  readonly busy: boolean;
  readonly submit: (ask: { readonly pricePerTonne: bigint; readonly denom: string }) => void;
  readonly cancel: () => void;
}

/** OfferForm sets a CO2 token's price per tonne, any sign: a negative price pays the buyer to take the CO2. */
function OfferForm({ c, units, busy, submit, cancel }: OfferFormProps) {
  const id = useId();
  const [denom, setDenom] = useState(units.find((u) => u.denom === c.denom)?.denom ?? units[0]?.denom ?? "");
  const [text, setText] = useState("");
  const unit = units.find((u) => u.denom === denom);
  const price = unit === undefined || text.trim() === "" ? undefined : parseAmount(text, unit.exponent);
  const error = text.trim() !== "" && price === undefined ? `Enter an amount in ${unit?.currency ?? denom}, such as -80 or 12.50.` : undefined;
  const whole = price === undefined ? undefined : co2TokenPrice(price, c.grams);
  if (units.length === 0) return <p className="hint">No bank is approved yet: a CO2 token is priced in an approved bank's currency.</p>;
  return (
    <form
      className="co2-form co2-subform"
      aria-label={`Offer CO2 token ${c.id.toString()}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (price !== undefined && unit !== undefined && !busy) submit({ pricePerTonne: price, denom });
      }}
    >
      <h3>Offer CO2 token #{c.id.toString()} ({formatGrams(c.grams)})</h3>
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
        <label className="field" htmlFor={`${id}-price`}>
          Price per tonne ({unit?.currency ?? denom})
          <input id={`${id}-price`} inputMode="decimal" value={text} placeholder="-80" onChange={(e) => setText(e.target.value)} aria-invalid={error !== undefined} />
        </label>
      </div>
      {error === undefined ? null : <p className="warning">{error}</p>}
      {whole === undefined || unit === undefined ? null : (
        <p className="hint" data-testid="co2-offer-preview">
          {whole < 0n
            ? `The buyer of the whole token is paid ${formatMoney(-whole, unit)} by you to take its CO2 (and you pay the bank's fee).`
            : whole > 0n
              ? `The buyer pays you ${formatMoney(whole, unit)} for the whole token.`
              : "The token is given away: nothing is paid."}
        </p>
      )}
      <div className="co2-actions">
        <button type="submit" disabled={price === undefined || busy}>
          {busy ? "Offering…" : "Offer"}
        </button>
        <button type="button" onClick={cancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface DivideFormProps {
  readonly c: Co2Token;
  readonly busy: boolean;
  readonly submit: (parts: readonly bigint[]) => void;
  readonly cancel: () => void;
}

/** DivideForm divides a CO2 token into two parts: the grams of the first, the rest in the second. */
function DivideForm({ c, busy, submit, cancel }: DivideFormProps) {
  const id = useId();
  const [text, setText] = useState("");
  const division = readDivision(text, c.grams);
  return (
    <form
      className="co2-form co2-subform"
      aria-label={`Divide CO2 token ${c.id.toString()}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (division.parts !== undefined && !busy) submit(division.parts);
      }}
    >
      <h3>Divide CO2 token #{c.id.toString()} ({formatGrams(c.grams)})</h3>
      <div className="co2-fields">
        <label className="field" htmlFor={`${id}-grams`}>
          First part (g)
          <input id={`${id}-grams`} inputMode="numeric" value={text} placeholder={(c.grams / 2n).toString()} onChange={(e) => setText(e.target.value)} aria-invalid={division.error !== undefined} />
        </label>
      </div>
      {division.error === undefined ? null : <p className="warning">{division.error}</p>}
      <p className="hint" data-testid="co2-divide-preview">
        {division.parts === undefined
          ? "Both parts keep the token's origin and are charged at the same settlement; you hold both and may sell or merge each."
          : `${formatGrams(c.grams)} → ${formatGrams(division.parts[0])} + ${formatGrams(division.parts[1])}: two new CO2 tokens you hold, with the same origin and settlement.`}
      </p>
      <div className="co2-actions">
        <button type="submit" disabled={division.parts === undefined || busy}>
          {busy ? "Dividing…" : "Divide"}
        </button>
        <button type="button" onClick={cancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
