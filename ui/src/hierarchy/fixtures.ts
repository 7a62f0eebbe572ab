/** The default hierarchy's chains and a quote, shaped as @gridledger/client returns them, for the hierarchy's unit tests. */
import type { NetworkChain, RemotePurchaseQuote } from "@gridledger/client";

import type { FiatUnit } from "../format/units.js";

const chain = (name: string, parent?: string): NetworkChain => ({
  name,
  chainId: `gridledger-${name}-1`,
  ...(parent === undefined ? {} : { parent }),
  rpc: `http://127.0.0.1/${name}`,
  rest: `http://127.0.0.1/${name}/rest`,
  demoAccounts: [],
});

export const TRANSMISSION = chain("transmission");
export const EAST = chain("regional-east", "transmission");
export const WEST = chain("regional-west", "transmission");
export const VALLEY = chain("local-valley", "regional-east");
export const CHAINS: readonly NetworkChain[] = [TRANSMISSION, EAST, WEST, VALLEY];

export const CHF: FiatUnit = { denom: "uchf.alpine", currency: "CHF", exponent: 6 };
export const VOUCHER = "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2";

/** QUOTE buys 0.4 MWh on transmission from local-valley: CHF 36 ask + CHF 36 face value, bank fees, CHF 0.40 and CHF 0.80 of link fees. */
export const QUOTE: RemotePurchaseQuote = {
  route: [EAST.chainId, TRANSMISSION.chainId],
  tokenId: 7n,
  askDenom: "uchf.alpine",
  pricePerMwh: 90_000_000n,
  faceValuePerMwh: 90_000_000n,
  firstPeriod: 100n,
  lastPeriod: 103n,
  whPerPeriod: 100_000n,
  linkFees: [400_000n, 800_000n],
  bankFees: 36_000n,
  payDenom: VOUCHER,
  total: 72_000_000n + 36_000n + 1_200_000n,
};
