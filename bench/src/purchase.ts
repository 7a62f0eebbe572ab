/**
 * `npm run bench -- --purchase-only`: issue 15's performance goal on the default hierarchy with
 * a real Hermes. Per path, the time from broadcasting a cross-grid purchase to its completion on
 * every chain (done on the buyer's chain: the final acknowledgement came back, every chain holds
 * its token), against the baseline measured in the same run, interleaved: ICS-20 transfers of the
 * same amount of the same currency chained over the same path, each hop sent when the previous
 * one's funds arrived, timed to the funds on the last chain and to every hop's ack back.
 * Figures and their meaning: purchase-stats.ts and bench/README.md.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";

import { BECH32_PREFIX, currentPeriod, GridledgerClient, PurchaseState, quoteRemotePurchase, type ChainQueries, type RemotePurchaseQuote } from "../../ts-client/src/index.js";
import {
  DEFAULT_TOPOLOGY,
  denomOf,
  devMnemonic,
  down,
  findFreePortBase,
  packetCommitments,
  readState,
  testPortBase,
  up,
  voucherHops,
  type NetworkState,
  type StateChain,
} from "../../relayer/src/index.js";
import { round } from "./load.js";
import { interleave, pathResult, purchaseReport, type PathResult, type PurchaseTimeline, type SampleKind, type TransferHopTimeline } from "./purchase-stats.js";

export const PURCHASE_USAGE = `cross-grid purchase completion (a network bench: starts the default hierarchy with Hermes, ~4 min, then ~35 s per sample of both paths, ~7 min at 10):
  --purchase-only        only this bench (it is not part of the default run)
  --purchase-samples N   samples of each kind per path (default 10)
  --purchase-home DIR    use the gridnet running in DIR instead of starting one (it is left running)
  --purchase-keep        leave the network this bench started running (its home is printed)`;

export interface PurchaseOptions {
  samples: number;
  home?: string;
  keep: boolean;
  outDir: string;
  log: (m: string) => void;
}

/** splitPurchaseArgs takes the purchase bench's options out of argv. */
export function splitPurchaseArgs(argv: readonly string[]): { rest: string[]; only: boolean; samples: number; home?: string; keep: boolean } {
  const rest: string[] = [];
  const out: ReturnType<typeof splitPurchaseArgs> = { rest, only: false, samples: 10, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--purchase-only") out.only = true;
    else if (a === "--purchase-keep") out.keep = true;
    else if (a === "--purchase-samples") {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error("--purchase-samples must be a positive integer");
      out.samples = n;
    } else if (a === "--purchase-home") {
      const v = argv[++i];
      if (v === undefined || v === "") throw new Error("--purchase-home takes a gridnet home directory");
      out.home = v;
    } else rest.push(a);
  }
  return out;
}

/** POLL_MS is how often every wait polls, the same for purchases and transfers. */
export const POLL_MS = 200;
const SAMPLE_TIMEOUT_MS = 240_000;
/** The clear_interval gridnet writes into Hermes' config (relayer/src/hermes/config.ts). */
const HERMES_CLEAR_INTERVAL = 10;

/**
 * PathSpec is one measured path: who buys where, who sells what where, and who carries the
 * baseline's transfers. Every account on it is admitted where it receives fiat (ADR 007).
 */
interface PathSpec {
  name: string;
  /** Chain names, buyer's first, token's last. */
  route: string[];
  buyer: string;
  meterId: string;
  seller: string;
  sellerMeter: string;
  askDenom: string;
  pricePerMwh: bigint;
  /** Who receives each hop of the baseline, on route[k + 1]; the last is the seller, as the purchase pays it. */
  carriers: string[];
}

/**
 * PATHS: the one-link path is regional-west's consumer buying transmission hydro (no chain but
 * local-valley and regional-west has a consumer, and regional-east has no currency of its own to
 * price a token in), paying in uchf.alpine vouchers the bench gives it; the three-link path is
 * the hierarchy suite's: local-valley's school buys regional-west solar with the euros gridnet
 * carried to it.
 */
