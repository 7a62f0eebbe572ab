/**
 * runBench: one local gridd node, and in the same run
 *  - sustained throughput of (a) a plain bank send, (c) issuing a token and (b) buying a side,
 *    each from many funded accounts in parallel, with ratios to the bank send;
 *  - the chain filled with many live offered tokens, and the latency of the open-offers query
 *    against a baseline query (an x/bank balance) measured alongside it;
 *  - optionally, bank send and buy once more at the filled state.
 * Speed is reported as ratios against a baseline taken in the same run (DESIGN.md): absolute
 * figures depend on the machine.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { cpus, platform, release, totalmem } from "node:os";
import { join } from "node:path";

import { type EncodeObject, type Registry } from "@cosmjs/proto-signing";
import {
  accountFromAny,
  type AuthExtension,
  type BankExtension,
  createProtobufRpcClient,
  QueryClient,
  setupAuthExtension,
  setupBankExtension,
  setupTxExtension,
  type TxExtension,
} from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import { fromBase64, toUtf8 } from "@cosmjs/encoding";
import { sha256 } from "@cosmjs/crypto";
import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";

import { PID_FILE } from "../../relayer/src/chain/node.js";
import { nodeHome } from "../../relayer/src/chain/spec.js";
import { startTestChain, type TestChain } from "../../relayer/src/testing.js";
import { QueryClientImpl as EnergyQueryClient, type QueryOffersRequest } from "../../ts-client/src/generated/gridledger/energy/v1/query.js";
import { benchKey, type Key, keyFromMnemonic, type SignedTx, signTx } from "./keys.js";
import { type PhaseRun, type PhaseStats, round, runPhase } from "./load.js";
import {
  admitParticipant,
  attestReserve,
  bankSend,
  benchRegistry,
  buySide,
  deposit,
  EnergyCategory,
  issueToken,
  MsgIssueTokenResponse,
  mint,
  msgIssueTokenResponseTypeUrl,
  setAsk,
  Side,
} from "./messages.js";
import { retryNetwork, Rpc, sleep } from "./rpc.js";
import { combineRounds, type RoundSummary } from "./rounds.js";

export interface BenchOptions {
  /** Transactions per timed phase. */
  txs: number;
  /** Funded accounts sending in parallel. */
  accounts: number;
  /** Live offered tokens to fill the chain with before measuring query latency (0: skip). */
  tokens: number;
  /** Offers queries (and as many baseline queries) measured. */
  queries: number;
  /** CometBFT timeout_commit. */
  blockTime: string;
  /** Most transactions in the mempool at once (CometBFT's default mempool holds 5000). */
  window: number;
  /** Messages per transaction when filling the chain. */
  fillBatch: number;
  /**
   * Most fill transactions in the mempool at once: bounds the block size, so that no block
   * executes for longer than the node's RPC write timeout (10 s) while broadcasts wait.
   */
  fillWindow: number;
  /** Run bank send and buy again once the chain holds the filled tokens. */
  atFill: boolean;
  /** Transactions of the buy at the filled state, where each buyer already holds thousands of sides. */
  atFillBuyTxs: number;
  /** CPU-profile gridd for this many seconds from the start of each timed phase (0: off). */
  profileSeconds: number;
  /** Seed of the pseudo-random choices (token shapes, prices, queries). */
  seed: number;
  quick: boolean;
  /** Where the JSON result goes. */
  outDir: string;
  log: (message: string) => void;
}

export const DEFAULT_OPTIONS: Omit<BenchOptions, "outDir" | "log"> = {
  txs: 12000,
  accounts: 100,
  tokens: 100_000,
  queries: 300,
  blockTime: "1s",
  window: 4000,
  fillBatch: 100,
  fillWindow: 40,
  atFill: true,
  atFillBuyTxs: 12000,
  profileSeconds: 0,
  seed: 1,
  quick: false,
};

/** QUICK_OPTIONS is a smoke run: every step, small sizes. */
export const QUICK_OPTIONS: Partial<BenchOptions> = {
  txs: 50,
  accounts: 10,
  tokens: 1000,
  queries: 30,
  blockTime: "500ms",
  fillBatch: 50,
  atFillBuyTxs: 50,
  quick: true,
};

export interface LatencyStats {
  count: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  meanMs: number;
}

