/**
 * Reference prices: the prices imbalances are priced at in a thin market (seed §3.5.1), each in
 * force from a period on until the next one of its category. The operator publishes one for a
 * period that still trades (its gate not yet closed).
 */
import { EnergyCategory, periodAt, type ReferencePrice } from "@gridledger/client";
import { type FormEvent, useId, useMemo, useState } from "react";

import { useChain } from "../chain/ChainProvider.js";
import { useEnergyParams, useFiatUnits } from "../chain/reads.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading } from "../components/Status.js";
import { formatPeriod } from "../format/periods.js";
import { type FiatUnit, formatPrice, parseAmount } from "../format/units.js";
import { CATEGORIES, categoryName } from "../market/categories.js";
import { useOperatorAct } from "./useOperator.js";

/** CHOICES: how many periods from the first open one the form offers (a day of 15-minute periods). */
const CHOICES = 96;

/** firstOpenPeriod is the first period whose gate closes after `nowSeconds`, with a period's margin for the block to come. */
export function firstOpenPeriod(nowSeconds: number, periodSeconds: bigint, gateClosureSeconds: bigint): bigint {
  return periodAt(new Date((nowSeconds + Number(gateClosureSeconds)) * 1000), periodSeconds) + 1n;
}

/** ranges says until which period each reference price is in force: the one before the next of its category. */
function ranges(prices: readonly ReferencePrice[]): Map<ReferencePrice, bigint | undefined> {
  const out = new Map<ReferencePrice, bigint | undefined>();
  for (const p of prices) {
    const next = prices.filter((q) => q.category === p.category && q.fromPeriod > p.fromPeriod).reduce<bigint | undefined>((m, q) => (m === undefined || q.fromPeriod < m ? q.fromPeriod : m), undefined);
    out.set(p, next === undefined ? undefined : next - 1n);
  }
  return out;
}

function PublishForm({ periodSeconds, gateSeconds, banks }: { readonly periodSeconds: bigint; readonly gateSeconds: bigint; readonly banks: readonly FiatUnit[] }) {
  const { chain } = useChain();
  const id = useId();
  const first = useMemo(() => firstOpenPeriod(Date.now() / 1000, periodSeconds, gateSeconds), [periodSeconds, gateSeconds]);
  const [category, setCategory] = useState<EnergyCategory>(EnergyCategory.ENERGY_CATEGORY_UNSPECIFIED);
  const [from, setFrom] = useState(first.toString());
  const [denom, setDenom] = useState(banks[0]?.denom ?? "");
  const [price, setPrice] = useState("");
  const unit = banks.find((b) => b.denom === denom) ?? banks[0];
  const parsed = unit === undefined ? undefined : parseAmount(price, unit.exponent);
  const publish = useOperatorAct((signer, op, input: { category: EnergyCategory; fromPeriod: bigint; pricePerMwh: bigint; denom: string }) => signer.publishReferencePrice(op, input));
  const options = Array.from({ length: CHOICES }, (_, i) => first + BigInt(i));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (parsed !== undefined && unit !== undefined) publish.mutate({ category, fromPeriod: BigInt(from), pricePerMwh: parsed, denom: unit.denom });
  };
  return (
    <form onSubmit={submit} aria-label="Publish a reference price">
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-cat`}>Category</label>
          <select id={`${id}-cat`} value={category} onChange={(e) => setCategory(Number(e.target.value) as EnergyCategory)}>
            <option value={EnergyCategory.ENERGY_CATEGORY_UNSPECIFIED}>Every category without its own</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryName(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field wide">
          <label htmlFor={`${id}-from`}>In force from (your time)</label>
          <select id={`${id}-from`} value={from} onChange={(e) => setFrom(e.target.value)}>
            {options.map((p) => (
              <option key={p.toString()} value={p.toString()}>
                {formatPeriod(p, periodSeconds)}
              </option>
            ))}
          </select>
          <span className="hint">until the next price of the category; only periods whose gate is still open</span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-price`}>Price per MWh</label>
          <span className="ask">
            <select aria-label="Currency" value={unit?.denom ?? ""} onChange={(e) => setDenom(e.target.value)} disabled={banks.length < 2}>
              {banks.map((b) => (
                <option key={b.denom} value={b.denom}>
                  {b.currency}
                </option>
              ))}
            </select>
            <input id={`${id}-price`} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} placeholder="80.00" aria-invalid={price !== "" && parsed === undefined} />
          </span>
          {price !== "" && parsed === undefined ? <span className="field-error">Enter an amount such as 80.50 (negative when the grid pays for taking energy).</span> : null}
        </div>
      </div>
      <div className="dialog-actions">
        <button type="submit" className="primary" disabled={parsed === undefined || publish.isPending}>
          {publish.isPending ? "Publishing…" : "Publish reference price"}
        </button>
      </div>
      {publish.isError ? <ErrorNote error={publish.error} rpc={chain.rpc} title="Not published." /> : null}
      {publish.isSuccess && unit !== undefined ? (
        <p className="success" role="status" data-testid="publish-done">
          Published {formatPrice(publish.variables.pricePerMwh, unit)} for {publish.variables.category === EnergyCategory.ENERGY_CATEGORY_UNSPECIFIED ? "every category" : categoryName(publish.variables.category)} from{" "}
          {formatPeriod(publish.variables.fromPeriod, periodSeconds)}.
        </p>
      ) : null}
    </form>
  );
}