const PATHS: PathSpec[] = [
  {
    name: "one link",
    route: ["regional-west", "transmission"],
    buyer: "bob",
    meterId: "bob-foundry-1",
    seller: "alpenkraft",
    sellerMeter: "alpenkraft-dam-1",
    askDenom: "uchf.alpine",
    pricePerMwh: 90_000_000n,
    carriers: ["alpenkraft"],
  },
  {
    name: "three links",
    route: ["local-valley", "regional-east", "transmission", "regional-west"],
    buyer: "valley-school",
    meterId: "valley-school-1",
    seller: "leman-solar",
    sellerMeter: "leman-pv-1",
    askDenom: "ueur.leman",
    pricePerMwh: 72_000_000n,
    carriers: ["alice", "alice", "leman-solar"],
  },
];

/** A token of 1 kWh in one period: the purchase's size does not change its packets, and the buyers' funds last. */
const WH_PER_PERIOD = 1_000n;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Net is the running network and a signing client per (chain, account). */
class Net {
  private readonly clients = new Map<string, Promise<GridledgerClient>>();
  constructor(readonly state: NetworkState) {}

  chain(name: string): StateChain {
    const c = this.state.chains.find((x) => x.name === name);
    if (c === undefined) throw new Error(`no chain ${name} in the network`);
    return c;
  }

  address(account: string): string {
    const found = this.state.chains.map((c) => c.accounts[account]).find((a) => a !== undefined);
    if (found === undefined) throw new Error(`no account ${account} on any chain`);
    return found;
  }

  client(chain: string, account: string): Promise<GridledgerClient> {
    const key = `${chain}/${account}`;
    let c = this.clients.get(key);
    if (c === undefined) {
      c = DirectSecp256k1HdWallet.fromMnemonic(devMnemonic(account), { prefix: BECH32_PREFIX }).then((wallet) =>
        GridledgerClient.connectWithSigner(this.chain(chain).endpoints.rpc, wallet, { broadcastPollIntervalMs: POLL_MS }),
      );
      this.clients.set(key, c);
    }
    return c;
  }

  async queries(): Promise<ChainQueries> {
    return new Map(await Promise.all(this.state.chains.map(async (c) => [c.chainId, (await this.client(c.name, "alice")).query] as const)));
  }

  async balance(chain: string, account: string, denom: string): Promise<bigint> {
    return BigInt((await (await this.client(chain, "alice")).stargate.getBalance(this.address(account), denom)).amount);
  }

  disconnect(): void {
    for (const c of this.clients.values()) void c.then((x) => x.disconnect()).catch(() => undefined);
  }
}

/** Hop is one ICS-20 hop of a path: its chains, the transfer channel it leaves by and the denom on each side. */
interface Hop {
  from: string;
  to: string;
  channelId: string;
  denomFrom: string;
  denomTo: string;
}

/** hopsOf lists the ICS-20 hops carrying the ask's currency from the buyer's chain to the token's (unwinding the vouchers). */
function hopsOf(state: NetworkState, route: readonly string[], askDenom: string): Hop[] {
  // The currency is native to the token's chain: its path on the buyer's chain is the one it
  // took coming from there, and the baseline carries it back.
  const back = voucherHops(state, { route: [...route].reverse(), denom: askDenom });
  const pathOnBuyer = back[back.length - 1]?.pathTo ?? askDenom;
  return voucherHops(state, { route: [...route], denom: pathOnBuyer }).map((h) => ({ from: h.from, to: h.to, channelId: h.channelId, denomFrom: denomOf(h.pathFrom), denomTo: denomOf(h.pathTo) }));
}

/** waitUntil polls check every POLL_MS until it returns true; returns the time it first did. */
async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = SAMPLE_TIMEOUT_MS): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return Date.now();
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

/** issueTokens issues n tokens of one period each at the seller's meter, their consumer sides offered at the ask. */
async function issueTokens(net: Net, p: PathSpec, n: number, log: (m: string) => void): Promise<bigint[]> {
  const seller = await net.client(p.route[p.route.length - 1] as string, p.seller);
  const first = (await currentPeriod(seller)) + 8n;
  const ids: bigint[] = [];
  for (let i = 0; i < n; i++) {
    // Spread over periods so no period's position limit is neared.
    const period = first + BigInt(i % 32);
    ids.push(
      await seller.issueToken(net.address(p.seller), {
        firstPeriod: period,
        lastPeriod: period,
        whPerPeriod: WH_PER_PERIOD,
        producerMeterId: p.sellerMeter,
        faceValuePerMwh: { denom: p.askDenom, amount: p.pricePerMwh },
        consumerAsk: { pricePerMwh: p.pricePerMwh, denom: p.askDenom },
      }),
    );
  }
  log(`${p.name}: ${p.seller} offers ${n} tokens on ${p.route[p.route.length - 1]} (ids ${ids[0]}..${ids[ids.length - 1]})`);
  return ids;
}