export interface BenchResult {
  schema: 1;
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; platform: string; release: string; node: string };
  chain: {
    chainId: string;
    griddVersion: string;
    cometbftVersion: string;
    blockTime: string;
    blockMaxBytes: string;
    blockMaxGas: string;
  };
  params: Omit<BenchOptions, "log" | "outDir">;
  /**
   * Buy phases also tell how many live sides the first buyer held when the phase started.
   * The bank sends and buys are measured in rounds (send, buy, buy, send: rounds.ts).
   */
  phases: Record<string, PhaseStats & { buyerLiveSidesAtStart?: number; rounds?: RoundSummary[]; blockCount?: number }>;
  /** Throughput of each phase divided by the bank send's, measured in the same run. */
  ratios: Record<string, { txPerSecond: number; steadyTxPerSecond: number | null }>;
  fill: null | {
    tokens: number;
    liveOfferedTokens: number;
    issue: PhaseStats;
    ask: PhaseStats;
    issueMsgsPerSecond: number;
    askMsgsPerSecond: number;
  };
  latency: null | {
    liveOfferedTokens: number;
    pageLimit: number;
    offers: LatencyStats & { byKind: Record<string, LatencyStats & { avgResults: number }> };
    baseline: LatencyStats & { query: string };
    p95Ratio: number;
  };
  goals: {
    buyVsBankSend: { target: number; measured: number; met: boolean };
    offersP95Ms: { target: number; measured: number | null; atTokens: number; met: boolean | null };
  };
  profiles: string[];
}

const FIAT = "uchf.alpine";
const GRID = "ugrid";
const CATEGORIES: EnergyCategory[] = [
  EnergyCategory.ENERGY_CATEGORY_SOLAR,
  EnergyCategory.ENERGY_CATEGORY_WIND,
  EnergyCategory.ENERGY_CATEGORY_HYDRO,
  EnergyCategory.ENERGY_CATEGORY_NUCLEAR,
  EnergyCategory.ENERGY_CATEGORY_COAL,
  EnergyCategory.ENERGY_CATEGORY_METHANE,
  EnergyCategory.ENERGY_CATEGORY_BIOMASS,
  EnergyCategory.ENERGY_CATEGORY_OTHER,
];
const PAGE_LIMIT = 50;
const MINT_PER_ACCOUNT = 10n ** 13n; // 10 million CHF in uchf.alpine
const DEPOSIT_PER_ACCOUNT = 5n * 10n ** 12n;

/** mulberry32: a small seeded PRNG, so a run's tokens and queries can be repeated. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

function latencyStats(samples: readonly number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 50), 2),
    p95Ms: round(percentile(sorted, 95), 2),
    maxMs: round(sorted[sorted.length - 1] ?? 0, 2),
    meanMs: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length), 2),
  };
}

type Queries = QueryClient & AuthExtension & BankExtension & TxExtension;

/** Bench holds the running chain and the clients of one run. */
export class Bench {
  readonly registry: Registry = benchRegistry();
  readonly profiles: string[] = [];
  private constructor(
    readonly options: BenchOptions,
    readonly chain: TestChain,
    readonly rpc: Rpc,
    readonly queries: Queries,
    readonly energy: EnergyQueryClient,
    readonly stamp: string,
  ) {}

  static async start(options: BenchOptions, stamp: string): Promise<Bench> {
    const chain = await startTestChain({ name: "bench", blockTime: options.blockTime, log: (m) => options.log(`[chain] ${m}`) });
    try {
      const comet = await connectComet(chain.rpc);
      const queries = QueryClient.withExtensions(comet, setupAuthExtension, setupBankExtension, setupTxExtension);
      const energy = new EnergyQueryClient(createProtobufRpcClient(queries));
      return new Bench(options, chain, new Rpc(chain.rpc), queries, energy, stamp);
    } catch (err) {
      await chain.stop();
      throw err;
    }
  }

  log(message: string): void {
    this.options.log(message);
  }

  /** sync reads a key's account number and sequence from the chain. */
  async sync(key: Key): Promise<void> {
    const any = await retryNetwork(() => this.queries.auth.account(key.address));
    if (!any) throw new Error(`account ${key.name} (${key.address}) does not exist on chain`);
    const account = accountFromAny(any);
    key.accountNumber = BigInt(account.accountNumber);
    key.sequence = BigInt(account.sequence);
  }

  /**
   * gasFor simulates `messages` as `key` would send them now and returns a gas limit with
   * room to spare (fees are zero on dev chains, so the limit costs nothing).
   */
  async gasFor(key: Key, messages: readonly EncodeObject[], factor = 2): Promise<number> {
    const anys = messages.map((m) => this.registry.encodeAsAny(m));
    const sim = await retryNetwork(() => this.queries.tx.simulate(anys, undefined, key.aminoPubkey, Number(key.sequence)));
    const used = Number(sim.gasInfo?.gasUsed ?? 0n);
    if (used <= 0) throw new Error(`simulation of ${messages[0]?.typeUrl} returned no gas`);
    return Math.ceil(used * factor) + 100_000;
  }

