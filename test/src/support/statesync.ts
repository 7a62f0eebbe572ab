/**
 * Helpers for the state-sync test (a node joins a running chain from a snapshot): a filled
 * market to snapshot, and the answers two nodes give to the same queries at the same height.
 */
import { EnergyCategory, type GridledgerClient, Side } from "@gridledger/client";

/** BLOCK_HEIGHT_HEADER makes the SDK's REST gateway answer from the state at that height. */
const BLOCK_HEIGHT_HEADER = "x-cosmos-block-height";

/** getAt GETs a REST path of a node as of `height`; the body of an error answer is returned as well, to be compared. */
export async function getAt(rest: string, path: string, height: number): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${rest}${path}`, { headers: { [BLOCK_HEIGHT_HEADER]: String(height) }, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.json() };
}

/**
 * buyHydroOffer fills the market: `buyer` buys, at its ask, the consumer side of the cheapest
 * hydro token `producer` offers in `denom` (the seeded demo offers). Returns the token and what
 * was paid.
 */
export async function buyHydroOffer(buyer: GridledgerClient, buyerAddress: string, producerAddress: string, denom: string): Promise<{ tokenId: bigint; paid: bigint }> {
  const offers = await buyer.query.energy.offers({ side: Side.SIDE_CONSUMER, denom, category: EnergyCategory.ENERGY_CATEGORY_HYDRO });
  const token = offers.tokens.find((t) => t.issuer === producerAddress && t.consumer?.ask?.forSale === true);
  const ask = token?.consumer?.ask;
  if (!token || !ask) throw new Error(`no hydro offer of ${producerAddress} in ${denom} to buy (offers: ${offers.tokens.map((t) => t.id).join(", ") || "none"})`);
  const paid = await buyer.buySide(buyerAddress, { tokenId: token.id, side: Side.SIDE_CONSUMER, maxPricePerMwh: ask.pricePerMwh, denom });
  return { tokenId: token.id, paid };
}

/**
 * marketQueries are REST reads over every store a filled market writes: x/energy (offers page,
 * the traded token and its trades), x/fiat (the bank with its minted total, its audit trail, a
 * settlement account), x/bank (a balance and the supply), x/balancing (participants), x/auth
 * and x/staking (an account, the validators).
 */
export function marketQueries(denom: string, tokenId: bigint, buyer: string): string[] {
  const d = encodeURIComponent(denom);
  return [
    `/gridledger/energy/v1/offers?side=SIDE_CONSUMER&denom=${d}&category=ENERGY_CATEGORY_HYDRO`,
    `/gridledger/energy/v1/tokens/${tokenId}`,
    `/gridledger/energy/v1/tokens/${tokenId}/trades`,
    `/gridledger/fiat/v1/banks/${d}`,
    `/gridledger/fiat/v1/banks/${d}/audit`,
    `/gridledger/fiat/v1/settlement/${buyer}/${d}`,
    `/cosmos/bank/v1beta1/balances/${buyer}/by_denom?denom=${d}`,
    `/cosmos/bank/v1beta1/supply/by_denom?denom=${d}`,
    `/gridledger/balancing/v1/participants`,
    `/cosmos/auth/v1beta1/accounts/${buyer}`,
    `/cosmos/staking/v1beta1/validators`,
  ];
}