/** buy makes one purchase and follows it on every chain of the route until done on the buyer's chain. */
async function buy(net: Net, p: PathSpec, queries: ChainQueries, quote: RemotePurchaseQuote): Promise<PurchaseTimeline> {
  const ids = p.route.map((n) => net.chain(n).chainId);
  const buyer = await net.client(p.route[0] as string, p.buyer);
  const broadcastAt = Date.now();
  const { purchaseId } = await buyer.buyRemote(net.address(p.buyer), p.meterId, quote);
  const includedAt = Date.now();
  const seenAt: Array<number | undefined> = ids.map(() => undefined);
  const doneAt: Array<number | undefined> = ids.map(() => undefined);
  seenAt[0] = includedAt;
  const deadline = broadcastAt + SAMPLE_TIMEOUT_MS;
  for (;;) {
    // Read every chain not yet done; a record not there yet is "not seen".
    await Promise.all(
      ids.map(async (id, k) => {
        if (doneAt[k] !== undefined) return;
        let hop;
        try {
          hop = await (queries.get(id) as NonNullable<ReturnType<ChainQueries["get"]>>).interchain.purchase(purchaseId);
        } catch (e) {
          if (e instanceof Error && /purchase not found|did not pass/.test(e.message)) return;
          throw e;
        }
        const now = Date.now();
        seenAt[k] ??= now;
        if (hop.state === PurchaseState.PURCHASE_STATE_DONE) {
          if (hop.tokenIds.length !== ids.length - k) throw new Error(`purchase ${purchaseId} is done on ${p.route[k]} with ${hop.tokenIds.length} tokens, not ${ids.length - k}`);
          doneAt[k] = now;
        } else if (hop.state !== PurchaseState.PURCHASE_STATE_PENDING) {
          throw new Error(`purchase ${purchaseId} is ${PurchaseState[hop.state]} on ${p.route[k]}: ${hop.failure}`);
        }
      }),
    );
    if (doneAt[0] !== undefined) break;
    if (Date.now() > deadline) throw new Error(`purchase ${purchaseId} not done on ${p.route[0]} after ${SAMPLE_TIMEOUT_MS} ms (${p.route.map((r, k) => `${r}: ${doneAt[k] === undefined ? "pending" : "done"}`).join(", ")})`);
    await sleep(POLL_MS);
  }
  // Done on the buyer's chain is the last of all (each chain is done before it acknowledges
  // upstream); a chain whose done this round's reads missed is confirmed now, at the same time.
  for (let k = 1; k < ids.length; k++) {
    if (doneAt[k] !== undefined) continue;
    const hop = await (queries.get(ids[k] as string) as NonNullable<ReturnType<ChainQueries["get"]>>).interchain.purchase(purchaseId);
    if (hop.state !== PurchaseState.PURCHASE_STATE_DONE) throw new Error(`purchase ${purchaseId} is done on ${p.route[0]} but ${PurchaseState[hop.state]} on ${p.route[k]}`);
    doneAt[k] = doneAt[0];
  }
  return { broadcastAt, includedAt, seenAt, doneAt };
}

/** sendHop sends one ICS-20 hop; returns when it was broadcast and included, and the packet's sequence. */
async function sendHop(net: Net, hop: Hop, sender: string, receiver: string, amount: bigint): Promise<{ broadcastAt: number; includedAt: number; sequence: string }> {
  const c = await net.client(hop.from, sender);
  const broadcastAt = Date.now();
  const result = await c.signingClient.sendIbcTokens(
    net.address(sender),
    net.address(receiver),
    { denom: hop.denomFrom, amount: amount.toString() },
    "transfer",
    hop.channelId,
    undefined,
    Math.floor(Date.now() / 1000) + 600,
    "auto",
  );
  const includedAt = Date.now();
  if (result.code !== 0) throw new Error(`transfer ${hop.from} -> ${hop.to}: ${result.rawLog ?? `code ${result.code}`}`);
  const sequence = result.events.find((e) => e.type === "send_packet")?.attributes.find((a) => a.key === "packet_sequence")?.value;
  if (sequence === undefined) throw new Error(`transfer ${hop.from} -> ${hop.to}: no send_packet event`);
  return { broadcastAt, includedAt, sequence };
}