  sign(key: Key, messages: readonly EncodeObject[], gas: number): SignedTx {
    return signTx(this.registry, this.chain.chainId, key, messages, gas);
  }

  /** execute runs untimed setup transactions and insists that every one succeeds. */
  async execute(label: string, streams: SignedTx[][], msgsPerTx: number): Promise<PhaseRun> {
    const run = await runPhase(this.rpc, label, streams.filter((s) => s.length > 0), msgsPerTx, {
      window: this.options.window,
      log: (m) => this.log(m),
    });
    assertClean(run.stats);
    return run;
  }

  /**
   * measureInRounds measures a baseline and another phase in the order base, other, other,
   * base, each round with half of each account's transactions (rounds.ts). makeBase and
   * makeOther sign the transactions j in [from, to) of every account; they are called in
   * the order the rounds run, since signing takes the accounts' next sequences.
   */
  async measureInRounds(
    baseName: string,
    makeBase: (from: number, to: number) => SignedTx[][],
    otherName: string,
    makeOther: (from: number, to: number) => SignedTx[][],
    basePerAccount: number,
    otherPerAccount: number,
  ): Promise<{ base: ReturnType<typeof combineRounds>; other: ReturnType<typeof combineRounds> }> {
    const baseHalf = Math.floor(basePerAccount / 2);
    const otherHalf = Math.floor(otherPerAccount / 2);
    const base1 = await this.measure(`${baseName} 1/2`, makeBase(0, baseHalf), 1);
    const others = makeOther(0, otherPerAccount);
    const other1 = await this.measure(`${otherName} 1/2`, others.map((s) => s.slice(0, otherHalf)), 1);
    const other2 = await this.measure(`${otherName} 2/2`, others.map((s) => s.slice(otherHalf)), 1);
    const base2 = await this.measure(`${baseName} 2/2`, makeBase(baseHalf, basePerAccount), 1);
    for (const r of [base1, other1, other2, base2]) assertClean(r.stats);
    return { base: combineRounds(baseName, [base1.stats, base2.stats]), other: combineRounds(otherName, [other1.stats, other2.stats]) };
  }

  /** measure runs a timed phase, optionally with a CPU profile of gridd. */
  async measure(label: string, streams: SignedTx[][], msgsPerTx: number, window = this.options.window): Promise<PhaseRun> {
    await this.waitForEmptyMempool();
    await this.waitForQuietNode(label);
    let profile: Promise<void> | undefined;
    const run = await runPhase(this.rpc, label, streams, msgsPerTx, {
      window,
      log: (m) => this.log(m),
      onStarted: () => {
        if (this.options.profileSeconds > 0) profile = this.profile(label);
      },
      cpuSeconds: () => this.griddCpuSeconds(),
    });
    await profile;
    const s = run.stats;
    this.log(
      `${label}: ${s.committed}/${s.txs} committed in ${s.lastHeight - s.firstHeight + 1} blocks (${s.failed} failed, ${s.rejected} refused), ` +
        `${s.txPerSecond} tx/s (steady ${s.steadyTxPerSecond ?? "-"}), gas ${s.gasUsedAvg} avg`,
    );
    return run;
  }

  private async profile(label: string): Promise<void> {
    const url = `http://127.0.0.1:${this.chain.spec.ports.pprof}/debug/pprof/profile?seconds=${this.options.profileSeconds}`;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout((this.options.profileSeconds + 30) * 1000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const file = join(this.options.outDir, `${this.stamp}-${label.replace(/[^A-Za-z0-9]+/g, "-")}.pprof`); // "buySide 1/2" -> buySide-1-2
      await mkdir(this.options.outDir, { recursive: true });
      await writeFile(file, new Uint8Array(await res.arrayBuffer()));
      this.profiles.push(file);
      this.log(`CPU profile of ${label}: ${file} (go tool pprof -top ${this.chain.spec.binary} ${file})`);
    } catch (err) {
      this.log(`CPU profile of ${label} failed: ${(err as Error).message}`);
    }
  }

  /** griddCpuSeconds reads the node process's CPU time (user + system) from /proc; 0 where there is none. */
  async griddCpuSeconds(): Promise<number> {
    try {
      const pid = (await readFile(join(nodeHome(this.chain.spec, 0), PID_FILE), "utf8")).trim();
      const stat = await readFile(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), in clock ticks of 1/100 s on Linux.
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return 0;
    }
  }

