/**
 * Helpers for suites that run against a whole gridnet (several chains linked by Hermes): REST
 * reads, ICS-20 denom paths, waiting for balances, and the cross-chain invariants of DESIGN.md §6
 * (items 1 and 5), checked from outside through queries only.
 */
import { sha256 } from "@cosmjs/crypto";
import { toHex, toUtf8 } from "@cosmjs/encoding";
import type { NetworkState, StateChain } from "@gridledger/relayer";

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

/** balance returns an address's balance of denom on a chain, as a bigint. */
export async function balance(chain: StateChain, address: string, denom: string): Promise<bigint> {
  const body = await getJson<{ balance?: { amount?: string } }>(`${chain.endpoints.rest}/cosmos/bank/v1beta1/balances/${address}/by_denom?denom=${encodeURIComponent(denom)}`);
  return BigInt(body.balance?.amount ?? "0");
}

/** supply returns a denom's total supply on a chain. */
export async function supply(chain: StateChain, denom: string): Promise<bigint> {
  const body = await getJson<{ amount?: { amount?: string } }>(`${chain.endpoints.rest}/cosmos/bank/v1beta1/supply/by_denom?denom=${encodeURIComponent(denom)}`);
  return BigInt(body.amount?.amount ?? "0");
}

/** allBalances lists every denom an address holds on a chain. */
export async function allBalances(chain: StateChain, address: string): Promise<Map<string, bigint>> {
  const body = await getJson<{ balances: Array<{ denom: string; amount: string }> }>(`${chain.endpoints.rest}/cosmos/bank/v1beta1/balances/${address}?pagination.limit=1000`);
  return new Map(body.balances.map((b) => [b.denom, BigInt(b.amount)]));
}

/** voucherDenom is the ICS-20 voucher of `path` ("transfer/channel-0/uchf.alpine"): ibc/<SHA-256 of the path>. */
export function voucherDenom(path: string): string {
  return `ibc/${toHex(sha256(toUtf8(path))).toUpperCase()}`;
}

/** tracePath returns the full ICS-20 path of a denom on a chain ("uchf.alpine" or "transfer/channel-1/uchf.alpine"). */
export async function tracePath(chain: StateChain, denom: string): Promise<string> {
  if (!denom.startsWith("ibc/")) return denom;
  const body = await getJson<{ denom: { base: string; trace: Array<{ port_id: string; channel_id: string }> } }>(
    `${chain.endpoints.rest}/ibc/apps/transfer/v1/denoms/${denom.slice(4)}`,
  );
  return [...body.denom.trace.map((h) => `${h.port_id}/${h.channel_id}`), body.denom.base].join("/");
}

export async function escrowAddress(chain: StateChain, port: string, channel: string): Promise<string> {
  return (await getJson<{ escrow_address: string }>(`${chain.endpoints.rest}/ibc/apps/transfer/v1/channels/${channel}/ports/${port}/escrow_address`)).escrow_address;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** waitFor polls `probe` until `done` accepts its value, failing with `what` after timeoutMs. */
export async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; last value ${String(last)}${lastError ? `, last error ${String(lastError)}` : ""}`);
    }
    await sleep(500);
  }
}

/** NetworkInvariantReport says what was checked, so a test can assert that it checked something. */
export interface NetworkInvariantReport {
  nativeDenoms: number;
  escrows: number;
  problems: string[];
}

/**
 * checkNetworkInvariants checks, on every chain of the network:
 * - each bank's denom: supply = minted - burned (ICS-20 escrows, it does not burn, at its origin)
 *   and minted - burned <= reserve (DESIGN.md §6.1);
 * - each transfer channel end: every denom in its escrow account equals the supply, on the
 *   counterparty chain, of the voucher that escrow backs (§6.5);
 * - no voucher exists on a chain without an escrow behind it on the chain it came from.
 */
export async function checkNetworkInvariants(state: NetworkState): Promise<NetworkInvariantReport> {
  const problems: string[] = [];
  let nativeDenoms = 0;
  let escrows = 0;
  for (const chain of state.chains) {
    for (const bank of chain.banks) {
      nativeDenoms++;
      const b = await getJson<{ bank: { reserve: string; minted: string; burned: string } }>(`${chain.endpoints.rest}/gridledger/fiat/v1/banks/${bank.denom}`).catch(() => undefined);
      if (!b) {
        problems.push(`${chain.name}: cannot read bank ${bank.denom}`);
        continue;
      }
      const outstanding = BigInt(b.bank.minted) - BigInt(b.bank.burned);
      const s = await supply(chain, bank.denom);
      if (s !== outstanding) problems.push(`${chain.name}: supply of ${bank.denom} is ${s}, minted - burned is ${outstanding}`);
      if (outstanding > BigInt(b.bank.reserve)) problems.push(`${chain.name}: ${bank.denom} outstanding ${outstanding} exceeds reserve ${b.bank.reserve}`);
    }
  }
  const backed = new Map<string, bigint>(); // "<chain>|<voucher denom>" -> escrowed amount behind it
  for (const link of state.links) {
    for (const ch of link.channels.filter((c) => c.type === "transfer")) {
      const ends = [
        { from: chainOf(state, link.parent), end: ch.parent, to: chainOf(state, link.child), toEnd: ch.child },
        { from: chainOf(state, link.child), end: ch.child, to: chainOf(state, link.parent), toEnd: ch.parent },
      ];
      for (const { from, end, to, toEnd } of ends) {
        const escrow = await escrowAddress(from, end.portId, end.channelId);
        for (const [denom, amount] of await allBalances(from, escrow)) {
          escrows++;
          const path = await tracePath(from, denom);
          const voucher = voucherDenom(`${toEnd.portId}/${toEnd.channelId}/${path}`);
          backed.set(`${to.name}|${voucher}`, amount);
          const onOtherSide = await supply(to, voucher);
          if (onOtherSide !== amount) problems.push(`${from.name} escrows ${amount} ${path} on ${end.channelId}, but ${to.name} has ${onOtherSide} of its voucher ${voucher}`);
        }
      }
    }
  }
  for (const chain of state.chains) {
    const all = await getJson<{ supply: Array<{ denom: string; amount: string }> }>(`${chain.endpoints.rest}/cosmos/bank/v1beta1/supply?pagination.limit=1000`);
    for (const coin of all.supply.filter((c) => c.denom.startsWith("ibc/"))) {
      if (BigInt(coin.amount) > 0n && !backed.has(`${chain.name}|${coin.denom}`)) problems.push(`${chain.name}: voucher ${coin.denom} (${coin.amount}) has no escrow behind it`);
    }
  }
  return { nativeDenoms, escrows, problems };
}

function chainOf(state: NetworkState, name: string): StateChain {
  const chain = state.chains.find((c) => c.name === name);
  if (!chain) throw new Error(`no chain ${name}`);
  return chain;
}