/**
 * chainTransfers is one baseline sample: amount of the ask's currency from the buyer over every
 * hop of the path, each hop sent by the previous hop's receiver as soon as the funds were seen
 * on its chain; every hop's acknowledgement is watched alongside (its packet commitment gone).
 */
async function chainTransfers(net: Net, p: PathSpec, hops: readonly Hop[], amount: bigint): Promise<TransferHopTimeline[]> {
  const holders = [p.buyer, ...p.carriers];
  // Balances before, read untimed, where each hop's funds arrive.
  const before = await Promise.all(hops.map((h, k) => net.balance(h.to, holders[k + 1] as string, h.denomTo)));
  const out: TransferHopTimeline[] = [];
  const acks: Promise<number>[] = [];
  for (let k = 0; k < hops.length; k++) {
    const hop = hops[k] as Hop;
    const sent = await sendHop(net, hop, holders[k] as string, holders[k + 1] as string, amount);
    const rest = net.chain(hop.from).endpoints.rest;
    acks.push(waitUntil(`the ack of ${hop.from}'s transfer ${sent.sequence}`, async () => !(await packetCommitments(rest, "transfer", hop.channelId)).includes(sent.sequence)));
    const arrivedAt = await waitUntil(`${amount} ${hop.denomTo} on ${hop.to}`, async () => (await net.balance(hop.to, holders[k + 1] as string, hop.denomTo)) >= (before[k] as bigint) + amount);
    out.push({ broadcastAt: sent.broadcastAt, includedAt: sent.includedAt, arrivedAt, ackedAt: arrivedAt });
  }
  const acked = await Promise.all(acks);
  // An ack cannot precede its funds' arrival; a poll that saw the ack first just saw both late.
  return out.map((h, k) => ({ ...h, ackedAt: Math.max(h.arrivedAt, acked[k] as number) }));
}

/** setUpPath gives the one-link buyer the uchf.alpine vouchers it pays in (gridnet carried the three-link buyer's euros). */
async function setUpPath(net: Net, p: PathSpec, hops: readonly Hop[], log: (m: string) => void): Promise<void> {
  // CHF 100 pays for hundreds of 1 kWh purchases and as many transfers of their price.
  const need = 100_000_000n;
  const onBuyerChain = hops[0]?.denomFrom ?? p.askDenom;
  const have = await net.balance(p.route[0] as string, p.buyer, onBuyerChain);
  if (have >= need / 2n) return;
  // alice holds uchf.alpine on transmission (seeded): she sends it down to the buyer, as gridnet's vouchers do.
  const [from, to] = [p.route[p.route.length - 1] as string, p.route[0] as string];
  const down = voucherHops(net.state, { route: [from, to], denom: p.askDenom })[0];
  if (down === undefined || p.route.length !== 2) throw new Error(`${p.name}: only the one-link buyer is funded by the bench`);
  log(`${p.name}: alice sends ${need} ${p.askDenom} from ${from} to ${p.buyer} on ${to}`);
  await sendHop(net, { from, to, channelId: down.channelId, denomFrom: p.askDenom, denomTo: onBuyerChain }, "alice", p.buyer, need);
  await waitUntil(`${p.buyer}'s vouchers on ${to}`, async () => (await net.balance(to, p.buyer, onBuyerChain)) >= have + need, 180_000);
}