  /**
   * waitForQuietNode waits until gridd spends under 20 % of a CPU over a second, so that the
   * storage engine's background work left by one phase (goleveldb compactions of what it
   * wrote) is not measured as part of the next. Gives up after a minute, saying so.
   */
  async waitForQuietNode(label: string): Promise<void> {
    for (let i = 0; i < 60; i++) {
      const before = await this.griddCpuSeconds();
      await sleep(1000);
      if ((await this.griddCpuSeconds()) - before < 0.2) return;
    }
    this.log(`${label}: gridd was still busy after a minute of waiting; the phase may include earlier work`);
  }

  async waitForEmptyMempool(): Promise<void> {
    for (let i = 0; (await this.rpc.unconfirmedTxs()) > 0; i++) {
      if (i > 600) throw new Error("the mempool did not drain within a minute");
      await sleep(100);
    }
    // One more block so that the phase starts on a fresh block.
    await this.rpc.waitForHeight((await this.rpc.latestHeight()) + 1);
  }

  async currentPeriod(): Promise<bigint> {
    const { params } = await retryNetwork(() => this.energy.Params({}));
    const seconds = BigInt(params?.periodSeconds ?? 900n);
    return BigInt(Math.floor(Date.now() / 1000)) / seconds;
  }
}

/** range is [from, to). */
function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

export function assertClean(s: PhaseStats): void {
  if (s.committed !== s.txs || s.failed > 0 || s.rejected > 0) {
    throw new Error(
      `${s.name}: ${s.committed}/${s.txs} committed, ${s.failed} failed, ${s.rejected} refused at CheckTx; first failures: ${JSON.stringify(s.failures, null, 2)}`,
    );
  }
}

/** tokenIdsOf reads the ids of the tokens a committed issue transaction created, in message order. */
function tokenIdsOf(data: string): bigint[] {
  const msgData = TxMsgData.decode(fromBase64(data));
  return msgData.msgResponses
    .filter((any) => any.typeUrl === msgIssueTokenResponseTypeUrl)
    .map((any) => MsgIssueTokenResponse.decode(any.value).tokenId);
}

interface PlannedToken {
  owner: number;
  category: EnergyCategory;
  first: bigint;
  last: bigint;
  wh: bigint;
  side: Side;
  price: bigint;
  id?: bigint;
}

