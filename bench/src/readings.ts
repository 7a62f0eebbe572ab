/**
 * Signed meter readings ingested per second on one node (ADR 010), printed beside the same
 * machine's single-core ed25519 verification rate measured in the same run: gridd's own
 * verifier (`gridd delivery verify-rate`, the ZIP-215 ed25519consensus the chain runs) and,
 * for reference, node's OpenSSL. `--month` ingests one month of 15-minute readings of 1,000
 * meters (2,976,000 readings) and compares the rate at its start and at its end.
 *
 * Readings are signed by the meters' ed25519 keys and the transactions by the data hub before
 * a phase starts, so signing is never measured. Each transaction carries one period of
 * `meters` readings (1,000 by default: the chain's max_readings_per_tx).
 */
import { execFile } from "node:child_process";
import { createPrivateKey, createPublicKey, type KeyObject, sign as edSign, verify as edVerify } from "node:crypto";
import { promisify } from "node:util";

import { sha256 } from "@cosmjs/crypto";
import { toUtf8 } from "@cosmjs/encoding";
import { VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";

import { GOV_AUTHORITY } from "../../ts-client/src/chain.js";
import { KeyAlgorithm, MeteringPointKind, MeterKind, Role } from "../../ts-client/src/generated/gridledger/balancing/v1/types.js";
import { QueryClientImpl as DeliveryQueryClient } from "../../ts-client/src/generated/gridledger/delivery/v1/query.js";
import type { SignedReading } from "../../ts-client/src/generated/gridledger/delivery/v1/types.js";
import { admitParticipantMsg, registerMeterMsg } from "../../ts-client/src/modules/balancing/compose.js";
import { submitReadingsMsg } from "../../ts-client/src/modules/delivery/compose.js";
import { msgUpdateDeliveryParamsTypeUrl } from "../../ts-client/src/modules/delivery/messages.js";
import { readingSignBytes } from "../../ts-client/src/modules/delivery/signing.js";
import { submitProposalMsg, voteMsg } from "../../ts-client/src/modules/gov/compose.js";
import { assertClean, Bench } from "./bench.js";
import { benchKey, type Key, keyFromMnemonic, type SignedTx } from "./keys.js";
import { type PhaseBlock, round } from "./load.js";
import { bankSend } from "./messages.js";
import { retryNetwork, sleep } from "./rpc.js";
import { createProtobufRpcClient, QueryClient } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";

const run = promisify(execFile);

export interface ReadingsOptions {
  /** Metering points, one reading each per period and transaction. */
  meters: number;
  /** Periods ingested: readings = meters x periods. */
  periods: number;
  blockTime: string;
  /** Transactions in the mempool at once. */
  window: number;
  month: boolean;
  /** CPU-profile gridd for this many seconds from the start of the ingest (0: off). */
  profileSeconds: number;
  outDir: string;
  log: (message: string) => void;
}

export const DEFAULT_READINGS: Omit<ReadingsOptions, "outDir" | "log"> = { meters: 1000, periods: 150, blockTime: "1s", window: 48, month: false, profileSeconds: 0 };
export const MONTH_READINGS: Partial<ReadingsOptions> = { meters: 1000, periods: 2976, month: true };
export const QUICK_READINGS: Partial<ReadingsOptions> = { meters: 200, periods: 10 };

export interface ReadingsResult {
  readings: number;
  transactions: number;
  readingsPerTx: number;
  readingsPerSecond: number;
  /** Rates over the first and the last tenth of the phase's blocks but its first and last (at least 3 blocks each). */
  startReadingsPerSecond: number;
  endReadingsPerSecond: number;
  endVsStart: number;
  baseline: { griddVerifiesPerSecond: number; nodeVerifiesPerSecond: number };
  ratioToGriddVerify: number;
  ratioToNodeVerify: number;
  gasPerReading: number;
  griddCpuMsPerReading: number | null;
  goals: { vsSingleCoreVerify: number; endVsStart: number };
}

/** HUBS data hubs submit in parallel. */
const HUBS = 16;

const PKCS8_ED25519 = Buffer.from("302e020100300506032b657004220420", "hex");

interface MeterSigner {
  id: string;
  key: KeyObject;
  pub: Uint8Array;
}

function meterSigner(i: number): MeterSigner {
  const seed = sha256(toUtf8(`gridledger bench meter ${i}`));
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: "der", type: "pkcs8" });
  const spki = createPublicKey(key).export({ format: "der", type: "spki" });
  return { id: `CH-BENCH-${String(i).padStart(6, "0")}`, key, pub: new Uint8Array(spki.subarray(spki.length - 32)) };
}