/** runPath measures one path: a warm-up pair (untimed), then samples pairs, interleaved. */
async function runPath(net: Net, p: PathSpec, tokens: readonly bigint[], samples: number, log: (m: string) => void): Promise<PathResult> {
  const hops = hopsOf(net.state, p.route, p.askDenom);
  await setUpPath(net, p, hops, log);
  const queries = await net.queries();
  const ids = p.route.map((n) => net.chain(n).chainId);
  const order: SampleKind[] = ["purchase", "transfer", ...interleave(samples)];
  const purchases: PurchaseTimeline[] = [];
  const transfers: TransferHopTimeline[][] = [];
  let next = 0;
  const quoteOf = (tokenId: bigint) => quoteRemotePurchase(queries, ids[0] as string, ids[ids.length - 1] as string, tokenId);
  // Every token has the same size and price: the baseline carries what one purchase pays.
  const amount = (await quoteOf(tokens[0] as bigint)).total;
  for (let i = 0; i < order.length; i++) {
    const warm = i < 2;
    const label = `${p.name} ${warm ? "warm-up" : `sample ${Math.floor((i - 2) / 2) + 1}/${samples}`} ${order[i]}`;
    if (order[i] === "purchase") {
      // The quote is read before the clock starts, as a user reads it before signing.
      const quote = await quoteOf(tokens[next++] as bigint);
      if (quote.total !== amount) throw new Error(`${p.name}: token ${quote.tokenId} costs ${quote.total}, not ${amount} as the others`);
      const t = await buy(net, p, queries, quote);
      log(`${label}: done on every chain in ${round((t.doneAt[0] as number) - t.broadcastAt, 0)} ms`);
      if (!warm) purchases.push(t);
    } else {
      const t = await chainTransfers(net, p, hops, amount);
      const first = t[0] as TransferHopTimeline;
      log(`${label}: funds on ${p.route[p.route.length - 1]} in ${(t[t.length - 1] as TransferHopTimeline).arrivedAt - first.broadcastAt} ms, acks back in ${Math.max(...t.map((h) => h.ackedAt)) - first.broadcastAt} ms`);
      if (!warm) transfers.push(t);
    }
  }
  return pathResult(p.name, p.route, purchases, transfers);
}

/** runPurchaseBench starts (or uses) the default hierarchy and measures every path. */
export async function runPurchaseBench(o: PurchaseOptions): Promise<{ paths: PathResult[]; home: string; blockTime: string }> {
  let home = o.home;
  let state: NetworkState | undefined;
  let started = false;
  if (home !== undefined) {
    state = await readState(home);
    if (state === undefined) throw new Error(`no gridnet in ${home} (no gridnet-state.json)`);
    o.log(`using the network in ${home}`);
  } else {
    home = await mkdtemp(join(tmpdir(), "gridnet-bench-purchase-"));
    const portBase = await findFreePortBase(testPortBase(8), { nodes: 8 });
    const t0 = Date.now();
    started = true;
    try {
      state = await up({ topologyFile: DEFAULT_TOPOLOGY, home, portBase, log: o.log });
    } catch (e) {
      await down(home, o.log).catch(() => undefined);
      throw e;
    }
    o.log(`the default hierarchy is up in ${Math.round((Date.now() - t0) / 1000)} s (home ${home})`);
  }
  const net = new Net(state);
  try {
    const tokens = await Promise.all(PATHS.map((p) => issueTokens(net, p, o.samples + 1, o.log)));
    const paths: PathResult[] = [];
    for (let i = 0; i < PATHS.length; i++) paths.push(await runPath(net, PATHS[i] as PathSpec, tokens[i] as bigint[], o.samples, o.log));
    return { paths, home, blockTime: "1s" };
  } finally {
    net.disconnect();
    if (started && !o.keep) {
      await down(home, o.log);
      await rm(home, { recursive: true, force: true });
    } else if (started) o.log(`the network is left running in ${home}: reuse it with --purchase-home ${home}, stop it with \`npm run gridnet -- down --home ${home}\``);
  }
}

/** purchaseMain runs the bench from main.ts' argv, prints the report and writes bench/results/<time>-purchase.json. */
export async function purchaseMain(argv: readonly string[], outDir: string): Promise<void> {
  const args = splitPurchaseArgs(argv);
  if (args.rest.length > 0) throw new Error(`--purchase-only takes only the options below, not ${args.rest.join(" ")}\n${PURCHASE_USAGE}`);
  const log = (m: string) => process.stderr.write(`[purchase bench] ${m}\n`);
  const loadBefore = loadavg()[0] ?? 0;
  const o: PurchaseOptions = { samples: args.samples, ...(args.home === undefined ? {} : { home: args.home }), keep: args.keep, outDir, log };
  const at = new Date().toISOString().replace(/[:.]/g, "-");
  const { paths, blockTime } = await runPurchaseBench(o);
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, `${at}-purchase.json`);
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "", loadAverage1m: { before: round(loadBefore, 2), after: round(loadavg()[0] ?? 0, 2) } };
  await writeFile(file, `${JSON.stringify({ schema: 1, options: { samples: o.samples, pollMs: POLL_MS, hermesClearInterval: HERMES_CLEAR_INTERVAL, blockTime }, machine, paths }, null, 2)}\n`);
  process.stdout.write(`${purchaseReport(paths, { blockTime, hermesClearInterval: HERMES_CLEAR_INTERVAL, pollMs: POLL_MS, file })}\n`);
}
