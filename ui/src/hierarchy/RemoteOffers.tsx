/**
 * Offers from other grids (seed §4.1, §4.4): the consumer sides offered on the other chains of the
 * tree, each with the route from the chain on screen, the grid fee every link's parent charges
 * (once per link), the bank's fees and the total a buyer here pays. A consumer buys one with a
 * maximum price including fees; the purchase is then followed hop by hop below.
 */
import type { NetworkChain } from "@gridledger/client";
import { useState } from "react";

import { useChain } from "../chain/ChainProvider.js";
import { ErrorNote, Loading } from "../components/Status.js";
import { useNames } from "../components/useNames.js";
import { formatWindow } from "../format/periods.js";
import { formatEnergy, formatMoney, formatPrice } from "../format/units.js";
import { categoryName } from "../market/categories.js";
import { useNetwork } from "../network/NetworkProvider.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { BuyRemoteDialog } from "./BuyRemoteDialog.js";
import { PastPurchases } from "./PurchaseTracker.js";
import { linkFeeLines, type RemoteChain, type RemoteOffer, routeText } from "./remote.js";
import { useChainQueries, useRemoteOffers } from "./useHierarchy.js";
import "./hierarchy.css";

export interface RemoteOffersTableProps {
  readonly remote: readonly RemoteChain[];
  readonly here: NetworkChain;
  readonly chains: readonly NetworkChain[];
  readonly periodSeconds: bigint;
  readonly name: (address: string) => string;
  /** buyer is the connected account, undefined when none is. */
  readonly buyer: string | undefined;
  readonly onBuy: (offer: RemoteOffer) => void;
}

/** RemoteOffersTable lists each other chain's offers with route, link fees and total. */
export function RemoteOffersTable({ remote, here, chains, periodSeconds, name, buyer, onBuy }: RemoteOffersTableProps) {
  if (remote.length === 0) return <p className="hint">The network has no other chain: nothing to buy from another grid.</p>;
  return (
    <>
      {remote.map((r) => (
        <div key={r.chain.chainId} className="remote-chain" role="group" aria-label={`Offers on ${r.chain.name}`}>
          <h3>
            {r.chain.name} <span className="hint">{r.chain.chainId}</span>
          </h3>
          {r.error !== undefined ? (
            <p className="error-note" role="alert">
              {r.chain.name} could not be read: {r.error}
            </p>
          ) : r.offers.length === 0 ? (
            <p className="hint">Nobody offers a consumer side on {r.chain.name} right now.</p>
          ) : (
            <div className="table-scroll" tabIndex={0} aria-label={`Offers on ${r.chain.name}`}>
              <table className="remote-offers">
                <thead>
                  <tr>
                    <th scope="col">Token</th>
                    <th scope="col">Delivery (your time)</th>
                    <th scope="col" className="num">
                      Energy
                    </th>
                    <th scope="col" className="num">
                      Ask
                    </th>
                    <th scope="col">Route and grid fee per link</th>
                    <th scope="col" className="num">
                      Total incl. fees
                    </th>
                    <th scope="col" />
                  </tr>
                </thead>
                <tbody>
                  {r.offers.map((o) => {
                    const wh = (o.token.lastPeriod - o.token.firstPeriod + 1n) * o.token.whPerPeriod;
                    return (
                      <tr key={o.token.id.toString()} data-testid={`remote-offer-${r.chain.name}-${o.token.id.toString()}`}>
                        <th scope="row">
                          #{o.token.id.toString()} <span className="hint">{categoryName(o.token.category)}</span>
                          <div className="hint">from {o.sellerName ?? name(o.seller)}</div>
                        </th>
                        <td>{formatWindow(o.token.firstPeriod, o.token.lastPeriod, periodSeconds)}</td>
                        <td className="num">{formatEnergy(wh)}</td>
                        <td className="num">{formatPrice(o.pricePerMwh, o.unit)}</td>
                        <td>
                          {o.quote === undefined ? (
                            <span className="hint" data-testid="quote-problem">
                              {o.problem}
                            </span>
                          ) : (
                            <>
                              <div className="route">{routeText(chains, here.chainId, o.quote)}</div>
                              <ul className="link-fees" aria-label="Grid fee per link">
                                {linkFeeLines(chains, here.chainId, o.quote).map((l) => (
                                  <li key={`${l.from}-${l.to}`}>
                                    {l.from} → {l.to}: {formatMoney(l.fee, o.unit)}
                                  </li>
                                ))}
                              </ul>
                            </>
                          )}
                        </td>
                        <td className="num" data-testid="remote-total">
                          {o.quote === undefined ? "–" : formatMoney(o.quote.total, o.unit)}
                        </td>
                        <td>
                          <button
                            type="button"
                            disabled={o.quote === undefined || buyer === undefined}
                            title={buyer === undefined ? "Choose an account at the top to buy." : o.problem}
                            onClick={() => onBuy(o)}
                          >
                            Buy from {r.chain.name}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ))}
    </>
  );
}

/** RemoteOffersSection is the Market's part for other grids: their offers, the purchase dialog and past purchases. */
export function RemoteOffersSection({ periodSeconds }: { readonly periodSeconds: bigint }) {
  const { chain } = useChain();
  const { chains } = useNetwork();
  const { account } = useWallet();
  const name = useNames();
  const queries = useChainQueries();
  const remote = useRemoteOffers(queries);
  const [buying, setBuying] = useState<RemoteOffer | undefined>(undefined);
  if (chains.length <= 1) return null;
  return (
    <section className="card remote-offers-section" aria-labelledby="remote-offers-title">
      <div className="card-head">
        <h2 id="remote-offers-title">Offers from other grids</h2>
        <span className="hint">quoted for a consumer on {chain.name}: the grid fee of every link on the way, charged once per link, and the banks&apos; fees</span>
      </div>
      {remote.isError ? (
        <ErrorNote error={remote.error} rpc={chain.rpc} />
      ) : remote.data === undefined ? (
        <Loading label="Reading the other grids' offers and quoting them…" height="8rem" />
      ) : (
        <RemoteOffersTable remote={remote.data} here={chain} chains={chains} periodSeconds={periodSeconds} name={name} buyer={account?.address} onBuy={setBuying} />
      )}
      {account === undefined ? <p className="hint">Choose a consumer&apos;s account at the top to buy from another grid.</p> : <PastPurchases queries={queries} buyer={account.address} />}
      {buying === undefined ? null : <BuyRemoteDialog offer={buying} queries={queries} onClose={() => setBuying(undefined)} />}
    </section>
  );
}
