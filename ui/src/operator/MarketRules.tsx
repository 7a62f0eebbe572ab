/**
 * Market rules: gate closure and the other market parameters (read-only: governance or genesis
 * sets them, and the console offers the proposal file instead of pretending), and the price band
 * of every fiat denom, which the grid operator sets (MsgSetPriceBand).
 */
import { type QueryPriceBandResponse } from "@gridledger/client";
import { type FormEvent, useState } from "react";

import { useChain } from "../chain/ChainProvider.js";
import { type Bank, useEnergyParams, useFiatUnits } from "../chain/reads.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading, shortAddress } from "../components/Status.js";
import { periodLength } from "../format/periods.js";
import { formatAmount, formatEnergy, formatPrice, parseAmount } from "../format/units.js";
import { type ParamsProposal, proposalJson, submitCommand } from "./proposal.js";
import { useBalancingParams, useOperatorAct } from "./useOperator.js";

function duration(seconds: bigint): string {
  return seconds === 0n ? "0 s (at the period's start)" : periodLength(seconds);
}

function ProposalBox({ proposal, name }: { readonly proposal: ParamsProposal; readonly name: string }) {
  const { chain } = useChain();
  const [shown, setShown] = useState(false);
  const gov = useChainQuery(["gov", "params"], (client) => client.query.gov.params(), { refresh: "never", enabled: shown });
  const file = `${proposal.module}-params-proposal.json`;
  const json = gov.data === undefined ? undefined : proposalJson(proposal, gov.data.minDeposit);
  return (
    <div className="proposal">
      <button type="button" onClick={() => setShown((s) => !s)} aria-expanded={shown} data-testid={`proposal-${proposal.module}`}>
        {shown ? "Hide the proposal" : `Governance proposal for the ${name} parameters…`}
      </button>
      {!shown ? null : gov.isError ? (
        <ErrorNote error={gov.error} rpc={chain.rpc} />
      ) : json === undefined ? (
        <Loading label="Reading governance's minimum deposit…" height="6rem" />
      ) : (
        <>
          <p className="hint">
            Edit the values to change, save the file and submit it with <code>{submitCommand(chain.chainId, file)}</code>; it takes effect if the vote passes.
          </p>
          <textarea className="json" readOnly value={json} rows={Math.min(24, json.split("\n").length)} aria-label={`Proposal file for the ${name} parameters`} data-testid={`proposal-json-${proposal.module}`} />
          <a className="button" href={`data:application/json;charset=utf-8,${encodeURIComponent(json)}`} download={file}>
            Download {file}
          </a>
        </>
      )}
    </div>
  );
}

function BandForm({ bank, band }: { readonly bank: Bank; readonly band: QueryPriceBandResponse }) {
  const { chain } = useChain();
  const plain = (v: bigint) => formatAmount(v, bank.exponent, "en-US").replace(/,/g, "");
  const [min, setMin] = useState(plain(band.band?.minPerMwh ?? 0n));
  const [max, setMax] = useState(plain(band.band?.maxPerMwh ?? 0n));
  const set = useOperatorAct((signer, op, input: { minPerMwh: bigint; maxPerMwh: bigint }) => signer.setPriceBand(op, { denom: bank.denom, ...input }));
  const lo = parseAmount(min, bank.exponent);
  const hi = parseAmount(max, bank.exponent);
  const error = lo === undefined || hi === undefined ? `Enter prices in ${bank.currency} per MWh, such as -500 or 3000.` : lo > hi ? "The lowest price is above the highest." : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (lo !== undefined && hi !== undefined && error === undefined) set.mutate({ minPerMwh: lo, maxPerMwh: hi });
  };
  return (
    <form className="band-form" onSubmit={submit} aria-label={`Price band of ${bank.denom}`}>
      <div className="field">
        <label htmlFor={`band-min-${bank.denom}`}>Lowest ({bank.currency}/MWh)</label>
        <input id={`band-min-${bank.denom}`} inputMode="decimal" value={min} onChange={(e) => setMin(e.target.value)} aria-invalid={lo === undefined} />
      </div>
      <div className="field">
        <label htmlFor={`band-max-${bank.denom}`}>Highest ({bank.currency}/MWh)</label>
        <input id={`band-max-${bank.denom}`} inputMode="decimal" value={max} onChange={(e) => setMax(e.target.value)} aria-invalid={hi === undefined} />
      </div>
      <button type="submit" className="primary" disabled={error !== undefined || set.isPending}>
        {set.isPending ? "Setting…" : "Set band"}
      </button>
      {error === undefined ? null : <span className="field-error">{error}</span>}
      {set.isError ? <ErrorNote error={set.error} rpc={chain.rpc} title="Band not set." /> : null}
      {set.isSuccess ? (
        <span className="success" role="status">
          Set. Asks outside the band stay stored but cannot be bought until re-priced.
        </span>
      ) : null}
    </form>
  );
}

