/**
 * Portfolio: the connected account's money (wallet balances and settlement accounts), its
 * admission, and the token sides it holds, each with its ask: offer a side at a price, change
 * the price, or withdraw the offer.
 */
import { type GridledgerClient, type Participant, participantStatusToJSON, roleToJSON, Side, type Token } from "@gridledger/client";

import { useChain } from "../chain/ChainProvider.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading, shortAddress, TestKeyBadge } from "../components/Status.js";
import { formatWindow } from "../format/periods.js";
import { formatEnergy, formatMoney } from "../format/units.js";
import { categoryName, SIDES, sideName } from "../market/categories.js";
import { useEnergyParams, useFiatUnits } from "../chain/reads.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { AskEditor } from "./AskEditor.js";

async function allTokens(client: GridledgerClient, owner: string): Promise<Token[]> {
  const out = new Map<bigint, Token>();
  let key: Uint8Array | undefined;
  do {
    const page = await client.query.energy.tokensByOwner(owner, key === undefined ? {} : { paginationKey: key });
    for (const t of page.tokens) out.set(t.id, t);
    key = page.pagination?.nextKey !== undefined && page.pagination.nextKey.length > 0 ? page.pagination.nextKey : undefined;
  } while (key !== undefined && out.size < 1_000);
  return [...out.values()].sort((a, b) => (a.firstPeriod < b.firstPeriod ? -1 : a.firstPeriod > b.firstPeriod ? 1 : Number(a.id - b.id)));
}

const pretty = (json: string, prefix: string) => json.replace(prefix, "").toLowerCase().replace(/_/g, " ");

export function PortfolioView() {
  const { chain } = useChain();
  const { account } = useWallet();
  const banks = useFiatUnits();
  const params = useEnergyParams();
  const owner = account?.address ?? "";
  const money = useChainQuery(
    ["portfolio", "money", owner],
    async (client) => {
      const units = (await client.query.fiat.banks()).banks;
      return Promise.all(
        units.map(async (b) => {
          const [wallet, settlement] = await Promise.all([client.query.bank.balance(owner, b.denom), client.query.fiat.settlementAccount(owner, b.denom)]);
          return { denom: b.denom, wallet: BigInt(wallet.amount), balance: BigInt(settlement.balance || "0"), locked: BigInt(settlement.locked || "0") };
        }),
      );
    },
    { enabled: owner !== "" },
  );
  const participant = useChainQuery(["portfolio", "participant", owner], (client) => client.query.balancing.participant(owner).catch((): Participant | null => null), {
    enabled: owner !== "",
    refresh: "slow",
  });
  const tokens = useChainQuery(["portfolio", "tokens", owner], (client) => allTokens(client, owner), { enabled: owner !== "" });

  if (account === undefined) {
    return (
      <div className="portfolio">
        <h1>Portfolio</h1>
        <Empty title="No account chosen">Choose an account at the top: a demo account on a local network, or your Keplr wallet.</Empty>
      </div>
    );
  }
  const periodSeconds = params.data?.periodSeconds ?? 900n;
  const unitOf = (denom: string) => banks.data?.find((b) => b.denom === denom);
  return (
    <div className="portfolio">
      <div className="view-head">
        <h1>Portfolio</h1>
        <p className="hint">
          {account.name} · <code>{shortAddress(account.address)}</code> {account.testKey ? <TestKeyBadge /> : null} on {chain.name}
        </p>
      </div>
      <div className="cards">
        <section className="card" aria-labelledby="money-title">
          <h2 id="money-title">Money</h2>
          {money.isError ? (
            <ErrorNote error={money.error} rpc={chain.rpc} />
          ) : money.data === undefined ? (
            <Loading label="Reading balances…" height="5rem" />
          ) : money.data.length === 0 ? (
            <Empty title="No currency on this chain" />
          ) : (
            <table className="figures" data-testid="money">
              <thead>
                <tr>
                  <th scope="col">Currency</th>
                  <th scope="col" className="num">
                    Wallet
                  </th>
                  <th scope="col" className="num">
                    Settlement account
                  </th>
                  <th scope="col" className="num">
                    of which locked
                  </th>
                </tr>
              </thead>
              <tbody>
                {money.data.map((m) => {
                  const unit = unitOf(m.denom) ?? { denom: m.denom, currency: m.denom, exponent: 0 };
                  return (
                    <tr key={m.denom}>
                      <td>{unit.currency}</td>
                      <td className="num">{formatMoney(m.wallet, unit)}</td>
                      <td className="num" data-testid={`settlement-${m.denom}`}>
                        {formatMoney(m.balance, unit)}
                      </td>
                      <td className="num">{formatMoney(m.locked, unit)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" aria-labelledby="admission-title">
          <h2 id="admission-title">Admission</h2>
          {participant.data === undefined ? (
            <Loading label="Reading the registry…" height="5rem" />
          ) : participant.data === null ? (
            <p>Not admitted on {chain.name}: the chain refuses this account&apos;s transactions. Ask the grid operator to admit it.</p>
          ) : (
            <dl className="facts">
              <dt>Name</dt>
              <dd>{participant.data.displayName}</dd>
              <dt>Roles</dt>
              <dd>{participant.data.roles.map((r) => pretty(roleToJSON(r), "ROLE_")).join(", ")}</dd>
              <dt>Status</dt>
              <dd>{pretty(participantStatusToJSON(participant.data.status), "PARTICIPANT_STATUS_")}</dd>
              <dt>Position limit</dt>
              <dd>±{formatEnergy(participant.data.positionLimitWh)} per period</dd>
            </dl>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="sides-title">
        <h2 id="sides-title">Your token sides</h2>
        {tokens.isError ? (
          <ErrorNote error={tokens.error} rpc={chain.rpc} />
        ) : tokens.data === undefined ? (
          <Loading label="Reading your tokens…" height="8rem" />
        ) : tokens.data.length === 0 ? (
          <Empty title="No tokens">Buy a side on the Market, or issue a token at one of your meters.</Empty>
        ) : (
          <div className="table-scroll" tabIndex={0} aria-label="Your token sides">
            <table className="offers" data-testid="sides">
              <thead>
                <tr>
                  <th scope="col">Token</th>
                  <th scope="col">Side</th>
                  <th scope="col">Delivery (your time)</th>
                  <th scope="col" className="num">
                    Energy
                  </th>
                  <th scope="col">Offer</th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.flatMap((t) =>
                  SIDES.filter((s) => (s === Side.SIDE_CONSUMER ? t.consumer : t.producer)?.owner === owner).map((side) => {
                    const held = side === Side.SIDE_CONSUMER ? t.consumer : t.producer;
                    return (
                      <tr key={`${t.id.toString()}-${side}`} data-testid={`side-${t.id.toString()}-${side}`}>
                        <td>#{t.id.toString()}</td>
                        <td>
                          <span className={`category c${t.category}`}>{categoryName(t.category)}</span> {sideName(side)}
                        </td>
                        <td>{formatWindow(t.firstPeriod, t.lastPeriod, periodSeconds)}</td>
                        <td className="num">{formatEnergy(t.whPerPeriod)} per period</td>
                        <td>
                          <AskEditor token={t} side={side} ask={held?.ask} banks={banks.data ?? []} unitOf={unitOf} />
                        </td>
                      </tr>
                    );
                  }),
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
