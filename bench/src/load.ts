/**
 * runPhase broadcasts pre-signed transactions from many accounts at once and follows the
 * blocks that commit them. Each account's transactions go out one after the other, in sequence
 * order (the ante handler checks sequences at CheckTx); accounts run in parallel; a window
 * bounds the transactions accepted but not yet committed, keeping the mempool busy without
 * overflowing it. Throughput is then read from the chain: transactions per block and block
 * header times, not client clocks.
 */
import { type SignedTx } from "./keys.js";
import { type BlockMeta, type Rpc, RpcError, sleep, type TxResult } from "./rpc.js";

export interface PhaseOptions {
  /** Most transactions accepted into the mempool and not yet in a block. */
  window: number;
  /** Fail when no transaction of the phase is committed for this long. */
  stallMs?: number;
  log?: (message: string) => void;
  /** Called once the first transaction is accepted (e.g. to start a CPU profile). */
  onStarted?: () => void;
  /**
   * Reads the node's CPU seconds; called before the first broadcast and once the last
   * transaction is in a block, before the results are read (see runPhase).
   */
  cpuSeconds?: () => Promise<number>;
}

/** CommittedTx is one transaction of the phase as the chain executed it. */
export interface CommittedTx extends TxResult {
  hash: string;
  height: number;
}

export interface PhaseBlock {
  height: number;
  time: string;
  /** Transactions of the phase in the block. */
  txs: number;
  /** All transactions in the block. */
  allTxs: number;
  gasUsed: number;
  /** Transactions waiting in the mempool when the block was seen (sampled by the client). */
  mempool: number;
}

export interface PhaseStats {
  name: string;
  txs: number;
  msgsPerTx: number;
  committed: number;
  /** Committed with a code other than 0. */
  failed: number;
  /** Refused at CheckTx (never in a block), and the later transactions of the same accounts not sent. */
  rejected: number;
  skipped: number;
  firstHeight: number;
  lastHeight: number;
  /**
   * Sustained throughput: the phase's transactions in blocks F..L (firstHeight..lastHeight)
   * divided by the header time from F+1 to L+2. A header time is BFT time, the median of the
   * precommit times of the previous block, taken before that block is executed; so block h is
   * executed, committed, and the next one filled from the mempool and proposed between the
   * header times of h+1 and h+2.
   */
  txPerSecond: number;
  /**
   * The same without the first and last block of the phase, which are usually partly filled
   * (the load ramps up and drains): blocks F+1..L-1 over the header time from F+2 to L+1.
   * Null with fewer than 4 blocks.
   */
  steadyTxPerSecond: number | null;
  /** What steadyTxPerSecond divides: the transactions of F+1..L-1 and the seconds from F+2 to L+1. */
  steadyTxs: number | null;
  steadySeconds: number | null;
  /** Header time from F+1 to L+2, seconds. */
  chainSeconds: number;
  /** Header times of F..L+2, as measured. */
  headerTimes: Array<{ height: number; time: string; numTxs: number }>;
  /** Client clock from the first broadcast until every transaction was sent. */
  submitSeconds: number;
  /** Client clock from the first broadcast until the last transaction was seen in a block. */
  wallSeconds: number;
  avgTxsPerBlock: number;
  /**
   * Mempool depth sampled right after each block of the phase (all but the last): above zero
   * means the proposer found more transactions waiting than it had put in the block, i.e. the
   * load kept the mempool busy.
   */
  mempoolMin: number;
  mempoolAvg: number;
  maxTxsPerBlock: number;
  gasUsedAvg: number;
  gasUsedMax: number;
  gasWanted: number;
  /**
   * CPU time over the phase (first broadcast to last transaction in a block): of the gridd
   * process and of this client (broadcasting and following blocks; signing happens before,
   * reading results after), and gridd's CPU per committed transaction.
   */
  cpu?: { griddSeconds: number; clientSeconds: number; griddMsPerTx: number };
  /** Up to 5 failures (CheckTx or block), with their logs. */
  failures: Array<{ hash: string; code: number; codespace: string; log: string; where: "checkTx" | "block" }>;
  blocks: PhaseBlock[];
}

export interface PhaseRun {
  stats: PhaseStats;
  /** Results of the committed transactions, by hash. */
  results: Map<string, CommittedTx>;
}

/**
 * runPhase sends `streams` (one list per account, in sequence order), waits until every
 * transaction is in a block or refused, and measures. While the phase runs it reads only
 * block headers and transaction hashes; the results (codes, gas, events) are read once the
 * last transaction is in a block, because the node's JSON encoding of block results costs it
 * CPU in proportion to the events, which would bill the measurement to the transactions
 * with more events.
 */