export function MarketRules({ acting }: { readonly acting: boolean }) {
  const { chain } = useChain();
  const energy = useEnergyParams();
  const balancing = useBalancingParams();
  const delivery = useChainQuery(["delivery", "params"], (client) => client.query.delivery.params(), { refresh: "slow" });
  const banks = useFiatUnits();
  const bands = useChainQuery(["operator", "bands", (banks.data ?? []).map((b) => b.denom)], (client) => Promise.all((banks.data ?? []).map((b) => client.query.energy.priceBand(b.denom))), {
    enabled: banks.data !== undefined,
    refresh: "slow",
  });
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const error = energy.error ?? balancing.error ?? delivery.error;

  return (
    <section className="card" aria-labelledby="rules-title">
      <h2 id="rules-title">Market rules</h2>
      {error !== null && error !== undefined ? (
        <ErrorNote error={error} rpc={chain.rpc} />
      ) : energy.data === undefined || balancing.data === undefined || delivery.data === undefined ? (
        <Loading label="Reading the market's parameters…" height="10rem" />
      ) : (
        <div className="rules">
          <div>
            <h3>Market (x/energy)</h3>
            <dl className="facts" data-testid="energy-params">
              <dt>Delivery period</dt>
              <dd>{periodLength(energy.data.periodSeconds)}</dd>
              <dt>Gate closure</dt>
              <dd data-testid="gate-closure">{duration(energy.data.gateClosureSeconds)} before a period starts</dd>
              <dt>Longest token</dt>
              <dd>{energy.data.maxTokenPeriods.toString()} periods</dd>
            </dl>
            <p className="hint">
              Fixed in the chain&apos;s genesis: x/energy has no message that changes them, so a new gate closure needs a chain upgrade. Position limits are set per participant, above.
            </p>
          </div>
          <div>
            <h3>Admission (x/balancing)</h3>
            <dl className="facts">
              <dt>Grid operator</dt>
              <dd>
                <code title={balancing.data.gridOperator}>{shortAddress(balancing.data.gridOperator)}</code>
              </dd>
              <dt>Gas per transaction</dt>
              <dd>{balancing.data.txLimits?.maxGas === undefined || balancing.data.txLimits.maxGas === 0n ? "default" : balancing.data.txLimits.maxGas.toLocaleString()}</dd>
              <dt>Messages per transaction</dt>
              <dd>{balancing.data.txLimits?.maxMsgs === undefined || balancing.data.txLimits.maxMsgs === 0 ? "default" : balancing.data.txLimits.maxMsgs}</dd>
            </dl>
            <p className="hint">Changed by governance only (MsgUpdateParams).</p>
            <ProposalBox proposal={{ module: "balancing", params: balancing.data }} name="admission" />
          </div>
          <div>
            <h3>Delivery and imbalances (x/delivery)</h3>
            <dl className="facts">
              <dt>Reading window</dt>
              <dd>{delivery.data.readingWindowPeriods.toString()} periods</dd>
              <dt>Imbalance margin</dt>
              <dd>{(delivery.data.imbalanceMarginBps / 100).toLocaleString()} %</dd>
              <dt>Thin market below</dt>
              <dd>{formatEnergy(delivery.data.minMarketWh)} per period and category (the reference price applies)</dd>
            </dl>
            <p className="hint">Changed by governance only (MsgUpdateParams).</p>
            <ProposalBox proposal={{ module: "delivery", params: delivery.data }} name="delivery" />
          </div>
        </div>
      )}
      <h3>Price bands</h3>
      {banks.isError || bands.isError ? (
        <ErrorNote error={banks.error ?? bands.error} rpc={chain.rpc} />
      ) : banks.data === undefined || bands.data === undefined ? (
        <Loading label="Reading the price bands…" height="5rem" />
      ) : banks.data.length === 0 ? (
        <Empty title="No fiat currency yet">Governance approves a bank first; its denom then gets a price band.</Empty>
      ) : (
        <div className="table-scroll" tabIndex={0} aria-label="Price bands">
        <table className="figures" data-testid="price-bands">
          <thead>
            <tr>
              <th scope="col">Currency</th>
              <th scope="col" className="num">
                Lowest
              </th>
              <th scope="col" className="num">
                Highest
              </th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {banks.data.map((b, i) => {
              const band = bands.data[i];
              if (band === undefined) return null;
              return (
                <tr key={b.denom} data-testid={`band-${b.denom}`}>
                  <td>
                    {b.currency} <code className="hint">{b.denom}</code> {band.isDefault ? <span className="hint">(European default)</span> : null}
                  </td>
                  <td className="num">{formatPrice(band.band?.minPerMwh ?? 0n, b)}</td>
                  <td className="num">{formatPrice(band.band?.maxPerMwh ?? 0n, b)}</td>
                  <td>
                    {editing === b.denom ? (
                      <BandForm bank={b} band={band} />
                    ) : (
                      <button type="button" disabled={!acting} onClick={() => setEditing(b.denom)}>
                        Change…
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
    </section>
  );
}
