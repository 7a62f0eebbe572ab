/**
 * `gridnet up` step 7: the topology's demo vouchers, fiat carried over ICS-20 from a participant
 * on one chain to a participant on another, hop by hop along the tree, once Hermes relays (e.g.
 * euros for a consumer in another grid, who pays a cross-grid purchase in the ask's currency,
 * docs/adr/024 §3). Each voucher is carried once: the state file records it when it arrived, and
 * a run stopped halfway goes on from the chain where the fiat waits (the carrier holds it there).
 */
import { sha256 } from "@cosmjs/crypto";
import { toHex, toUtf8 } from "@cosmjs/encoding";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { BECH32_PREFIX, GridledgerClient } from "@gridledger/client";
import { gridnetAccount, type Gridnet } from "../chain/gridnet.js";
import type { Log } from "../log.js";
import type { PlannedVoucher } from "../topology/plan.js";
import type { NetworkState, StateChain } from "./state.js";

/** voucherKey names a voucher in the state file. */
export const voucherKey = (v: PlannedVoucher): string => `${v.route[0]}/${v.sender} -> ${v.route[v.route.length - 1]}/${v.receiver}: ${v.amount} ${v.denom}`;

/** Hop is one ICS-20 transfer of a voucher's route: the sending end's channel, and the denom path on each side. */
export interface VoucherHop {
  from: string;
  to: string;
  /** Channel on `from` the transfer leaves by. */
  channelId: string;
  /** ICS-20 path of the denom on `from` and on `to` ("transfer/channel-1/ueur.leman"). */
  pathFrom: string;
  pathTo: string;
}

/** denomOf is a path's bank denom: the base itself, or ibc/<SHA-256 of the path>. */
export const denomOf = (path: string): string => (path.includes("/") ? `ibc/${toHex(sha256(toUtf8(path))).toUpperCase()}` : path);

/** voucherHops computes each hop of a voucher's route from the state's transfer channels, with ICS-20's rule for a denom coming home. */
export function voucherHops(state: Pick<NetworkState, "chains" | "links">, v: Pick<PlannedVoucher, "route" | "denom">): VoucherHop[] {
  const hops: VoucherHop[] = [];
  let path = v.denom;
  for (let k = 0; k + 1 < v.route.length; k++) {
    const [from, to] = [v.route[k] as string, v.route[k + 1] as string];
    const down = state.chains.find((c) => c.name === to)?.parent === from;
    const link = state.links.find((l) => (down ? l.parent === from && l.child === to : l.parent === to && l.child === from));
    const ch = link?.channels.find((c) => c.type === "transfer");
    if (ch === undefined) throw new Error(`no transfer channel between ${from} and ${to}: the link is not open (gridnet status)`);
    const [out, into] = down ? [ch.parent, ch.child] : [ch.child, ch.parent];
    const first = `${out.portId}/${out.channelId}/`;
    const next = path.startsWith(first) ? path.slice(first.length) : `${into.portId}/${into.channelId}/${path}`;
    hops.push({ from, to, channelId: out.channelId, pathFrom: path, pathTo: next });
    path = next;
  }
  return hops;
}

async function balanceOf(chain: StateChain, address: string, denom: string): Promise<bigint> {
  const url = `${chain.endpoints.rest}/cosmos/bank/v1beta1/balances/${address}/by_denom?denom=${encodeURIComponent(denom)}`;
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return BigInt(((await res.json()) as { balance?: { amount?: string } }).balance?.amount ?? "0");
}

/**
 * seedVouchers carries every voucher not yet recorded in state.vouchers, calling `saved` after
 * each one arrived. Transfers time out after 10 minutes; each hop waits up to relayTimeoutMs for
 * Hermes to deliver it.
 */
export async function seedVouchers(
  state: NetworkState,
  vouchers: readonly PlannedVoucher[],
  gridnets: ReadonlyMap<string, Gridnet>,
  log: Log,
  saved: () => Promise<void>,
  options: { relayTimeoutMs?: number } = {},
): Promise<void> {
  const chainOf = (name: string) => {
    const c = state.chains.find((x) => x.name === name);
    if (c === undefined) throw new Error(`no chain ${name} in the network`);
    return c;
  };
  for (const v of vouchers) {
    const key = voucherKey(v);
    if (state.vouchers?.includes(key)) continue;
    const hops = voucherHops(state, v);
    const holderAt = (k: number) => (k === 0 ? v.sender : k === v.route.length - 1 ? v.receiver : v.carrier);
    const addressOf = (k: number) => gridnetAccount(gridnets.get(v.route[k] as string) as Gridnet, holderAt(k)).address;
    const amount = BigInt(v.amount);
    // Resume where the fiat is: the farthest chain whose holder has the amount in the route's denom.
    let start = 0;
    for (let k = v.route.length - 1; k > 0; k--) {
      if ((await balanceOf(chainOf(v.route[k] as string), addressOf(k), denomOf((hops[k - 1] as VoucherHop).pathTo))) >= amount) {
        start = k;
        break;
      }
    }
    if (start === v.route.length - 1) log(`voucher ${key}: ${v.receiver} already holds it`);
    for (let k = start; k < hops.length; k++) {
      const hop = hops[k] as VoucherHop;
      const gridnet = gridnets.get(hop.from);
      if (gridnet === undefined) throw new Error(`no chain home for ${hop.from}`);
      const sender = gridnetAccount(gridnet, holderAt(k));
      const receiver = addressOf(k + 1);
      const to = chainOf(hop.to);
      const denomTo = denomOf(hop.pathTo);
      const before = await balanceOf(to, receiver, denomTo);
      log(`voucher ${key}: ${holderAt(k)} sends ${v.amount} ${hop.pathFrom} from ${hop.from} to ${holderAt(k + 1)} on ${hop.to} (transfer ${hop.channelId})`);
      const wallet = await DirectSecp256k1HdWallet.fromMnemonic(sender.mnemonic, { prefix: BECH32_PREFIX });
      const client = await GridledgerClient.connectWithSigner(gridnet.endpoints.rpc, wallet, { broadcastPollIntervalMs: 300 });
      try {
        const result = await client.signingClient.sendIbcTokens(
          sender.address,
          receiver,
          { denom: denomOf(hop.pathFrom), amount: v.amount },
          "transfer",
          hop.channelId,
          undefined,
          Math.floor(Date.now() / 1000) + 600,
          "auto",
        );
        if (result.code !== 0) throw new Error(`voucher ${key}: the transfer from ${hop.from} failed: ${result.rawLog ?? `code ${result.code}`}`);
      } finally {
        client.disconnect();
      }
      const deadline = Date.now() + (options.relayTimeoutMs ?? 180_000);
      while ((await balanceOf(to, receiver, denomTo)) < before + amount) {
        if (Date.now() > deadline) {
          throw new Error(`voucher ${key}: Hermes did not deliver the transfer from ${hop.from} to ${hop.to} in time; check \`gridnet status\` and Hermes' log, then run \`gridnet up\` again (it goes on from ${hop.from})`);
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    log(`voucher ${key}: arrived as ${denomOf((hops[hops.length - 1] as VoucherHop).pathTo)}`);
    state.vouchers = [...(state.vouchers ?? []), key];
    await saved();
  }
}