/** nodeVerifyRate is node's (OpenSSL) single-thread ed25519 verifications per second. */
function nodeVerifyRate(seconds: number): number {
  const m = meterSigner(0);
  const msg = readingSignBytes("gridledger-bench-1", { meterId: m.id, period: 1966080, wh: 1234567 });
  const sig = edSign(null, msg, m.key);
  const pub = createPublicKey(m.key);
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  let n = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) if (!edVerify(null, msg, pub, sig)) throw new Error("reference signature does not verify");
    n += 100;
  }
  return n / ((performance.now() - t0) / 1000);
}

async function griddVerifyRate(binary: string, seconds: number): Promise<number> {
  const { stdout } = await run(binary, ["delivery", "verify-rate", "--seconds", String(seconds)]);
  return Number((JSON.parse(stdout) as { verifies_per_second: number }).verifies_per_second);
}

function rateOver(blocks: readonly PhaseBlock[], readingsPerTx: number): number {
  if (blocks.length < 2) return 0;
  const first = blocks[0] as PhaseBlock;
  const last = blocks[blocks.length - 1] as PhaseBlock;
  const seconds = (Date.parse(last.time) - Date.parse(first.time)) / 1000;
  // Block h's transactions run between the header times of h+1 and h+2: count all but the first
  // block's over the header time span, which covers exactly that many block intervals.
  const txs = blocks.slice(1).reduce((n, b) => n + b.txs, 0);
  return seconds > 0 ? (txs * readingsPerTx) / seconds : 0;
}