export async function runPhase(rpc: Rpc, name: string, streams: SignedTx[][], msgsPerTx: number, options: PhaseOptions): Promise<PhaseRun> {
  return (await drivePhase(rpc, name, streams, msgsPerTx, options)).finish();
}

/** DrivenPhase is a phase whose transactions are all in blocks; finish reads their results and measures. */
export interface DrivenPhase {
  name: string;
  lastHeight: number;
  /** Reads the results and the header times (after the node made two more blocks) and computes the stats. */
  finish(): Promise<PhaseRun>;
}

/**
 * drivePhase sends the phase and returns as soon as its last transaction is in a block, so the
 * next round can start at once (no untimed pause between rounds); finish() measures it later.
 */
export async function drivePhase(rpc: Rpc, name: string, streams: SignedTx[][], msgsPerTx: number, options: PhaseOptions): Promise<DrivenPhase> {
  const log = options.log ?? (() => {});
  const stallMs = options.stallMs ?? 120_000;
  const all = streams.flat();
  const total = all.length;
  const wanted = new Set(all.map((t) => t.hash));
  if (wanted.size !== total) throw new Error(`phase ${name}: ${total - wanted.size} duplicate transactions`);

  const results = new Map<string, CommittedTx>();
  const seen = new Map<string, number>(); // hash -> height, while the phase runs
  const hashesAt = new Map<number, string[]>(); // every transaction hash of the phase's blocks, in block order
  const failures: PhaseStats["failures"] = [];
  let inflight = 0;
  let rejected = 0;
  let skipped = 0;
  let sent = 0;
  let lastSentAt = 0;
  let lastCommitAt = 0;
  let stop = false;
  let started = false;
  let networkErrors = 0;

  // Start following blocks at the current height: none of the phase can be in it.
  const startHeight = (await rpc.latestHeight()) + 1;
  const cpu0 = (await options.cpuSeconds?.()) ?? 0;
  const client0 = process.cpuUsage();
  const t0 = performance.now();

  const sendStream = async (stream: SignedTx[]) => {
    for (let i = 0; i < stream.length && !stop; i++) {
      const tx = stream[i] as SignedTx;
      while (inflight >= options.window && !stop) await sleep(2);
      for (;;) {
        try {
          const r = await rpc.broadcastTxSync(tx.bytes);
          // x/balancing's mempool quota (code 28) refuses a sender's transaction while its
          // earlier ones hold too much gas in the mempool: wait for a block, as a client would.
          if (r.codespace === "balancing" && r.code === 28) {
            await sleep(50);
            continue;
          }
          if (r.code !== 0) {
            rejected++;
            skipped += stream.length - i - 1;
            if (failures.length < 5) failures.push({ hash: tx.hash, code: r.code, codespace: r.codespace, log: r.log, where: "checkTx" });
            return;
          }
          break;
        } catch (err) {
          // A resent transaction the node already holds was accepted the first time.
          if (err instanceof RpcError && /already exists in cache/i.test(err.message)) break;
          // A full mempool refuses for a moment; a node busy executing a big block may drop
          // the connection (its RPC write timeout): retry.
          if (err instanceof RpcError ? /mempool is full|timed out|too many/i.test(err.message) : ++networkErrors <= 100) {
            await sleep(50);
            continue;
          }
          throw err;
        }
      }
      if (!started) {
        started = true;
        options.onStarted?.();
      }
      inflight++;
      sent++;
      lastSentAt = performance.now();
    }
  };

  const blocks: PhaseBlock[] = [];
  const follow = async () => {
    let next = startHeight;
    let lastProgress = performance.now();
    let lastLog = performance.now();
    while (seen.size + rejected + skipped < total) {
      if (stop) return;
      if (performance.now() - lastProgress > stallMs) {
        throw new Error(`phase ${name}: no transaction of the phase committed for ${stallMs / 1000} s (${seen.size}/${total} committed, ${inflight} accepted and waiting)`);
      }
      const latest = await rpc.latestHeight();
      if (latest < next) {
        await sleep(50);
        continue;
      }
      const [metas, mempool] = await Promise.all([rpc.blockMetas(next, latest), rpc.unconfirmedTxs()]);
      for (const meta of metas) {
        let phaseTxs = 0;
        const hashes = meta.numTxs > 0 ? await rpc.blockTxHashes(meta.height) : [];
        for (const hash of hashes) {
          if (!wanted.has(hash) || seen.has(hash)) continue;
          seen.set(hash, meta.height);
          phaseTxs++;
        }
        if (phaseTxs > 0) {
          hashesAt.set(meta.height, hashes);
          inflight -= phaseTxs;
          lastProgress = performance.now();
          lastCommitAt = lastProgress;
          blocks.push({ height: meta.height, time: meta.time, txs: phaseTxs, allTxs: meta.numTxs, gasUsed: 0, mempool });
        }
      }
      next = latest + 1;
      if (performance.now() - lastLog > 5_000) {
        lastLog = performance.now();
        log(`${name}: ${seen.size}/${total} committed, ${sent} sent, height ${latest}`);
      }
    }
  };

  /** readResults reads the results of the phase's transactions, block by block, after the phase. */
  const readResults = async () => {
    for (const block of blocks) {
      const txResults = await rpc.blockResults(block.height);
      (hashesAt.get(block.height) ?? []).forEach((hash, i) => {
        if (seen.get(hash) !== block.height) return;
        const r = txResults[i] as TxResult;
        results.set(hash, { ...r, hash, height: block.height });
        block.gasUsed += r.gasUsed;
        if (r.code !== 0 && failures.length < 5) failures.push({ hash, code: r.code, codespace: r.codespace, log: r.log, where: "block" });
      });
    }
  };

  try {
    await Promise.all([...streams.map(sendStream), follow()]);
  } finally {
    stop = true;
  }
  const griddSeconds = ((await options.cpuSeconds?.()) ?? 0) - cpu0;
  const clientCpu = process.cpuUsage(client0);
  const firstHeight = blocks[0]?.height ?? 0;
  const lastHeight = blocks[blocks.length - 1]?.height ?? 0;
  return { name, lastHeight, finish: () => finishPhase() };

  async function finishPhase(): Promise<PhaseRun> {
  // The header time of L+2 closes the phase: read results only once it exists.
  if (blocks.length > 0) await rpc.waitForHeight(lastHeight + 2, 300_000);
  await readResults();

  const committed = [...results.values()];
  const failed = committed.filter((r) => r.code !== 0).length;
  let txPerSecond = 0;
  let steadyTxPerSecond: number | null = null;
  let steadyTxs: number | null = null;
  let steadySeconds: number | null = null;
  let chainSeconds = 0;
  let metas: BlockMeta[] = [];
  if (blocks.length > 0) {
    metas = await rpc.blockMetas(firstHeight, lastHeight + 2);
    const timeOf = (h: number) => (metas.find((m) => m.height === h) as BlockMeta).timeMs;
    const txsIn = (lo: number, hi: number) => blocks.filter((b) => b.height >= lo && b.height <= hi).reduce((s, b) => s + b.txs, 0);
    chainSeconds = (timeOf(lastHeight + 2) - timeOf(firstHeight + 1)) / 1000;
    txPerSecond = committed.length / chainSeconds;
    if (lastHeight - firstHeight + 1 >= 4) {
      steadyTxs = txsIn(firstHeight + 1, lastHeight - 1);
      steadySeconds = (timeOf(lastHeight + 1) - timeOf(firstHeight + 2)) / 1000;
      steadyTxPerSecond = steadyTxs / steadySeconds;
    }
  }
  const gasUsed = committed.map((r) => r.gasUsed);
  const depths = blocks.slice(0, -1).map((b) => b.mempool);
  const stats: PhaseStats = {
    name,
    txs: total,
    msgsPerTx,
    committed: committed.length,
    failed,
    rejected,
    skipped,
    firstHeight,
    lastHeight,
    txPerSecond: round(txPerSecond, 1),
    steadyTxPerSecond: steadyTxPerSecond === null ? null : round(steadyTxPerSecond, 1),
    steadyTxs,
    steadySeconds: steadySeconds === null ? null : round(steadySeconds, 3),
    chainSeconds: round(chainSeconds, 3),
    headerTimes: metas.map((m) => ({ height: m.height, time: m.time, numTxs: m.numTxs })),
    submitSeconds: round((lastSentAt - t0) / 1000, 3),
    wallSeconds: round((lastCommitAt - t0) / 1000, 3),
    avgTxsPerBlock: blocks.length ? round(committed.length / (lastHeight - firstHeight + 1), 1) : 0,
    maxTxsPerBlock: Math.max(0, ...blocks.map((b) => b.txs)),
    mempoolMin: depths.length ? Math.min(...depths) : 0,
    mempoolAvg: depths.length ? Math.round(depths.reduce((a, b) => a + b, 0) / depths.length) : 0,
    gasUsedAvg: gasUsed.length ? Math.round(gasUsed.reduce((a, b) => a + b, 0) / gasUsed.length) : 0,
    gasUsedMax: Math.max(0, ...gasUsed),
    gasWanted: committed[0]?.gasWanted ?? 0,
    cpu: {
      griddSeconds: round(griddSeconds, 2),
      clientSeconds: round((clientCpu.user + clientCpu.system) / 1e6, 2),
      griddMsPerTx: round((griddSeconds * 1000) / Math.max(1, committed.length), 3),
    },
    failures,
    blocks,
  };
  return { stats, results };
  }
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