export async function runBench(options: BenchOptions): Promise<{ result: BenchResult; file: string }> {
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  const o = options;
  if (o.accounts < 2) throw new Error("--accounts must be at least 2: buyers buy from other accounts");
  if (o.window > 4900) throw new Error("--window must stay below CometBFT's default mempool size of 5000 transactions");
  const perAccount = Math.ceil(o.txs / o.accounts);
  const log = o.log;
  log(`starting a gridd node (block time ${o.blockTime}); ${o.accounts} accounts x ${perAccount} transactions per phase`);
  const bench = await Bench.start(o, stamp);
  try {
    const { rpc, chain } = bench;
    const abci = await rpc.call<{ response: { version?: string } }>("abci_info");
    const status = await rpc.status();
    const consensus = await rpc.call<{ consensus_params: { block: { max_bytes: string; max_gas: string } } }>("consensus_params");

    // ---- setup (untimed) ----
    const operator = await keyFromMnemonic("operator", chain.accounts.operator.mnemonic);
    const bank = await keyFromMnemonic("bank", chain.accounts.bank.mnemonic);
    for (const k of [operator, bank]) await bench.sync(k);
    const keys = Array.from({ length: o.accounts }, (_, i) => benchKey(i));

    // The grid operator funds them: only admitted accounts get past the chain's door.
    log(`funding ${keys.length} accounts from the grid operator`);
    const fundMsgs = keys.map((k) => bankSend(operator.address, k.address, "100000000", GRID));
    const fundGas = await bench.gasFor(operator, fundMsgs.slice(0, 100));
    await bench.execute("fund", [chunk(fundMsgs, 100).map((m) => bench.sign(operator, m, fundGas))], 100);
    for (const k of keys) await bench.sync(k);

    log("admitting the accounts (trader, all categories) and minting fiat to them");
    const admitMsgs = keys.map((k) => admitParticipant(operator.address, k.address, k.name, CATEGORIES, 10n ** 15n));
    const admitGas = await bench.gasFor(operator, admitMsgs.slice(0, 50));
    const reserve = MINT_PER_ACCOUNT * BigInt(keys.length) * 2n;
    const attest = attestReserve(bank.address, FIAT, reserve.toString(), sha256(toUtf8(`bench reserve ${stamp}`)));
    const attestTx = bench.sign(bank, [attest], await bench.gasFor(bank, [attest]));
    await bench.execute("admit", [chunk(admitMsgs, 50).map((m) => bench.sign(operator, m, admitGas)), [attestTx]], 50);
    const mintMsgs = keys.map((k, i) => mint(bank.address, FIAT, k.address, MINT_PER_ACCOUNT.toString(), `BENCH-${i}`));
    const mintGas = await bench.gasFor(bank, mintMsgs.slice(0, 100));
    await bench.execute("mint", [chunk(mintMsgs, 100).map((m) => bench.sign(bank, m, mintGas))], 100);
    const depositGas = await bench.gasFor(keys[0] as Key, [deposit((keys[0] as Key).address, DEPOSIT_PER_ACCOUNT.toString(), FIAT)]);
    await bench.execute("deposit", keys.map((k) => [bench.sign(k, [deposit(k.address, DEPOSIT_PER_ACCOUNT.toString(), FIAT)], depositGas)]), 1);

    const phases: BenchResult["phases"] = {};

    // ---- (c) issue a token: each account issues perAccount tokens ----
    const period = await bench.currentPeriod();
    const issueOf = (owner: number, j: number) =>
      issueToken({
        issuer: (keys[owner] as Key).address,
        category: CATEGORIES[(owner + j) % CATEGORIES.length] as EnergyCategory,
        firstPeriod: period + 20n + BigInt((owner * perAccount + j) % 2000),
        lastPeriod: period + 23n + BigInt((owner * perAccount + j) % 2000),
        whPerPeriod: 1000n,
        denom: FIAT,
        faceValuePerMwh: 80_000_000n,
      });
    const issueGas = await bench.gasFor(keys[0] as Key, [issueOf(0, 0)]);
    const issueStreams = keys.map((k, i) => Array.from({ length: perAccount }, (_, j) => bench.sign(k, [issueOf(i, j)], issueGas)));
    const issueRun = await bench.measure("issueToken", issueStreams, 1);
    phases.issueToken = issueRun.stats;
    assertClean(issueRun.stats);
    const issuedBy = issueStreams.map((stream) => stream.map((tx) => tokenIdsOf((issueRun.results.get(tx.hash) as { data: string }).data)[0] as bigint));

    // Untimed: every owner offers the consumer side of its tokens (selling energy).
    const priceOf = (owner: number, j: number) => 50_000_000n + BigInt(((owner * 7919 + j * 104729) % 100) * 1_000_000);
    const askStreams = keys.map((k, i) =>
      chunk(
        (issuedBy[i] as bigint[]).map((id, j) => setAsk(k.address, id, Side.SIDE_CONSUMER, priceOf(i, j), FIAT)),
        50,
      ),
    );
    const askGas = await bench.gasFor(keys[0] as Key, askStreams[0]?.[0] ?? []);
    await bench.execute(
      "asks",
      askStreams.map((batches, i) => batches.map((m) => bench.sign(keys[i] as Key, m, askGas))),
      50,
    );

    // ---- (a) bank send and (b) buy a side, in rounds: send, buy, buy, send (rounds.ts) ----
    const sendGas = await bench.gasFor(keys[0] as Key, [bankSend((keys[0] as Key).address, (keys[1] as Key).address, "1", GRID)]);
    // Account i sends to account i+1: transactions j in [from, to) of every account.
    const sends = (from: number, to: number) =>
      keys.map((k, i) => range(from, to).map((j) => bench.sign(k, [bankSend(k.address, (keys[(i + 1) % keys.length] as Key).address, String(1 + j), GRID)], sendGas)));
    // Account i buys the consumer sides of account i+1's tokens.
    const buyOf = (buyer: number, j: number) => {
      const owner = (buyer + 1) % keys.length;
      return buySide((keys[buyer] as Key).address, (issuedBy[owner] as bigint[])[j] as bigint, Side.SIDE_CONSUMER, priceOf(owner, j), FIAT);
    };
    // Simulate the first buy and double it, with a floor for buyers whose position records are
    // fuller. Not more: CometBFT fills a block by the gas its transactions ask for, and the
    // chain's block gas limit (500M, ADR 007) would cap a block at 500 buys asking for 1M each.
    const buyGas = Math.max(await bench.gasFor(keys[0] as Key, [buyOf(0, 0)], 2), 400_000);
    const holdings = await liveSides(bench, (keys[0] as Key).address);
    const normal = await bench.measureInRounds(
      "bankSend",
      sends,
      "buySide",
      (from, to) => keys.map((k, i) => range(from, to).map((j) => bench.sign(k, [buyOf(i, j)], buyGas))),
      perAccount,
      perAccount,
    );
    phases.bankSend = normal.base;
    phases.buySide = { ...normal.other, buyerLiveSidesAtStart: holdings };

    // ---- fill the chain with live offered tokens, then query latency ----
    let fill: BenchResult["fill"] = null;
    let latency: BenchResult["latency"] = null;
    let planned: PlannedToken[] = [];
    const rng = prng(o.seed);
    if (o.tokens > 0) {
      const perOwner = Math.ceil(o.tokens / keys.length);
      const now = await bench.currentPeriod();
      planned = Array.from({ length: perOwner * keys.length }, (_, n) => {
        const first = now + 10n + BigInt(Math.floor(rng() * 2900));
        return {
          owner: n % keys.length,
          category: CATEGORIES[Math.floor(rng() * CATEGORIES.length)] as EnergyCategory,
          first,
          last: first + BigInt(Math.floor(rng() * 96)),
          wh: BigInt(100 + Math.floor(rng() * 9900)),
          side: rng() < 0.5 ? Side.SIDE_PRODUCER : Side.SIDE_CONSUMER,
          // Mostly 20..300 CHF/MWh, a few negative prices (the seller pays).
          price: BigInt(Math.floor((rng() < 0.05 ? -20 + rng() * 20 : 20 + rng() * 280) * 1_000_000)),
        };
      });
      const byOwner = keys.map((_, i) => planned.filter((t) => t.owner === i));
      log(`filling the chain with ${planned.length} tokens (${o.fillBatch} messages per transaction)`);
      const issueMsgs = (t: PlannedToken) =>
        issueToken({
          issuer: (keys[t.owner] as Key).address,
          category: t.category,
          firstPeriod: t.first,
          lastPeriod: t.last,
          whPerPeriod: t.wh,
          denom: FIAT,
          faceValuePerMwh: 80_000_000n,
        });
      const fillIssueGas = await bench.gasFor(keys[0] as Key, (byOwner[0] as PlannedToken[]).slice(0, o.fillBatch).map(issueMsgs), 1.5);
      const fillIssueStreams = byOwner.map((tokens, i) => chunk(tokens, o.fillBatch).map((batch) => bench.sign(keys[i] as Key, batch.map(issueMsgs), fillIssueGas)));
      const fillIssue = await bench.measure("fillIssue", fillIssueStreams, o.fillBatch, o.fillWindow);
      assertClean(fillIssue.stats);
      byOwner.forEach((tokens, i) => {
        const ids = (fillIssueStreams[i] as SignedTx[]).flatMap((tx) => tokenIdsOf((fillIssue.results.get(tx.hash) as { data: string }).data));
        if (ids.length !== tokens.length) throw new Error(`fill: account ${i} issued ${ids.length} tokens, expected ${tokens.length}`);
        tokens.forEach((t, j) => (t.id = ids[j]));
      });
      const askMsgs = (t: PlannedToken) => setAsk((keys[t.owner] as Key).address, t.id as bigint, t.side, t.price, FIAT);
      const fillAskGas = await bench.gasFor(keys[0] as Key, (byOwner[0] as PlannedToken[]).slice(0, o.fillBatch).map(askMsgs), 1.5);
      const fillAskStreams = byOwner.map((tokens, i) => chunk(tokens, o.fillBatch).map((batch) => bench.sign(keys[i] as Key, batch.map(askMsgs), fillAskGas)));
      const fillAsk = await bench.measure("fillAsk", fillAskStreams, o.fillBatch, o.fillWindow);
      assertClean(fillAsk.stats);
      const live = await countLiveOffers(bench);
      fill = {
        tokens: planned.length,
        liveOfferedTokens: live,
        issue: fillIssue.stats,
        ask: fillAsk.stats,
        issueMsgsPerSecond: round(fillIssue.stats.txPerSecond * o.fillBatch, 0),
        askMsgsPerSecond: round(fillAsk.stats.txPerSecond * o.fillBatch, 0),
      };
      log(`${live} live offered tokens on chain`);
      await bench.waitForEmptyMempool();
      latency = await measureLatency(bench, keys, now, rng, live);
    }

    // ---- bank send and buy again at the filled state, in rounds too ----
    if (o.atFill && planned.length > 0) {
      const byOwner = keys.map((_, i) => planned.filter((t) => t.owner === i));
      const n = Math.min(Math.ceil(o.atFillBuyTxs / keys.length), ...byOwner.map((t) => t.length));
      const buyFill = (buyer: number, j: number) => {
        const t = (byOwner[(buyer + 1) % keys.length] as PlannedToken[])[j] as PlannedToken;
        return buySide((keys[buyer] as Key).address, t.id as bigint, t.side, t.price, FIAT);
      };
      const buyFillGas = Math.max(await bench.gasFor(keys[0] as Key, [buyFill(0, 0)], 2), 600_000);
      const held = await liveSides(bench, (keys[0] as Key).address);
      const filled = await bench.measureInRounds(
        "bankSendAtFill",
        sends,
        "buySideAtFill",
        (from, to) => keys.map((k, i) => range(from, to).map((j) => bench.sign(k, [buyFill(i, j)], buyFillGas))),
        perAccount,
        n,
      );
      phases.bankSendAtFill = filled.base;
      phases.buySideAtFill = { ...filled.other, buyerLiveSidesAtStart: held };
    }

    const ratio = (name: string, base: string) => {
      const p = phases[name] as PhaseStats;
      const b = phases[base] as PhaseStats;
      return {
        txPerSecond: round(p.txPerSecond / b.txPerSecond, 3),
        steadyTxPerSecond: p.steadyTxPerSecond !== null && b.steadyTxPerSecond !== null ? round(p.steadyTxPerSecond / b.steadyTxPerSecond, 3) : null,
      };
    };
    const ratios: BenchResult["ratios"] = {
      bankSend: ratio("bankSend", "bankSend"),
      buySide: ratio("buySide", "bankSend"),
      issueToken: ratio("issueToken", "bankSend"),
    };
    if (phases.buySideAtFill) {
      ratios.bankSendAtFill = ratio("bankSendAtFill", "bankSendAtFill");
      ratios.buySideAtFill = ratio("buySideAtFill", "bankSendAtFill");
    }
    const buyRatio = ratios.buySide?.txPerSecond ?? 0;
    const { log: _log, outDir: _outDir, ...params } = o;
    const cpu = cpus();
    const result: BenchResult = {
      schema: 1,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: {
        cpus: cpu.length,
        cpuModel: cpu[0]?.model ?? "unknown",
        memoryGiB: round(totalmem() / 2 ** 30, 1),
        platform: platform(),
        release: release(),
        node: process.version,
      },
      chain: {
        chainId: chain.chainId,
        griddVersion: abci.response.version ?? "unknown",
        cometbftVersion: status.version,
        blockTime: o.blockTime,
        blockMaxBytes: consensus.consensus_params.block.max_bytes,
        blockMaxGas: consensus.consensus_params.block.max_gas,
      },
      params,
      phases,
      ratios,
      fill,
      latency,
      goals: {
        buyVsBankSend: { target: 0.8, measured: buyRatio, met: buyRatio >= 0.8 },
        offersP95Ms: {
          target: 50,
          measured: latency?.offers.p95Ms ?? null,
          atTokens: latency?.liveOfferedTokens ?? 0,
          met: latency ? latency.offers.p95Ms < 50 : null,
        },
      },
      profiles: bench.profiles,
    };
    await mkdir(o.outDir, { recursive: true });
    const file = join(o.outDir, `${stamp}.json`);
    await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    return { result, file };
  } finally {
    await bench.chain.stop();
  }
}

