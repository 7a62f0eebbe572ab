/**
 * CO2 (seed §2.4): the CO2 authority governance appointed, the standard intensities per category
 * for the coming periods and the CO2 rates, which everyone sees; the authority's forms; a
 * participant's split and merge of CO2 and its CO2 tokens.
 */
import { type StandardCo2Intensity, type Token, TokenPhase, TokenStatus } from "@gridledger/client";

import { useChain } from "../chain/ChainProvider.js";
import { readPages } from "../chain/pages.js";
import { useEnergyParams, useFiatUnits, useParticipants } from "../chain/reads.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading, shortAddress, TestKeyBadge } from "../components/Status.js";
import { formatPeriod, formatPeriodTime } from "../format/periods.js";
import { formatMoney } from "../format/units.js";
import { CATEGORIES, categoryName } from "../market/categories.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { basisLabel, formatGrams, formatIntensity, hasStandard } from "./co2.js";
import { Co2TokenForm, PublishForm, RateForm } from "./Co2Forms.js";
import "./co2.css";

/** AHEAD is how many coming periods the standards table shows. */
const AHEAD = 4n;

export function Co2View() {
  const { chain } = useChain();
  const { account, signer } = useWallet();
  const me = account?.address ?? "";
  const banks = useFiatUnits();
  const params = useEnergyParams();
  const periodSeconds = params.data?.periodSeconds;
  const participants = useParticipants();
  const authority = useChainQuery(["co2", "authority"], (client) => client.query.balancing.co2Authority(), { refresh: "slow" });
  const now = useChainQuery(["co2", "now"], async (client) => {
    const current = (await client.query.energy.periodPhase(0)).currentPeriod;
    const next = await client.query.energy.periodPhase(current + 1n);
    return { current, firstOpen: next.phase === TokenPhase.TOKEN_PHASE_OPEN ? current + 1n : current + 2n };
  });
  const current = now.data?.current;
  const standards = useChainQuery(
    ["co2", "standards", current?.toString() ?? ""],
    async (client) => {
      const periods: bigint[] = [];
      for (let p = (current ?? 0n) + 1n; p <= (current ?? 0n) + AHEAD; p++) periods.push(p);
      return { periods, rows: await Promise.all(periods.map((p) => client.query.co2.standards(p))) };
    },
    { enabled: current !== undefined },
  );
  const rates = useChainQuery(["co2", "rates"], async (client) => (await client.query.co2.rates()).rates);
  const firstOpen = now.data?.firstOpen;
  const mine = useChainQuery(
    ["co2", "mine", me, firstOpen?.toString() ?? ""],
    async (client) => {
      const [tokens, co2Tokens] = await Promise.all([
        readPages((page) => client.query.energy.tokensByOwner(me, page), (p) => p.tokens, 2_000),
        readPages((page) => client.query.co2.tokensByOwner(me, page), (p) => p.co2Tokens, 2_000),
      ]);
      // Only a token whose two sides the account holds, still before its gate, may be changed.
      const byId = new Map<string, Token>();
      for (const t of tokens) {
        if (t.status === TokenStatus.TOKEN_STATUS_ACTIVE && t.producer?.owner === me && t.consumer?.owner === me && t.firstPeriod >= (firstOpen ?? 0n)) byId.set(t.id.toString(), t);
      }
      const changeable = [...byId.values()];
      const keys = [...new Set(changeable.map((t) => `${t.category.toString()}/${t.firstPeriod.toString()}`))];
      const found = await Promise.all(
        keys.map(async (k) => {
          const [c, p] = k.split("/");
          return [k, await client.query.co2.standardIntensity(Number(c), BigInt(p ?? "0"))] as const;
        }),
      );
      return { tokens: changeable, co2Tokens, standards: new Map<string, StandardCo2Intensity>(found) };
    },
    { enabled: me !== "" && firstOpen !== undefined },
  );
  const isAuthority = me !== "" && authority.data?.address === me;
  const unitOf = (denom: string) => banks.data?.find((b) => b.denom === denom);
  const rpc = chain.rpc;

  return (
    <div className="co2">
      <div className="view-head">
        <h1>CO2</h1>
        <p className="hint">
          Every token states its life-cycle CO2; whoever consumes a token, or holds a CO2 token at settlement, pays the CO2 rate for its grams to the CO2 authority. Split CO2 off your tokens or merge CO2 tokens into them to meet the standard intensity.
          {account === undefined ? (
            <> Choose an account at the top to change your tokens.</>
          ) : (
            <>
              {" "}
              {account.name} · <code>{shortAddress(account.address)}</code> {account.testKey ? <TestKeyBadge /> : null}
            </>
          )}
        </p>
      </div>

      <section className="card" aria-labelledby="co2-authority-title">
        <h2 id="co2-authority-title">CO2 authority</h2>
        {authority.isError ? (
          <ErrorNote error={authority.error} rpc={rpc} />
        ) : authority.data === undefined ? (
          <Loading label="Reading the CO2 authority…" height="3rem" />
        ) : authority.data.address === "" ? (
          <Empty title="No CO2 authority has been appointed.">Governance appoints one by a proposal; until then no standard is published and no rate is set.</Empty>
        ) : (
          <p data-testid="co2-authority">
            <strong>{authority.data.participant?.displayName ?? participants.data?.get(authority.data.address)?.displayName ?? "CO2 authority"}</strong> ·{" "}
            <code title={authority.data.address}>{shortAddress(authority.data.address)}</code>
            {isAuthority ? <span className="badge co2-you">you</span> : null}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="co2-standards-title">
        <h2 id="co2-standards-title">Standard intensities</h2>
        {standards.isError ? (
          <ErrorNote error={standards.error} rpc={rpc} />
        ) : standards.data === undefined ? (
          <Loading label="Reading the standards…" />
        ) : (
          <div className="table-scroll" tabIndex={0} aria-label="Standard intensities for the coming periods">
            <table className="figures" data-testid="co2-standards">
              <thead>
                <tr>
                  <th scope="col">Category</th>
                  {standards.data.periods.map((p) => (
                    <th scope="col" className="num" key={p.toString()} title={periodSeconds === undefined ? undefined : formatPeriod(p, periodSeconds)}>
                      {periodSeconds === undefined ? `Period ${p.toString()}` : formatPeriodTime(p, periodSeconds)}
                      <div className="hint">period {p.toString()}</div>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {CATEGORIES.map((c, i) => (
                  <tr key={c}>
                    <th scope="row">{categoryName(c)}</th>
                    {standards.data.rows.map((row, j) => {
                      const s = row[i];
                      return (
                        <td className="num" key={j} data-testid={`standard-${categoryName(c).toLowerCase()}-${j.toString()}`}>
                          {hasStandard(s) ? (
                            <>
                              {formatIntensity(s.gramsPerMwh)}
                              <div className="hint">{basisLabel(s)}</div>
                            </>
                          ) : (
                            <span className="hint">none yet</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="co2-rates-title">
        <h2 id="co2-rates-title">CO2 rates</h2>
        {rates.isError ? (
          <ErrorNote error={rates.error} rpc={rpc} />
        ) : rates.data === undefined ? (
          <Loading label="Reading the CO2 rates…" height="3rem" />
        ) : rates.data.length === 0 ? (
          <Empty title="No CO2 rate is set.">Consumed CO2 costs nothing until the CO2 authority sets a rate.</Empty>
        ) : (
          <table className="figures" data-testid="co2-rates">
            <thead>
              <tr>
                <th scope="col">Currency</th>
                <th scope="col" className="num">Per gram</th>
                <th scope="col" className="num">Per tonne</th>
              </tr>
            </thead>
            <tbody>
              {rates.data.map((r) => {
                const unit = unitOf(r.denom);
                const perGram = BigInt(r.ratePerGram || "0");
                return (
                  <tr key={r.denom} data-testid={`rate-${r.denom}`}>
                    <td>{unit?.currency ?? r.denom}</td>
                    <td className="num">{unit === undefined ? `${perGram.toString()} ${r.denom}` : formatMoney(perGram, unit)}</td>
                    <td className="num">{unit === undefined ? `${(perGram * 1_000_000n).toString()} ${r.denom}` : formatMoney(perGram * 1_000_000n, unit)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      {isAuthority && signer !== undefined && firstOpen !== undefined ? (
        <section className="card" aria-labelledby="co2-publish-title">
          <h2 id="co2-publish-title">As the CO2 authority</h2>
          <h3>Publish a standard intensity</h3>
          <PublishForm firstOpen={firstOpen} rpc={rpc} submit={(category, from, grams) => signer.publishCo2Intensity(me, category, from, grams)} />
          <h3>Set the CO2 rate</h3>
          <RateForm units={banks.data ?? []} rpc={rpc} submit={(denom, rate) => signer.setCo2Rate(me, denom, rate)} />
        </section>
      ) : null}

      {account === undefined ? null : (
        <section className="card" aria-labelledby="co2-mine-title">
          <h2 id="co2-mine-title">Your tokens and CO2 tokens</h2>
          {mine.isError ? (
            <ErrorNote error={mine.error} rpc={rpc} />
          ) : mine.data === undefined ? (
            <Loading label="Reading your tokens…" />
          ) : (
            <>
              {mine.data.tokens.length === 0 ? (
                <Empty title="No token to change.">You can split CO2 off, or merge CO2 into, a token whose two sides you hold before its gate closes. Issue one in the Issue view.</Empty>
              ) : signer === undefined ? null : (
                <Co2TokenForm
                  tokens={mine.data.tokens}
                  co2Tokens={mine.data.co2Tokens}
                  standardFor={(t) => mine.data?.standards.get(`${t.category.toString()}/${t.firstPeriod.toString()}`)}
                  split={(id, grams) => signer.splitCo2(me, id, grams)}
                  merge={(id, ids) => signer.mergeCo2(me, id, ids)}
                  rpc={rpc}
                />
              )}
              <h3>CO2 tokens you hold</h3>
              {mine.data.co2Tokens.length === 0 ? (
                <Empty title="You hold no CO2 tokens.">Split CO2 off a token to make one; you bear its CO2 until you merge or sell it.</Empty>
              ) : (
                <table className="figures" data-testid="co2-tokens">
                  <thead>
                    <tr>
                      <th scope="col">CO2 token</th>
                      <th scope="col" className="num">CO2</th>
                      <th scope="col">Split from</th>
                      <th scope="col">Offered</th>
                    </tr>
                  </thead>
                  <tbody>
                    {mine.data.co2Tokens.map((c) => (
                      <tr key={c.id.toString()} data-testid={`co2-token-${c.id.toString()}`}>
                        <td>#{c.id.toString()}</td>
                        <td className="num">{formatGrams(c.grams)}</td>
                        <td>
                          token {c.splitFrom.toString()} · {categoryName(c.category)}
                        </td>
                        <td>{c.ask?.forSale === true ? `${c.ask.pricePerTonne.toString()} ${c.ask.denom} per tonne` : "no"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}
