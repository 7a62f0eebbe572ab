/**
 * Buying from another grid (docs/adr/024): the offers of the other chains of the tree, each
 * quoted for a buyer on the chain on screen (route, every link's grid-fee estimate, the bank's
 * fees, the total), what stops a buyer before anything is signed, and where a purchase stands on
 * each chain of its path. Everything is read through @gridledger/client's hierarchy helpers.
 */
import {
  type ChainQueries,
  EnergyCategory,
  MeterKind,
  type NetworkChain,
  type Participant,
  ParticipantStatus,
  type PurchaseProgress,
  PurchaseState,
  quoteRemotePurchase,
  type RemotePurchaseQuote,
  Role,
  Side,
  type Meter,
  type Token,
} from "@gridledger/client";

import { type FiatUnit, formatMoney } from "../format/units.js";
import { CATEGORIES } from "../market/categories.js";

/** REMOTE_OFFERS_PER_CHAIN bounds what is read and quoted of each other chain (cheapest first per market). */
export const REMOTE_OFFERS_PER_CHAIN = 20;

/** RemoteOffer is an offered consumer side on another chain, with its quote for the buyer's chain or why it cannot be bought from here. */
export interface RemoteOffer {
  /** chain is the token's chain. */
  readonly chain: NetworkChain;
  readonly token: Token;
  readonly pricePerMwh: bigint;
  /** unit is the ask's currency as its bank on the token's chain shows it. */
  readonly unit: FiatUnit;
  readonly seller: string;
  /** sellerName is the seller's trading name on the token's chain (the chain on screen does not know it). */
  readonly sellerName?: string;
  readonly quote?: RemotePurchaseQuote;
  /** problem says why the offer cannot be quoted from the buyer's chain (a link without a fee, a voucher price). */
  readonly problem?: string;
}