/**
 * liveSides counts the live token sides an account holds. The buy's position-limit check reads
 * only those delivering in the bought token's days (x/energy's per-day index); the count shows
 * how much the buyer holds beyond them.
 */
async function liveSides(bench: Bench, owner: string): Promise<number> {
  const res = await retryNetwork(() => bench.energy.TokensByOwner({
    owner,
    side: Side.SIDE_UNSPECIFIED,
    pagination: { key: new Uint8Array(), offset: 0n, limit: 1n, countTotal: true, reverse: false },
  }));
  return Number(res.pagination?.total ?? 0n);
}

/** countLiveOffers pages through every offers market (side x category) and counts the offered tokens. */
async function countLiveOffers(bench: Bench): Promise<number> {
  let total = 0;
  for (const side of [Side.SIDE_PRODUCER, Side.SIDE_CONSUMER]) {
    for (const category of CATEGORIES) {
      const res = await retryNetwork(() =>
        bench.energy.Offers(offersRequest({ side, category, pagination: { key: new Uint8Array(), offset: 0n, limit: 1n, countTotal: true, reverse: false } })),
      );
      total += Number(res.pagination?.total ?? 0n);
    }
  }
  return total;
}

function offersRequest(partial: Partial<QueryOffersRequest>): QueryOffersRequest {
  return {
    side: Side.SIDE_CONSUMER,
    denom: FIAT,
    category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
    minPricePerMwh: 0n,
    hasMinPrice: false,
    maxPricePerMwh: 0n,
    hasMaxPrice: false,
    fromPeriod: 0n,
    toPeriod: 0n,
    pagination: { key: new Uint8Array(), offset: 0n, limit: BigInt(PAGE_LIMIT), countTotal: false, reverse: false },
    ...partial,
  };
}

