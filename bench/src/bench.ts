/**
 * runBench: one local gridd node, and in the same run (issue 17)
 *  - sustained throughput of (c) issuing a token, then `runs` times (a) a plain bank send and
 *    (b) buying a side on the fresh market, each from many funded accounts in parallel;
 *  - the chain filled with 100,000 live offers in one market (same side, category, currency);
 *  - `runs` times at the filled state: the Offers latency against a bank balance query, the
 *    bank send and the buy again, and Offers, Position and a bank balance read on the idle node
 *    and while it commits buys at its full rate (reads during writes).
 * Each run is judged on its own (judge.ts): per state, buy tx/s over the send's and gridd CPU per
 * buy over a send's; the Offers p95.
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
import { QueryClientImpl as EnergyQueryClient, type QueryOffersRequest, type QueryPositionRequest } from "../../ts-client/src/generated/gridledger/energy/v1/query.js";
import { benchKey, type Key, keyFromMnemonic, type SignedTx, signTx } from "./keys.js";
import { billRounds, GOALS, figure, type Figure, judgeState, type LatencyStats, latencyStats, procStatCpuSeconds, ratioOf, type Spread, spreadOf, type StateJudgement } from "./judge.js";
import { drivePhase, type DrivenPhase, type PhaseRun, type PhaseStats, round, runPhase } from "./load.js";
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
import { type ProfileSplit, readProfileSplit } from "./profile-split.js";
import { balancePath, getJson, offersPath, positionPath } from "./rest-reads.js";
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
  /** Buys committed at the node's full rate while the reads-during-writes queries run (0: skip). */
  readsLoadTxs: number;
  /** Times the judged phases run one after the other (fresh runs, then the fill, then filled runs). */
  runs: number;
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
  readsLoadTxs: 6000,
  runs: 1,
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
  readsLoadTxs: 100,
  quick: true,
};

export type { LatencyStats };

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
  /** The timed issue phase (issue a token); not judged. */
  phases: Record<string, PhaseStats>;
  fill: null | {
    tokens: number;
    /** The one market all filled tokens are offered in. */
    market: { side: string; category: string; denom: string };
    liveOfferedTokens: number;
    issue: PhaseStats;
    ask: PhaseStats;
    issueMsgsPerSecond: number;
    askMsgsPerSecond: number;
  };
  /** Every run of the judged phases, in order; each is judged on its own. */
  runs: RunResult[];
  /** Each judged figure over the runs: every value, min and max, runs that met the goal. */
  spread: Record<string, Spread>;
  profiles: string[];
  /** Where gridd's CPU went in each profiled round (--profile), by part (profile-split.ts). */
  profileSplits?: ProfileSplit[];
}

export type RoundPhase = PhaseStats & { rounds: RoundSummary[]; blockCount: number; buyerLiveSidesAtStart?: number };

/** StateRun is a bank send and a buy measured in rounds on one state of the market. */
export interface StateRun {
  send: RoundPhase;
  buy: RoundPhase;
  /**
   * gridd CPU seconds from the last round's last block until the node was quiet (billed to
   * that round, a buy): the background storage work the phase left.
   */
  tailCpuSeconds: number;
  judged: StateJudgement;
}

export interface OffersLatency {
  liveOfferedTokens: number;
  /** Live offers in the measured market (all of them are in it). */
  marketOffers: number;
  pageLimit: number;
  offers: LatencyStats & { byKind: Record<string, LatencyStats & { avgResults: number }> };
  baseline: LatencyStats & { query: string };
  p95Ratio: number;
  judged: Figure;
}

/** ReadsDuringWrites: the same reads on the idle node and while it commits buys at its full rate. */
export interface ReadsDuringWrites {
  idle: Record<ReadKind, LatencyStats>;
  underLoad: Record<ReadKind, LatencyStats>;
  /** p95 under load over p95 idle, per query. */
  p95Ratio: Record<ReadKind, number | null>;
  /**
   * The same reads over the REST gateway (the SDK's gRPC server, which does not wait for the
   * block: rest-reads.ts), interleaved with the RPC ones. Not judged: the UI and the client read
   * over RPC; this says how much of the RPC wait is the block's.
   */
  rest: { idle: Record<ReadKind, LatencyStats>; underLoad: Record<ReadKind, LatencyStats>; p95Ratio: Record<ReadKind, number | null> };
  /** The load: buys at the filled state, and its tx/s against the run's judged buy at the filled state. */
  load: { txs: number; txPerSecond: number; vsJudgedBuy: number | null };
  /** Offers p95 under load against the same 50 ms goal. */
  offersJudged: Figure;
}