/** runReadingsBench starts its own node and measures reading ingestion. */
export async function runReadingsBench(o: ReadingsOptions): Promise<ReadingsResult> {
  const log = o.log;
  const readings = o.meters * o.periods;
  log(`readings: starting a gridd node; ${o.meters} meters x ${o.periods} periods = ${readings} signed readings${o.month ? " (one month of 15-minute readings)" : ""}`);
  const bench = await Bench.start({ blockTime: o.blockTime, window: o.window, log, profileSeconds: o.profileSeconds, outDir: o.outDir } as never, new Date().toISOString());
  try {
    const { chain } = bench;
    const operator = await keyFromMnemonic("operator", chain.accounts.operator.mnemonic);
    const validator = await keyFromMnemonic("validator", chain.accounts.validator.mnemonic);
    // Several data hubs send at once: x/balancing's mempool quota holds each sender to 50M gas
    // pending (about three full batches), as it would hold each real data hub.
    const hubs = Array.from({ length: HUBS }, (_, i) => benchKey(i, "gridledger-bench-hub"));
    const hub = hubs[0] as Key;
    for (const k of [operator, validator]) await bench.sync(k);

    // ---- setup (untimed): the data hub, the meters, and a reading window covering the month ----
    const funds = hubs.map((h) => bankSend(operator.address, h.address, "100000000", "ugrid"));
    await bench.execute("fund hubs", [[bench.sign(operator, funds, await bench.gasFor(operator, funds))]], funds.length);
    for (const h of hubs) await bench.sync(h);
    const admits = hubs.map((h, i) =>
      admitParticipantMsg(operator.address, { address: h.address, legalId: `12X-BENCH-HUB-${String(i).padStart(2, "0")}`, displayName: `Bench Data Hub ${i}`, roles: [Role.ROLE_CONSUMER], positionLimitWh: 0 }),
    );
    await bench.execute("admit hubs", [[bench.sign(operator, admits, await bench.gasFor(operator, admits))]], admits.length);
    log(`readings: registering ${o.meters} meters (ed25519 company meters)`);
    const meters = Array.from({ length: o.meters }, (_, i) => meterSigner(i));
    const registerOf = (m: MeterSigner) =>
      registerMeterMsg(operator.address, {
        id: m.id,
        owner: hub.address,
        kind: MeterKind.METER_KIND_CONSUMPTION,
        location: { gridNode: "BENCH-SUB-1", area: "CH-BENCH" },
        keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519,
        publicKey: m.pub,
        pointKind: MeteringPointKind.METERING_POINT_KIND_COMPANY,
      });
    const regBatches: SignedTx[] = [];
    void hub;
    const regGas = await bench.gasFor(operator, meters.slice(0, 100).map(registerOf));
    for (let i = 0; i < meters.length; i += 100) regBatches.push(bench.sign(operator, meters.slice(i, i + 100).map(registerOf), regGas));
    await bench.execute("register meters", [regBatches], 100);

    const comet = await connectComet(chain.rpc);
    const delivery = new DeliveryQueryClient(createProtobufRpcClient(new QueryClient(comet)));
    const params = (await retryNetwork(() => delivery.Params({}))).params;
    if (params === undefined) throw new Error("no delivery params");
    if (params.readingWindowPeriods < BigInt(o.periods + 10) || params.maxReadingsPerTx < BigInt(o.meters)) {
      log(`readings: governance widens the reading window to 8928 periods and the batch to ${Math.max(o.meters, 1000)} readings`);
      const update = {
        typeUrl: msgUpdateDeliveryParamsTypeUrl,
        value: { authority: GOV_AUTHORITY, params: { ...params, readingWindowPeriods: 8928n, maxReadingsPerTx: BigInt(Math.max(o.meters, 1000)) } },
      };
      const proposal = submitProposalMsg(bench.registry, validator.address, [update], [{ denom: "ugrid", amount: "10000000" }], "Bench reading window", "Readings of a whole month");
      await bench.execute("proposal", [[bench.sign(validator, [proposal], 2_000_000)]], 1);
      await bench.execute("vote", [[bench.sign(validator, [voteMsg(validator.address, 1n, VoteOption.VOTE_OPTION_YES)], 400_000)]], 1);
      for (let i = 0; ; i++) {
        const p = (await retryNetwork(() => delivery.Params({}))).params;
        if (p !== undefined && p.readingWindowPeriods >= 8928n) break;
        if (i > 120) throw new Error("the reading window proposal did not pass within two minutes");
        await sleep(1000);
      }
    }

    // ---- sign every reading and transaction (untimed) ----
    const periodSeconds = 900n;
    const current = BigInt(Math.floor(Date.now() / 1000)) / periodSeconds;
    const firstPeriod = current - 2n - BigInt(o.periods);
    log(`readings: signing ${readings} readings (periods ${firstPeriod}..${firstPeriod + BigInt(o.periods) - 1n})`);
    const t0 = performance.now();
    const streams: SignedTx[][] = hubs.map(() => []);
    let gas = 0;
    for (let p = 0; p < o.periods; p++) {
      const period = firstPeriod + BigInt(p);
      const batch: SignedReading[] = meters.map((m, i) => {
        const wh = BigInt(100 + ((i * 7919 + p * 31) % 5000));
        const msg = readingSignBytes(chain.chainId, { meterId: m.id, period, wh });
        return { meterId: m.id, period, wh, commitment: new Uint8Array(), signature: new Uint8Array(edSign(null, msg, m.key)) };
      });
      const sender = hubs[p % HUBS] as Key;
      const message = submitReadingsMsg(sender.address, batch);
      if (gas === 0) gas = await bench.gasFor(sender, [message], 1.1);
      (streams[p % HUBS] as SignedTx[]).push(bench.sign(sender, [message], gas));
      if (o.month && (p + 1) % 200 === 0) log(`readings: signed ${(p + 1) * o.meters}/${readings}`);
    }
    log(`readings: signed in ${round((performance.now() - t0) / 1000, 1)} s; measuring the verification baselines`);
    const griddVerify = await griddVerifyRate(chain.spec.binary, 3);
    const nodeVerify = nodeVerifyRate(3);

    // ---- timed: ingest ----
    const txs = streams.flat();
    const phase = await bench.measure("submitReadings", streams, o.meters, o.window);
    assertClean(phase.stats);
    const s = phase.stats;
    const perSecond = s.txPerSecond * o.meters;
    // Start and end leave out the first and last block, partly filled while the load ramps up
    // and drains (as the phase's steady rate does).
    const steady = s.blocks.slice(1, -1);
    const tenth = Math.max(3, Math.floor(steady.length / 10));
    const start = rateOver(steady.slice(0, tenth + 1), o.meters);
    const end = rateOver(steady.slice(-tenth - 1), o.meters);
    // Every reading accepted: the totals of the first and last periods count every meter.
    for (const p of [firstPeriod, firstPeriod + BigInt(o.periods) - 1n]) {
      const t = (await retryNetwork(() => delivery.PeriodTotals({ period: p }))).totals;
      if (t?.readings !== BigInt(o.meters)) throw new Error(`period ${p}: ${t?.readings ?? 0n} readings stored, expected ${o.meters}`);
    }
    comet.disconnect();
    return {
      readings,
      transactions: txs.length,
      readingsPerTx: o.meters,
      readingsPerSecond: round(perSecond, 0),
      startReadingsPerSecond: round(start, 0),
      endReadingsPerSecond: round(end, 0),
      endVsStart: round(start > 0 ? end / start : 0, 3),
      baseline: { griddVerifiesPerSecond: griddVerify, nodeVerifiesPerSecond: round(nodeVerify, 0) },
      ratioToGriddVerify: round(perSecond / griddVerify, 3),
      ratioToNodeVerify: round(perSecond / nodeVerify, 3),
      gasPerReading: Math.round(s.gasUsedAvg / o.meters),
      griddCpuMsPerReading: s.cpu ? round(s.cpu.griddMsPerTx / o.meters, 4) : null,
      goals: { vsSingleCoreVerify: 0.6, endVsStart: 0.8 },
    };
  } finally {
    await bench.chain.stop();
  }
}

/** readingsReport prints the result as a few lines beside its baselines and goals. */
export function readingsReport(r: ReadingsResult, month: boolean): string {
  const lines = [
    `signed meter readings (${r.readings} readings in ${r.transactions} transactions of ${r.readingsPerTx})`,
    `  ingested            ${r.readingsPerSecond} readings/s  (${r.gasPerReading} gas per reading)`,
    `  baseline, 1 core    ${r.baseline.griddVerifiesPerSecond} ed25519 verifies/s (gridd's verifier), ${r.baseline.nodeVerifiesPerSecond} (node/OpenSSL)`,
    `  ratio               ${r.ratioToGriddVerify} of gridd's single-core verify rate (goal >= ${r.goals.vsSingleCoreVerify}), ${r.ratioToNodeVerify} of OpenSSL's`,
  ];
  if (month) {
    lines.push(`  start / end         ${r.startReadingsPerSecond} / ${r.endReadingsPerSecond} readings/s: end = ${r.endVsStart} x start (goal >= ${r.goals.endVsStart})`);
  } else {
    lines.push(`  first / last tenth  ${r.startReadingsPerSecond} / ${r.endReadingsPerSecond} readings/s`);
  }
  return lines.join("\n");
}