type QueryKind = "plain" | "price" | "period" | "pricePeriod" | "secondPage";

/**
 * measureLatency times Offers queries with random filters (one page of 50; some with price or
 * period bounds, some second pages), interleaved one to one with a baseline x/bank balance
 * query, sequentially, through CosmJS's QueryClient (abci_query over RPC).
 */
async function measureLatency(bench: Bench, keys: Key[], now: bigint, rng: () => number, live: number): Promise<NonNullable<BenchResult["latency"]>> {
  const n = bench.options.queries;
  const kinds: QueryKind[] = ["plain", "plain", "price", "period", "pricePeriod", "secondPage"];
  const make = async (): Promise<{ kind: QueryKind; req: QueryOffersRequest }> => {
    const kind = kinds[Math.floor(rng() * kinds.length)] as QueryKind;
    const base: Partial<QueryOffersRequest> = {
      side: rng() < 0.5 ? Side.SIDE_PRODUCER : Side.SIDE_CONSUMER,
      category: CATEGORIES[Math.floor(rng() * CATEGORIES.length)] as EnergyCategory,
    };
    if (kind === "price" || kind === "pricePeriod") {
      const lo = Math.floor((20 + rng() * 200) * 1_000_000);
      Object.assign(base, { hasMinPrice: true, minPricePerMwh: BigInt(lo), hasMaxPrice: true, maxPricePerMwh: BigInt(lo + 60_000_000) });
    }
    if (kind === "period" || kind === "pricePeriod") {
      // One day of delivery somewhere in the filled range: a selective filter.
      const from = now + 10n + BigInt(Math.floor(rng() * 2800));
      Object.assign(base, { fromPeriod: from, toPeriod: from + 95n });
    }
    if (kind === "secondPage") {
      // The page-1 query is not timed; its next_key starts the timed page 2.
      const first = await bench.energy.Offers(offersRequest(base));
      const key = first.pagination?.nextKey ?? new Uint8Array();
      base.pagination = { key, offset: 0n, limit: BigInt(PAGE_LIMIT), countTotal: false, reverse: false };
    }
    return { kind, req: offersRequest(base) };
  };
  const time = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
    const t0 = performance.now();
    const r = await f();
    return [performance.now() - t0, r];
  };

  // Warm-up: connections, caches. Afterwards the queries follow each other closely, so no
  // connection sits idle long enough for the node to close it.
  for (let i = 0; i < 10; i++) {
    await retryNetwork(() => bench.energy.Offers(offersRequest({})));
    await retryNetwork(() => bench.queries.bank.balance((keys[0] as Key).address, "ugrid"));
  }
  const offers: number[] = [];
  const baseline: number[] = [];
  const byKind = new Map<QueryKind, { ms: number[]; results: number }>();
  for (let i = 0; i < n; i++) {
    const { kind, req } = await make();
    const [ms, res] = await time(() => bench.energy.Offers(req));
    offers.push(ms);
    const k = byKind.get(kind) ?? { ms: [], results: 0 };
    k.ms.push(ms);
    k.results += res.tokens.length;
    byKind.set(kind, k);
    const holder = keys[Math.floor(rng() * keys.length)] as Key;
    const [bms] = await time(() => bench.queries.bank.balance(holder.address, rng() < 0.5 ? "ugrid" : FIAT));
    baseline.push(bms);
  }
  const o = latencyStats(offers);
  const b = latencyStats(baseline);
  bench.log(`Offers p50 ${o.p50Ms} ms, p95 ${o.p95Ms} ms, max ${o.maxMs} ms; baseline (bank balance) p50 ${b.p50Ms} ms, p95 ${b.p95Ms} ms`);
  return {
    liveOfferedTokens: live,
    pageLimit: PAGE_LIMIT,
    offers: {
      ...o,
      byKind: Object.fromEntries(
        [...byKind.entries()].map(([kind, v]) => [kind, { ...latencyStats(v.ms), avgResults: round(v.results / v.ms.length, 1) }]),
      ),
    },
    baseline: { ...b, query: "cosmos.bank.v1beta1.Query/Balance" },
    p95Ratio: round(o.p95Ms / Math.max(b.p95Ms, 0.001), 2),
  };
}