export type ReadKind = "offers" | "position" | "balance";

export interface RunResult {
  run: number;
  fresh: StateRun;
  filled: StateRun | null;
  offers: OffersLatency | null;
  reads: ReadsDuringWrites | null;
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
/** The one market the fill offers every token in: producer sides of solar tokens, in FIAT. */
const FILL_SIDE = Side.SIDE_PRODUCER;
const FILL_CATEGORY = EnergyCategory.ENERGY_CATEGORY_SOLAR;
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


type Queries = QueryClient & AuthExtension & BankExtension & TxExtension;

/** Bench holds the running chain and the clients of one run. */
export class Bench {
  readonly registry: Registry = benchRegistry();
  readonly profiles: string[] = [];
  /** The profiled rounds, by label, for the CPU split read after the run. */
  readonly profiled: Array<{ label: string; file: string }> = [];
  private constructor(
    readonly options: BenchOptions,
    readonly chain: TestChain,
    readonly rpc: Rpc,
    readonly queries: Queries,
    readonly energy: EnergyQueryClient,
    readonly stamp: string,
  ) {}

  static async start(options: BenchOptions, stamp: string): Promise<Bench> {
    // No state-sync snapshots on the measured node: a snapshot exports every store, which at the
    // filled state costs gridd tens of seconds of CPU inside whichever round its height falls in
    // (seen as a 38-58 s CPU tail after the filled buys). Snapshots are a joiner's service with
    // their own schedule (docs/operations/state-sync.md), not part of what a buy costs.
    const chain = await startTestChain({ name: "bench", blockTime: options.blockTime, snapshotInterval: 0, log: (m) => options.log(`[chain] ${m}`) });
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
   * measureInRounds measures a baseline (the bank send) and another phase (the buy) in the
   * order other, base, base, other, each round with half of each account's transactions
   * (rounds.ts), back to back: every round's transactions are signed before the first round
   * starts, and each round starts as soon as the previous one's last transaction is in a block,
   * with no pause in between. gridd's CPU is read when each round starts and once the node is
   * quiet after the last round (billRounds): the intervals are contiguous, so the background
   * storage work a round causes is billed to the round that follows it, and the last round's
   * (a buy's) to that round. The one pause is before the first round (a quiet node).
   * makeBase and makeOther sign the transactions j in [from, to) of every account; they are
   * called in the order the rounds run, since signing takes the accounts' next sequences.
   */
  async measureInRounds(
    baseName: string,
    makeBase: (from: number, to: number) => SignedTx[][],
    otherName: string,
    makeOther: (from: number, to: number) => SignedTx[][],
    basePerAccount: number,
    otherPerAccount: number,
  ): Promise<{ base: RoundPhase; other: RoundPhase; tailCpuSeconds: number }> {
    const baseHalf = Math.floor(basePerAccount / 2);
    const otherHalf = Math.floor(otherPerAccount / 2);
    const plan: Array<[string, SignedTx[][]]> = [
      [`${otherName} 1/2`, makeOther(0, otherHalf)],
      [`${baseName} 1/2`, makeBase(0, baseHalf)],
      [`${baseName} 2/2`, makeBase(baseHalf, basePerAccount)],
      [`${otherName} 2/2`, makeOther(otherHalf, otherPerAccount)],
    ];
    await this.waitForEmptyMempool();
    await this.waitForQuietNode(`${baseName}/${otherName}`);
    const marks: number[] = [];
    const driven: DrivenPhase[] = [];
    const profiles: Array<Promise<void>> = [];
    for (const [label, streams] of plan) {
      marks.push(await this.griddCpuSeconds());
      driven.push(
        await drivePhase(this.rpc, label, streams, 1, {
          window: this.options.window,
          log: (m) => this.log(m),
          onStarted: () => {
            if (this.options.profileSeconds > 0) profiles.push(this.profile(label));
          },
        }),
      );
    }
    const lastDone = await this.griddCpuSeconds();
    await this.waitForQuietNode(`after ${otherName} 2/2`);
    marks.push(await this.griddCpuSeconds());
    const billed = billRounds(marks);
    const runs: PhaseRun[] = [];
    for (const [i, d] of driven.entries()) {
      const run = await d.finish();
      assertClean(run.stats);
      const gridd = billed[i] as number;
      const cpu = {
        griddSeconds: round(gridd, 2),
        clientSeconds: run.stats.cpu?.clientSeconds ?? 0,
        griddMsPerTx: round((gridd * 1000) / Math.max(1, run.stats.committed), 3),
      };
      run.stats.cpu = cpu;
      const s = run.stats;
      this.log(`${s.name}: ${s.committed} committed in ${s.lastHeight - s.firstHeight + 1} blocks, ${s.txPerSecond} tx/s, gridd ${cpu.griddMsPerTx} ms/tx`);
      runs.push(run);
    }
    await Promise.all(profiles);
    const [o1, b1, b2, o2] = runs.map((r) => r.stats) as [PhaseStats, PhaseStats, PhaseStats, PhaseStats];
    return { base: combineRounds(baseName, [b1, b2]), other: combineRounds(otherName, [o1, o2]), tailCpuSeconds: round(Math.max(0, (marks[4] as number) - lastDone), 2) };
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
      this.profiled.push({ label, file });
      this.log(`CPU profile of ${label}: ${file} (go tool pprof -top ${this.chain.spec.binary} ${file})`);
    } catch (err) {
      this.log(`CPU profile of ${label} failed: ${(err as Error).message}`);
    }
  }

  /** griddCpuSeconds reads the node process's CPU time (user + system) from /proc; 0 where there is none. */
  async griddCpuSeconds(): Promise<number> {
    try {
      const pid = (await readFile(join(nodeHome(this.chain.spec, 0), PID_FILE), "utf8")).trim();
      return procStatCpuSeconds(await readFile(`/proc/${pid}/stat`, "utf8"));
    } catch {
      return 0;
    }
  }

  /**
   * waitForQuietNode waits until gridd spends under 20 % of a CPU over a second. Before a
   * phase, so that the storage engine's background work left by what ran before (goleveldb
   * compactions) is not measured as part of it; after the last round of a phase, so that the
   * phase's own background work is billed to it. Never between the rounds of a phase. Gives up
   * after a minute, saying so.
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
    const runs = Math.max(1, o.runs);

    // ---- (c) issue a token: each account issues perAccount tokens (timed), and as many again
    // for every further run (untimed): each fresh run buys perAccount tokens of its own ----
    const period = await bench.currentPeriod();
    const issueOf = (owner: number, j: number) =>
      issueToken({
        issuer: (keys[owner] as Key).address,
        category: CATEGORIES[(owner + j) % CATEGORIES.length] as EnergyCategory,
        firstPeriod: period + 20n + BigInt((owner * perAccount * runs + j) % 2000),
        lastPeriod: period + 23n + BigInt((owner * perAccount * runs + j) % 2000),
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
    if (runs > 1) {
      const extraGas = await bench.gasFor(keys[0] as Key, range(perAccount, perAccount + 50).map((j) => issueOf(0, j)), 1.5);
      const extraStreams = keys.map((k, i) => chunk(range(perAccount, perAccount * runs), 50).map((js) => bench.sign(k, js.map((j) => issueOf(i, j)), extraGas)));
      const extra = await bench.execute("issue for further runs", extraStreams, 50);
      extraStreams.forEach((stream, i) => (issuedBy[i] as bigint[]).push(...stream.flatMap((tx) => tokenIdsOf((extra.results.get(tx.hash) as { data: string }).data))));
    }

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

    // ---- (a) bank send and (b) buy a side on the fresh market, `runs` times, each in rounds:
    // buy, send, send, buy (rounds.ts), back to back ----
    const freshRuns: StateRun[] = [];
    for (let r = 0; r < runs; r++) {
      const holdings = await liveSides(bench, (keys[0] as Key).address);
      const at = r * perAccount;
      const m = await bench.measureInRounds(
        runName("bankSend", r, runs),
        sends,
        runName("buySide", r, runs),
        (from, to) => keys.map((k, i) => range(at + from, at + to).map((j) => bench.sign(k, [buyOf(i, j)], buyGas))),
        perAccount,
        perAccount,
      );
      const judged = judgeState(m.base, m.other);
      log(`fresh run ${r + 1}: buy/send tx/s ${judged.txPerSecond.measured}, CPU per tx ${judged.cpuPerTx.measured} (tail ${m.tailCpuSeconds} s)`);
      freshRuns.push({ send: m.base, buy: { ...m.other, buyerLiveSidesAtStart: holdings }, tailCpuSeconds: m.tailCpuSeconds, judged });
    }

    // ---- fill one market (side, category, currency) with live offered tokens ----
    let fill: BenchResult["fill"] = null;
    let planned: PlannedToken[] = [];
    const rng = prng(o.seed);
    // Per run at the filled state each owner's tokens are bought by one buyer: the judged buys
    // and the reads-during-writes load. Filled with that much more, so that every run's Offers
    // latency is measured (before the run's buys) at `tokens` live offers or more.
    const fillBuys = o.atFill ? Math.ceil(o.atFillBuyTxs / keys.length) : 0;
    const loadBuys = o.atFill ? Math.ceil(o.readsLoadTxs / keys.length) : 0;
    const perRunBuys = fillBuys + loadBuys;
    const now = await bench.currentPeriod();
    if (o.tokens > 0) {
      const perOwner = Math.ceil(o.tokens / keys.length) + (runs - 1) * perRunBuys;
      planned = Array.from({ length: perOwner * keys.length }, (_, n) => {
        const first = now + 10n + BigInt(Math.floor(rng() * 2900));
        return {
          owner: n % keys.length,
          category: FILL_CATEGORY,
          first,
          last: first + BigInt(Math.floor(rng() * 96)),
          wh: BigInt(100 + Math.floor(rng() * 9900)),
          side: FILL_SIDE,
          // Mostly 20..300 CHF/MWh, a few negative prices (the seller pays).
          price: BigInt(Math.floor((rng() < 0.05 ? -20 + rng() * 20 : 20 + rng() * 280) * 1_000_000)),
        };
      });
      const byOwner = keys.map((_, i) => planned.filter((t) => t.owner === i));
      log(`filling one market (producer sides, solar, ${FIAT}) with ${planned.length} tokens (${o.fillBatch} messages per transaction)`);
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
        market: { side: Side[FILL_SIDE], category: EnergyCategory[FILL_CATEGORY], denom: FIAT },
        liveOfferedTokens: live,
        issue: fillIssue.stats,
        ask: fillAsk.stats,
        issueMsgsPerSecond: round(fillIssue.stats.txPerSecond * o.fillBatch, 0),
        askMsgsPerSecond: round(fillAsk.stats.txPerSecond * o.fillBatch, 0),
      };
      log(`${live} live offered tokens on chain, ${await countMarket(bench)} of them in the filled market`);
    }

    // ---- at the filled state, `runs` times: Offers latency, bank send and buy in rounds,
    // reads on the idle node and during a buy load ----
    const results: RunResult[] = freshRuns.map((fresh, r) => ({ run: r + 1, fresh, filled: null, offers: null, reads: null }));
    if (planned.length > 0) {
      const byOwner = keys.map((_, i) => planned.filter((t) => t.owner === i));
      const n = Math.min(fillBuys, ...byOwner.map((t) => t.length));
      const buyFill = (buyer: number, j: number) => {
        const t = (byOwner[(buyer + 1) % keys.length] as PlannedToken[])[j] as PlannedToken;
        return buySide((keys[buyer] as Key).address, t.id as bigint, t.side, t.price, FIAT);
      };
      const buyFillGas = o.atFill ? Math.max(await bench.gasFor(keys[0] as Key, [buyFill(0, 0)], 2), 600_000) : 0;
      for (let r = 0; r < runs; r++) {
        const result = results[r] as RunResult;
        const at = r * perRunBuys;
        await bench.waitForEmptyMempool();
        const live = await countLiveOffers(bench);
        result.offers = await measureLatency(bench, keys, now, rng, live);
        if (!o.atFill) continue;
        const held = await liveSides(bench, (keys[0] as Key).address);
        const m = await bench.measureInRounds(
          runName("bankSendAtFill", r, runs),
          sends,
          runName("buySideAtFill", r, runs),
          (from, to) => keys.map((k, i) => range(at + from, at + to).map((j) => bench.sign(k, [buyFill(i, j)], buyFillGas))),
          perAccount,
          n,
        );
        const judged = judgeState(m.base, m.other);
        log(`filled run ${r + 1}: buy/send tx/s ${judged.txPerSecond.measured}, CPU per tx ${judged.cpuPerTx.measured} (tail ${m.tailCpuSeconds} s)`);
        result.filled = { send: m.base, buy: { ...m.other, buyerLiveSidesAtStart: held }, tailCpuSeconds: m.tailCpuSeconds, judged };
        if (loadBuys > 0) {
          const load = keys.map((k, i) => range(at + n, at + n + loadBuys).map((j) => bench.sign(k, [buyFill(i, j)], buyFillGas)));
          result.reads = await measureReadsDuringWrites(bench, keys, now, rng, load, result.filled.buy.txPerSecond, runName("readsLoad", r, runs));
        }
      }
    }

    const spread: BenchResult["spread"] = {
      freshTxPerSecond: spreadOf(results.map((x) => x.fresh.judged.txPerSecond)),
      freshCpuPerTx: spreadOf(results.map((x) => x.fresh.judged.cpuPerTx)),
      filledTxPerSecond: spreadOf(results.map((x) => x.filled?.judged.txPerSecond)),
      filledCpuPerTx: spreadOf(results.map((x) => x.filled?.judged.cpuPerTx)),
      offersP95Ms: spreadOf(results.map((x) => x.offers?.judged)),
      offersP95MsUnderLoad: spreadOf(results.map((x) => x.reads?.offersJudged)),
    };
    const { log: _log, outDir: _outDir, ...params } = o;
    // Read after every round has run: go tool pprof takes the CPU a timed round would share.
    const profileSplits: ProfileSplit[] = [];
    for (const p of bench.profiled) {
      try {
        profileSplits.push(await readProfileSplit(bench.chain.spec.binary, p.file, p.label));
      } catch (err) {
        o.log(`CPU split of ${p.label} not read (is go on PATH?): ${(err as Error).message}`);
      }
    }
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
      fill,
      runs: results,
      spread,
      profiles: bench.profiles,
      ...(profileSplits.length > 0 ? { profileSplits } : {}),
    };
    await mkdir(o.outDir, { recursive: true });
    const file = join(o.outDir, `${stamp}.json`);
    await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    return { result, file };
  } finally {
    await bench.chain.stop();
  }
}

/** runName names a phase of run r (0-based): "buySide" with one run, "buySide #2" with several. */
function runName(name: string, r: number, runs: number): string {
  return runs > 1 ? `${name} #${r + 1}` : name;
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

/** countMarket counts the live offers of the filled market. */
async function countMarket(bench: Bench): Promise<number> {
  const res = await retryNetwork(() =>
    bench.energy.Offers(offersRequest({ side: FILL_SIDE, category: FILL_CATEGORY, pagination: { key: new Uint8Array(), offset: 0n, limit: 1n, countTotal: true, reverse: false } })),
  );
  return Number(res.pagination?.total ?? 0n);
}

type QueryKind = "plain" | "price" | "period" | "pricePeriod" | "secondPage";
const QUERY_KINDS: QueryKind[] = ["plain", "plain", "price", "period", "pricePeriod", "secondPage"];

/**
 * offersQuery makes one random Offers query of the filled market (one page of 50; some with
 * price or period bounds, some second pages). A second page's first page is fetched here,
 * untimed; its next_key starts the timed page 2.
 */
async function offersQuery(bench: Bench, now: bigint, rng: () => number): Promise<{ kind: QueryKind; req: QueryOffersRequest }> {
  const kind = QUERY_KINDS[Math.floor(rng() * QUERY_KINDS.length)] as QueryKind;
  const base: Partial<QueryOffersRequest> = { side: FILL_SIDE, category: FILL_CATEGORY };
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
    const first = await retryNetwork(() => bench.energy.Offers(offersRequest(base)));
    const key = first.pagination?.nextKey ?? new Uint8Array();
    base.pagination = { key, offset: 0n, limit: BigInt(PAGE_LIMIT), countTotal: false, reverse: false };
  }
  return { kind, req: offersRequest(base) };
}

/** positionQuery asks a random account's position over one day of the filled range. */
function positionQuery(keys: Key[], now: bigint, rng: () => number): QueryPositionRequest {
  const owner = (keys[Math.floor(rng() * keys.length)] as Key).address;
  const from = now + 10n + BigInt(Math.floor(rng() * 2800));
  return { owner, fromPeriod: from, toPeriod: from + 95n };
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await f();
  return [performance.now() - t0, r];
}

/** warmUp opens the connections and warms the caches before queries are timed. */
async function warmUp(bench: Bench, keys: Key[]): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await retryNetwork(() => bench.energy.Offers(offersRequest({ side: FILL_SIDE, category: FILL_CATEGORY })));
    await retryNetwork(() => bench.queries.bank.balance((keys[0] as Key).address, "ugrid"));
  }
}

/**
 * measureLatency times Offers queries of the filled market (every filled token is offered in
 * it) with random filters, interleaved one to one with a baseline x/bank balance query,
 * sequentially, through CosmJS's QueryClient (abci_query over RPC), on an idle node.
 */
async function measureLatency(bench: Bench, keys: Key[], now: bigint, rng: () => number, live: number): Promise<OffersLatency> {
  const n = bench.options.queries;
  const marketOffers = await countMarket(bench);
  // Afterwards the queries follow each other closely, so no connection sits idle long enough
  // for the node to close it.
  await warmUp(bench, keys);
  const offers: number[] = [];
  const baseline: number[] = [];
  const byKind = new Map<QueryKind, { ms: number[]; results: number }>();
  for (let i = 0; i < n; i++) {
    const { kind, req } = await offersQuery(bench, now, rng);
    const [ms, res] = await timed(() => bench.energy.Offers(req));
    offers.push(ms);
    const k = byKind.get(kind) ?? { ms: [], results: 0 };
    k.ms.push(ms);
    k.results += res.tokens.length;
    byKind.set(kind, k);
    const holder = keys[Math.floor(rng() * keys.length)] as Key;
    const [bms] = await timed(() => bench.queries.bank.balance(holder.address, rng() < 0.5 ? "ugrid" : FIAT));
    baseline.push(bms);
  }
  const o = latencyStats(offers);
  const b = latencyStats(baseline);
  bench.log(`Offers at ${marketOffers} offers in one market: p50 ${o.p50Ms} ms, p95 ${o.p95Ms} ms, max ${o.maxMs} ms; baseline (bank balance) p50 ${b.p50Ms} ms, p95 ${b.p95Ms} ms`);
  return {
    liveOfferedTokens: live,
    marketOffers,
    pageLimit: PAGE_LIMIT,
    offers: {
      ...o,
      byKind: Object.fromEntries(
        [...byKind.entries()].map(([kind, v]) => [kind, { ...latencyStats(v.ms), avgResults: round(v.results / v.ms.length, 1) }]),
      ),
    },
    baseline: { ...b, query: "cosmos.bank.v1beta1.Query/Balance" },
    p95Ratio: round(o.p95Ms / Math.max(b.p95Ms, 0.001), 2),
    judged: figure(o.p95Ms, "<", GOALS.offersP95Ms),
  };
}

/** Samples of each read, by query. */
type ReadSamples = Record<ReadKind, number[]>;

/**
 * sampleReads times, one after the other, an Offers page of the filled market, a Position (one
 * day of a random account) and a bank balance, first through CosmJS (abci_query over RPC) and
 * then the same three over the REST gateway (rest-reads.ts says why both), `max` times or until
 * `done` says to stop (checked before each round, so every query has as many samples).
 */
async function sampleReads(bench: Bench, keys: Key[], now: bigint, rng: () => number, max: number, done: () => boolean): Promise<{ rpc: ReadSamples; rest: ReadSamples }> {
  const rpc: ReadSamples = { offers: [], position: [], balance: [] };
  const rest: ReadSamples = { offers: [], position: [], balance: [] };
  const gateway = bench.chain.rest;
  for (let i = 0; i < max && !done(); i++) {
    const { req } = await offersQuery(bench, now, rng);
    const pos = positionQuery(keys, now, rng);
    const holder = (keys[Math.floor(rng() * keys.length)] as Key).address;
    rpc.offers.push((await timed(() => bench.energy.Offers(req)))[0]);
    rpc.position.push((await timed(() => bench.energy.Position(pos)))[0]);
    rpc.balance.push((await timed(() => bench.queries.bank.balance(holder, FIAT)))[0]);
    rest.offers.push((await timed(() => getJson(gateway, offersPath(req), "tokens")))[0]);
    rest.position.push((await timed(() => getJson(gateway, positionPath(pos), "periods")))[0]);
    rest.balance.push((await timed(() => getJson(gateway, balancePath(holder, FIAT), "balance")))[0]);
  }
  return { rpc, rest };
}

/**
 * measureReadsDuringWrites times the same reads first on the idle node (`queries` of each) and
 * then while the node commits `load` (buys of filled tokens, the node's full rate: the mempool
 * window is kept full), from the first accepted buy until the last one is in a block. The load
 * is not judged; its tx/s is printed against the run's judged buy at the filled state.
 */
async function measureReadsDuringWrites(
  bench: Bench,
  keys: Key[],
  now: bigint,
  rng: () => number,
  load: SignedTx[][],
  judgedBuyTxPerSecond: number,
  label: string,
): Promise<ReadsDuringWrites> {
  await bench.waitForEmptyMempool();
  await bench.waitForQuietNode(label);
  await warmUp(bench, keys);
  const idle = await sampleReads(bench, keys, now, rng, bench.options.queries, () => false);
  let started = false;
  let finished = false;
  let startedAt: () => void = () => {};
  const loadStarted = new Promise<void>((resolve) => (startedAt = resolve));
  const driving = drivePhase(bench.rpc, label, load, 1, {
    window: bench.options.window,
    log: (m) => bench.log(m),
    onStarted: () => {
      started = true;
      startedAt();
    },
  }).finally(() => {
    finished = true;
  });
  await Promise.race([loadStarted, driving]);
  const none = (): ReadSamples => ({ offers: [], position: [], balance: [] });
  const underLoad = started ? await sampleReads(bench, keys, now, rng, Number.MAX_SAFE_INTEGER, () => finished) : { rpc: none(), rest: none() };
  const run = await (await driving).finish();
  assertClean(run.stats);
  const stats = (x: ReadSamples) => ({ offers: latencyStats(x.offers), position: latencyStats(x.position), balance: latencyStats(x.balance) });
  const ratios = (i: Record<ReadKind, LatencyStats>, u: Record<ReadKind, LatencyStats>) => ({
    offers: ratioOf(u.offers.p95Ms, i.offers.p95Ms),
    position: ratioOf(u.position.p95Ms, i.position.p95Ms),
    balance: ratioOf(u.balance.p95Ms, i.balance.p95Ms),
  });
  const i = stats(idle.rpc);
  const u = stats(underLoad.rpc);
  const ri = stats(idle.rest);
  const ru = stats(underLoad.rest);
  bench.log(
    `reads during writes (${run.stats.txPerSecond} buys/s): p95 idle/under load: Offers ${i.offers.p95Ms}/${u.offers.p95Ms} ms, ` +
      `Position ${i.position.p95Ms}/${u.position.p95Ms} ms, balance ${i.balance.p95Ms}/${u.balance.p95Ms} ms (${u.offers.count} under load); ` +
      `over REST: Offers ${ri.offers.p95Ms}/${ru.offers.p95Ms} ms, Position ${ri.position.p95Ms}/${ru.position.p95Ms} ms, balance ${ri.balance.p95Ms}/${ru.balance.p95Ms} ms`,
  );
  return {
    idle: i,
    underLoad: u,
    p95Ratio: ratios(i, u),
    rest: { idle: ri, underLoad: ru, p95Ratio: ratios(ri, ru) },
    load: { txs: run.stats.committed, txPerSecond: run.stats.txPerSecond, vsJudgedBuy: ratioOf(run.stats.txPerSecond, judgedBuyTxPerSecond) },
    offersJudged: figure(u.offers.count > 0 ? u.offers.p95Ms : null, "<", GOALS.offersP95Ms),
  };
}