/** RemoteChain is what was read of one other chain: its offers, or why it could not be read. */
export interface RemoteChain {
  readonly chain: NetworkChain;
  readonly offers: readonly RemoteOffer[];
  readonly error?: string;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * readRemoteOffers reads the consumer sides offered on every other chain the caller has a query
 * client for, in each chain's own currencies, and quotes each for a buyer on `here`.
 */
export async function readRemoteOffers(queries: ChainQueries, here: NetworkChain, chains: readonly NetworkChain[], limit = REMOTE_OFFERS_PER_CHAIN): Promise<RemoteChain[]> {
  const others = chains.filter((c) => c.chainId !== here.chainId && queries.has(c.chainId));
  return Promise.all(
    others.map(async (chain): Promise<RemoteChain> => {
      const q = queries.get(chain.chainId)!;
      try {
        const { banks } = await q.fiat.banks();
        const found: Array<{ token: Token; unit: FiatUnit }> = [];
        for (const bank of banks) {
          const unit: FiatUnit = { denom: bank.denom, currency: bank.currency, exponent: bank.exponent };
          const pages = await Promise.all(CATEGORIES.map((category: EnergyCategory) => q.energy.offers({ side: Side.SIDE_CONSUMER, category, denom: bank.denom, limit })));
          for (const page of pages) for (const token of page.tokens) found.push({ token, unit });
        }
        found.sort((a, b) => cmp(a.token.consumer?.ask?.pricePerMwh ?? 0n, b.token.consumer?.ask?.pricePerMwh ?? 0n) || cmp(a.token.id, b.token.id));
        const offers = await Promise.all(
          found.slice(0, limit).map(async ({ token, unit }): Promise<RemoteOffer> => {
            const seller = token.consumer?.owner ?? "";
            const sellerName = (await q.balancing.participant(seller).catch(() => undefined))?.displayName;
            const base = { chain, token, unit, pricePerMwh: token.consumer?.ask?.pricePerMwh ?? 0n, seller, ...(sellerName === undefined ? {} : { sellerName }) };
            try {
              return { ...base, quote: await quoteRemotePurchase(queries, here.chainId, chain.chainId, token.id) };
            } catch (e) {
              return { ...base, problem: quoteProblem(messageOf(e), chains) };
            }
          }),
        );
        return { chain, offers };
      } catch (e) {
        return { chain, offers: [], error: messageOf(e) };
      }
    }),
  );
}

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/** nameOf is a chain's short name in the network, else its chain-id. */
export function nameOf(chains: readonly NetworkChain[], chainId: string): string {
  return chains.find((c) => c.chainId === chainId)?.name ?? chainId;
}

/** quoteProblem turns the client's reason a quote failed into a sentence that says who can change it. */
export function quoteProblem(message: string, chains: readonly NetworkChain[]): string {
  const noFee = /^(\S+) sets no fee for (\S+) on its link to (\S+);/.exec(message);
  if (noFee !== null) {
    return `${nameOf(chains, noFee[1] ?? "")} charges no grid fee in ${noFee[2] ?? ""} for its link to ${nameOf(chains, noFee[3] ?? "")} yet, so the purchase cannot cross it: its grid operator sets one in the Network view.`;
  }
  if (/share no parent|no link to|no query client/.test(message)) return "No route to this chain is known from here: the chains must be linked in one tree.";
  if (/priced in a voucher/.test(message)) return "This side is priced in a currency from another grid; only a chain's own currency is bought across grids.";
  if (/face value is in/.test(message)) return "The token's face value and its ask are in different currencies; it cannot be bought across grids.";
  if (/not offered/.test(message)) return "The side was just sold or withdrawn.";
  return `It cannot be quoted: ${message}`;
}

/** routeText shows a purchase's path by the chains' names: "local-valley → regional-east → transmission". */
export function routeText(chains: readonly NetworkChain[], buyerChain: string, quote: Pick<RemotePurchaseQuote, "route">): string {
  return [buyerChain, ...quote.route].map((id) => nameOf(chains, id)).join(" → ");
}

/** LinkFeeLine is one link of the path and the fee its parent charges, once. */
export interface LinkFeeLine {
  readonly from: string;
  readonly to: string;
  readonly fee: bigint;
}

/** linkFeeLines pairs each link of the path with its quoted fee. */
export function linkFeeLines(chains: readonly NetworkChain[], buyerChain: string, quote: Pick<RemotePurchaseQuote, "route" | "linkFees">): LinkFeeLine[] {
  const path = [buyerChain, ...quote.route];
  return quote.linkFees.map((fee, i) => ({ from: nameOf(chains, path[i] ?? ""), to: nameOf(chains, path[i + 1] ?? ""), fee }));
}

/** goodsOf is what the energy costs in a quote: the ask and the face value, without fees. */
export function goodsOf(quote: RemotePurchaseQuote): bigint {
  return quote.total - quote.bankFees - quote.linkFees.reduce((s, f) => s + f, 0n);
}

/** BuyerState is what the chain on screen says about the buyer before a cross-grid purchase. */
export interface BuyerState {
  readonly participant: Participant | undefined;
  /** meters are the buyer's meters on this chain. */
  readonly meters: readonly Meter[];
  /** balance is what the buyer's wallet holds of the quote's pay denom on this chain. */
  readonly balance: bigint;
}

const CONSUMING = [Role.ROLE_CONSUMER, Role.ROLE_PROSUMER];

/** consumptionMeters are the buyer's consumption meters: a cross-grid purchase delivers to one. */
export function consumptionMeters(meters: readonly Meter[]): Meter[] {
  return meters.filter((m) => m.kind === MeterKind.METER_KIND_CONSUMPTION);
}

/** parseMaxTotal reads the most the buyer allows, typed in the currency's display unit; undefined if it is not an amount. */
export function parseMaxTotal(text: string, exponent: number): bigint | undefined {
  const t = text.trim().replace(/[\s'’_,]/g, "");
  const m = new RegExp(`^(\\d+)(?:\\.(\\d{0,${exponent}}))?$`).exec(t);
  if (m === null) return undefined;
  return BigInt(m[1] ?? "0") * 10n ** BigInt(exponent) + BigInt((m[2] ?? "").padEnd(exponent, "0") || "0");
}

/**
 * remoteRefusal says, as the chains would, why this buyer cannot make this purchase now; undefined
 * when nothing stops it. Checked before signing, so a refusal never costs a transaction.
 */
export function remoteRefusal(input: {
  readonly quote: RemotePurchaseQuote;
  readonly unit: FiatUnit;
  readonly buyer: BuyerState;
  readonly meterId: string;
  readonly maxTotal: bigint | undefined;
  readonly hereName: string;
  readonly tokenChainName: string;
}): string | undefined {
  const { quote, unit, buyer, maxTotal } = input;
  const p = buyer.participant;
  if (p === undefined) return `This account is not a participant on ${input.hereName}; ask its grid operator to admit it as a consumer.`;
  if (p.status !== ParticipantStatus.PARTICIPANT_STATUS_ACTIVE) return `This account is not active on ${input.hereName} (the grid operator suspended it); it cannot buy until reinstated.`;
  if (!p.roles.some((r) => CONSUMING.includes(r))) {
    return "Only consumers and prosumers buy from another grid: the grid fees along the path are theirs to see and pay. Choose a consumer's account at the top, or ask the grid operator about your roles.";
  }
  const meters = consumptionMeters(buyer.meters);
  if (meters.length === 0) return `You have no consumption meter on ${input.hereName}: the energy bought is delivered to one. Ask the grid operator to register it.`;
  if (!meters.some((m) => m.id === input.meterId)) return "Choose one of your consumption meters to deliver to.";
  if (maxTotal === undefined) return `Enter the most you will pay, fees included, in ${unit.currency} (e.g. ${formatMoney(quote.total, unit)}).`;
  if (maxTotal < quote.total) {
    return `The purchase costs ${formatMoney(quote.total, unit)} with every fee, more than the ${formatMoney(maxTotal, unit)} you allow; raise your maximum or choose another offer.`;
  }
  if (buyer.balance < quote.total) {
    const what = quote.payDenom === quote.askDenom ? quote.askDenom : `${quote.askDenom} (as the voucher ${shortDenom(quote.payDenom)} on ${input.hereName})`;
    return (
      `You hold ${formatMoney(buyer.balance, unit)} of the side's currency ${what} in your wallet here, less than the ${formatMoney(quote.total, unit)} this purchase costs with fees. ` +
      `A cross-grid purchase is paid in the side's own currency: bring it to ${input.hereName} first, by an IBC transfer from ${input.tokenChainName} along the same route.`
    );
  }
  return undefined;
}

/** shortDenom keeps an ibc/ voucher denom readable: ibc/27394F…A2C1. */
export function shortDenom(denom: string): string {
  return denom.startsWith("ibc/") && denom.length > 16 ? `${denom.slice(0, 10)}…${denom.slice(-4)}` : denom;
}

/** HopView is one chain of a purchase's path as the purchase view shows it. */
export interface HopView {
  readonly chainId: string;
  readonly name: string;
  readonly state: "not reached" | "pending" | "done" | "refunded" | "cancelling" | "cancelled";
  /** tokenId is the token the purchase created (or bought) on this chain, once done. */
  readonly tokenId: bigint | undefined;
  readonly failure: string | undefined;
}

const STATE: Record<PurchaseState, HopView["state"]> = {
  [PurchaseState.PURCHASE_STATE_UNSPECIFIED]: "not reached",
  [PurchaseState.PURCHASE_STATE_PENDING]: "pending",
  [PurchaseState.PURCHASE_STATE_DONE]: "done",
  [PurchaseState.PURCHASE_STATE_REFUNDED]: "refunded",
  // A grid operator's redispatch of the whole chain of tokens (ADR 027).
  [PurchaseState.PURCHASE_STATE_CANCELLING]: "cancelling",
  [PurchaseState.PURCHASE_STATE_CANCELLED]: "cancelled",
  [PurchaseState.UNRECOGNIZED]: "not reached",
};

/**
 * hopViews shows where a purchase stands on each chain of its path. A done hop lists the tokens
 * of the path from itself on (its own first): the token of this chain is the first.
 */
/** hopState is how a purchase record's state reads in the hierarchy's views. */
export function hopState(state: PurchaseState): HopView["state"] {
  return STATE[state];
}

export function hopViews(chains: readonly NetworkChain[], progress: PurchaseProgress): HopView[] {
  return progress.map(({ chainId, hop }) => ({
    chainId,
    name: nameOf(chains, chainId),
    state: hop === undefined ? "not reached" : STATE[hop.state],
    tokenId: hop?.state === PurchaseState.PURCHASE_STATE_DONE ? hop.tokenIds[0] : undefined,
    failure: hop?.failure === "" ? undefined : hop?.failure,
  }));
}

/**
 * outcome sums a purchase up: under way, done on every chain, refunded (everything returned), or
 * cancelled later by a grid operator's redispatch (ADR 027: tokens gone, payment and compensation returned).
 */
export function outcome(hops: readonly HopView[]): "pending" | "done" | "refunded" | "cancelled" {
  const origin = hops[0]?.state;
  if (origin === "done" && hops.every((h) => h.state === "done")) return "done";
  if (origin === "refunded") return "refunded";
  if (origin === "cancelled") return "cancelled";
  return "pending";
}
