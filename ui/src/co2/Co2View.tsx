/**
 * CO2 (seed §2.4): the CO2 authority governance appointed, the standard intensities per category
 * for the coming periods and the CO2 rates, which everyone sees; the authority's forms; a
 * participant's split and merge of CO2; the CO2 market (offers, buying one after a review) and the
 * participant's CO2 tokens, held or past, where it offers, withdraws and divides one.
 */
import { type Co2Token, type StandardCo2Intensity, type Token, TokenPhase, TokenStatus } from "@gridledger/client";

import { useChain } from "../chain/ChainProvider.js";
import { readPages } from "../chain/pages.js";
import { useEnergyParams, useFiatUnits, useHoldings, useParticipants } from "../chain/reads.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading, shortAddress, TestKeyBadge } from "../components/Status.js";
import { formatPeriod, formatPeriodTime } from "../format/periods.js";
import { formatMoney } from "../format/units.js";
import { CATEGORIES, categoryName } from "../market/categories.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { basisLabel, formatIntensity, hasStandard } from "./co2.js";
import { Co2TokenForm, PublishForm, RateForm } from "./Co2Forms.js";
import { Co2Holdings, Co2Offers } from "./Co2Market.js";
import { rememberCo2 } from "./market.js";
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
      // The chain lists only live CO2 tokens; those the account held in this browser, and the ones
      // its live tokens were divided from, are read one by one so a merged, divided, sold or
      // consumed CO2 token is shown as such instead of vanishing.
      const live = new Set(co2Tokens.map((c) => c.id.toString()));
      const remembered = rememberCo2(chain.chainId, me, co2Tokens.map((c) => c.id));
      const wanted = new Set([...remembered, ...co2Tokens.filter((c) => c.dividedFrom !== 0n).map((c) => c.dividedFrom.toString())].filter((id) => !live.has(id)));
      const past = (await Promise.all([...wanted].map((id) => client.query.co2.token(BigInt(id)).catch(() => undefined)))).filter((c): c is Co2Token => c !== undefined);
      const history = [...co2Tokens, ...past].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return { tokens: changeable, co2Tokens, history, standards: new Map<string, StandardCo2Intensity>(found) };
    },
    { enabled: me !== "" && firstOpen !== undefined },
  );
  const denoms = banks.data?.map((b) => b.denom);
  const offers = useChainQuery(
    ["co2", "offers", denoms ?? []],
    async (client) => (await Promise.all((denoms ?? []).map((d) => readPages((page) => client.query.co2.offers(d, page), (p) => p.co2Tokens, 500)))).flat(),
    { enabled: denoms !== undefined },
  );
  const holdings = useHoldings(me, denoms);
  const isAuthority = me !== "" && authority.data?.address === me;
  const nameOf = (address: string) => participants.data?.get(address)?.displayName ?? shortAddress(address);
  const rateOf = (denom: string) => {
    const r = rates.data?.find((x) => x.denom === denom);
    return r === undefined ? undefined : BigInt(r.ratePerGram || "0");
  };
  const availableOf = (denom: string) => {
    const h = holdings.data?.find((x) => x.denom === denom);
    return h === undefined ? undefined : h.settlement - h.locked;
  };
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

      <section className="card" aria-labelledby="co2-market-title">
        <h2 id="co2-market-title">CO2 tokens for sale</h2>
        <p className="hint">A CO2 token is sold whole at its price per tonne; a negative price pays the buyer to take its CO2, which the buyer then bears at settlement.</p>
        {offers.isError ? (
          <ErrorNote error={offers.error} rpc={rpc} />
        ) : offers.data === undefined ? (
          <Loading label="Reading the CO2 offers…" height="4rem" />
        ) : (
          <Co2Offers
            key={me}
            offers={offers.data}
            units={banks.data ?? []}
            me={me}
            nameOf={nameOf}
            rateOf={rateOf}
            availableOf={availableOf}
            {...(signer === undefined ? {} : { buy: (c: Co2Token) => signer.buyCo2Token(me, c.id, c.ask?.pricePerTonne ?? 0n, c.ask?.denom ?? "") })}
            rpc={rpc}
          />
        )}
      </section>

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
              <h3>Your CO2 tokens</h3>
              <Co2Holdings
                key={me}
                tokens={mine.data.history}
                me={me}
                units={banks.data ?? []}
                nameOf={nameOf}
                {...(signer === undefined
                  ? {}
                  : {
                      setAsk: (id: bigint, ask: { readonly pricePerTonne: bigint; readonly denom: string } | null) => signer.setCo2Ask(me, id, ask),
                      divide: (id: bigint, parts: readonly bigint[]) => signer.divideCo2Token(me, id, parts),
                    })}
                rpc={rpc}
              />
            </>
          )}
        </section>
      )}
    </div>
  );
}