export function ReferencePrices({ acting }: { readonly acting: boolean }) {
  const { chain } = useChain();
  const params = useEnergyParams();
  const banks = useFiatUnits();
  const prices = useChainQuery(["delivery", "referencePrices"], (client) => client.query.delivery.referencePrices({ limit: 200 }), { refresh: "slow" });
  const periodSeconds = params.data?.periodSeconds ?? 900n;
  const unitOf = (denom: string): FiatUnit => banks.data?.find((b) => b.denom === denom) ?? { denom, currency: denom, exponent: 0 };
  const until = ranges(prices.data?.prices ?? []);
  return (
    <section className="card" aria-labelledby="references-title">
      <h2 id="references-title">Reference prices</h2>
      {prices.isError ? (
        <ErrorNote error={prices.error} rpc={chain.rpc} />
      ) : prices.data === undefined ? (
        <Loading label="Reading the reference prices…" height="6rem" />
      ) : prices.data.prices.length === 0 ? (
        <Empty title="No reference price">Imbalances in a thin market stay unpriced until you publish one.</Empty>
      ) : (
        <div className="table-scroll" tabIndex={0} aria-label="Reference prices">
          <table className="figures" data-testid="reference-prices">
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col">From</th>
                <th scope="col">Until</th>
                <th scope="col" className="num">
                  Price
                </th>
              </tr>
            </thead>
            <tbody>
              {prices.data.prices.map((p) => {
                const last = until.get(p);
                return (
                  <tr key={`${p.category}-${p.fromPeriod.toString()}-${p.denom}`} data-testid={`reference-${p.category}-${p.fromPeriod.toString()}`}>
                    <td>{p.category === EnergyCategory.ENERGY_CATEGORY_UNSPECIFIED ? "every category" : categoryName(p.category)}</td>
                    <td>{p.fromPeriod === 0n ? "the start" : formatPeriod(p.fromPeriod, periodSeconds)}</td>
                    <td>{last === undefined ? "until replaced" : formatPeriod(last, periodSeconds)}</td>
                    <td className="num">{formatPrice(p.pricePerMwh, unitOf(p.denom))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <details className="admit-box">
        <summary>Publish a reference price</summary>
        {!acting ? (
          <p className="hint">Only the grid operator publishes reference prices.</p>
        ) : params.data === undefined || banks.data === undefined ? (
          <Loading label="Reading the periods and currencies…" height="6rem" />
        ) : banks.data.length === 0 ? (
          <Empty title="No fiat currency yet" />
        ) : (
          <PublishForm periodSeconds={periodSeconds} gateSeconds={params.data.gateClosureSeconds} banks={banks.data} />
        )}
      </details>
    </section>
  );
}
