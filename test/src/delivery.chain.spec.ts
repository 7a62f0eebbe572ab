/**
 * Signed meter readings end to end (ADR 010): a real gridd node, meters registered with
 * ed25519 and secp256k1 keys and as company meters and an aggregation point, a data hub
 * submitting a mixed batch through @gridledger/client (split into several transactions, each
 * reading accepted or refused on its own), key rotation and retirement, and the gridd CLI.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sha256 } from "@cosmjs/crypto";
import { toHex } from "@cosmjs/encoding";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import {
  admitParticipantMsg,
  BECH32_PREFIX,
  EnergyCategory,
  GridledgerClient,
  householdCommitment,
  KeyAlgorithm,
  type MeterKey,
  meterPublicKey,
  MeteringPointKind,
  MeterKind,
  registerMeterMsg,
  Role,
  signReading,
} from "@gridledger/client";
import { startTestChain, type TestChain } from "@gridledger/relayer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const seed = (s: string): Uint8Array => sha256(new TextEncoder().encode(s));
const ed = (s: string): MeterKey => ({ algorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519, privkey: seed(s) });
const secp = (s: string): MeterKey => ({ algorithm: KeyAlgorithm.KEY_ALGORITHM_SECP256K1, privkey: seed(s) });

const SOLAR = "CH-DLV-SOLAR-1"; // bob's solar plant, ed25519
const LOAD = "CH-DLV-LOAD-1"; // bob's own load, secp256k1
const AGG = "CH-DLV-AGG-1"; // carol's aggregation point over households, ed25519
const keys: Record<string, MeterKey> = { [SOLAR]: ed(SOLAR), [LOAD]: secp(LOAD), [AGG]: ed(AGG) };

describe("signed meter readings on a real gridd node", () => {
  let chain: TestChain;
  let operator: GridledgerClient;
  let hub: GridledgerClient;
  let operatorAddress: string;
  let hubAddress: string;
  let period: bigint; // the last ended period when the suite starts

  const connect = async (mnemonic: string) =>
    GridledgerClient.connectWithSigner(chain.rpc, await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: BECH32_PREFIX }));

  beforeAll(async () => {
    chain = await startTestChain({ name: "delivery" });
    operatorAddress = chain.accounts.operator.address;
    hubAddress = chain.accounts.alice.address;
    operator = await connect(chain.accounts.operator.mnemonic);
    hub = await connect(chain.accounts.alice.mnemonic);
    const meter = async (id: string, owner: string, kind: MeterKind, pointKind: MeteringPointKind, category?: EnergyCategory) =>
      registerMeterMsg(operatorAddress, {
        id,
        owner,
        kind,
        category,
        pointKind,
        location: { gridNode: "ZH-SUB-7", area: "CH-ZH" },
        keyAlgorithm: keys[id]!.algorithm,
        publicKey: await meterPublicKey(keys[id]!),
      });
    const bob = chain.accounts.bob.address;
    const carol = chain.accounts.carol.address;
    await operator.submit(operatorAddress, [
      admitParticipantMsg(operatorAddress, { address: hubAddress, legalId: "12X-DATAHUB-0001", displayName: "Data Hub AG", roles: [Role.ROLE_CONSUMER], positionLimitWh: 0 }),
      admitParticipantMsg(operatorAddress, { address: bob, legalId: "12X-BOB-PROSUMER", displayName: "Bob Energie", roles: [Role.ROLE_PRODUCER, Role.ROLE_CONSUMER], positionLimitWh: 0 }),
      admitParticipantMsg(operatorAddress, { address: carol, legalId: "12X-CAROL-RETAIL", displayName: "Carol Retail", roles: [Role.ROLE_RETAILER], positionLimitWh: 0 }),
      await meter(SOLAR, bob, MeterKind.METER_KIND_PRODUCTION, MeteringPointKind.METERING_POINT_KIND_COMPANY, EnergyCategory.ENERGY_CATEGORY_SOLAR),
      await meter(LOAD, bob, MeterKind.METER_KIND_CONSUMPTION, MeteringPointKind.METERING_POINT_KIND_COMPANY),
      await meter(AGG, carol, MeterKind.METER_KIND_CONSUMPTION, MeteringPointKind.METERING_POINT_KIND_AGGREGATION_POINT),
    ]);
    const params = await operator.query.energy.params();
    period = BigInt(Math.floor(Date.now() / 1000)) / params.periodSeconds - 1n;
  });

  afterAll(async () => {
    operator?.disconnect();
    hub?.disconnect();
    await chain?.stop();
  });

  it("stores exactly the good readings of a mixed batch sent in several transactions", async () => {
    const { commitment, wh: aggWh } = householdCommitment([
      { ref: "hh-4f1c9a0e7b2d5c83", wh: 700 },
      { ref: "hh-a93e51d0c2b84f17", wh: 520 },
    ]);
    const sign = (meterId: string, p: bigint, wh: bigint | number, key = keys[meterId]!, c?: Uint8Array) =>
      signReading(key, chain.chainId, { meterId, period: p, wh, ...(c === undefined ? {} : { commitment: c }) });
    const good = await sign(SOLAR, period, 4_200);
    const readings = [
      good, // 0 accepted
      await sign(LOAD, period, 1_300), // 1 accepted: secp256k1
      await sign(AGG, period, aggWh, keys[AGG], commitment), // 2 accepted: aggregation point
      await sign(SOLAR, period - 1n, 9, keys[LOAD]), // 3 bad signature (another meter's key)
      await sign(SOLAR, period, 4_201), // 4 replay of reading 0, in the next transaction
      await sign(SOLAR, period + 5n, 1), // 5 future period
      await sign("CH-NOBODY-1", period, 1, keys[SOLAR]), // 6 unknown meter
      await sign(AGG, period - 1n, 5), // 7 aggregation point without commitment
      await signReading(keys[SOLAR]!, "gridledger-other-1", { meterId: SOLAR, period: period - 2n, wh: 3 }), // 8 other chain
      await sign(LOAD, period - 3n, 77), // 9 accepted
    ];
    const result = await hub.submitReadings(hubAddress, readings, { maxPerTx: 4 });
    expect(result.transactionHashes).toHaveLength(3);
    expect(result.accepted).toBe(4);
    expect(result.refused).toBe(6);
    expect(result.outcomes.map((o) => [o.index, o.accepted, o.code])).toEqual([
      [0, true, 0],
      [1, true, 0],
      [2, true, 0],
      [3, false, 10],
      [4, false, 16],
      [5, false, 14],
      [6, false, 11],
      [7, false, 17],
      [8, false, 10],
      [9, true, 0],
    ]);
    expect(result.outcomes[4]?.reason).toMatch(/already has a reading/);
    expect(result.outcomes[3]?.explanation).toMatch(/current key/);

    const stored = await hub.query.delivery.reading(SOLAR, period);
    expect(stored).toMatchObject({ meterId: SOLAR, period, wh: 4_200n, kind: MeterKind.METER_KIND_PRODUCTION });
    expect(stored.signature).toEqual(good.signature);
    const agg = await hub.query.delivery.reading(AGG, period);
    expect(agg.commitment).toEqual(commitment);
    expect(agg.pointKind).toBe(MeteringPointKind.METERING_POINT_KIND_AGGREGATION_POINT);
    expect(await hub.query.delivery.periodTotals(period)).toEqual({
      period,
      readings: 3n,
      productionReadings: 1n,
      productionWh: 4_200n,
      consumptionReadings: 2n,
      consumptionWh: 1_300n + aggWh,
    });
    const page = await hub.query.delivery.periodReadings(period);
    expect(page.readings.map((r) => r.meterId)).toEqual([AGG, LOAD, SOLAR]);
    await expect(hub.query.delivery.reading(SOLAR, period - 1n)).rejects.toThrow(/no reading/);
  });

  it("checks readings against the rotated key and refuses a retired meter's", async () => {
    const next = secp("replacement secure element");
    await operator.rotateMeterKey(operatorAddress, { id: SOLAR, keyAlgorithm: next.algorithm, publicKey: await meterPublicKey(next) });
    const old = await signReading(keys[SOLAR]!, chain.chainId, { meterId: SOLAR, period: period - 4n, wh: 1 });
    const fresh = await signReading(next, chain.chainId, { meterId: SOLAR, period: period - 5n, wh: 2 });
    const rotated = await hub.submitReadings(hubAddress, [old, fresh]);
    expect(rotated.outcomes.map((o) => o.code)).toEqual([10, 0]);

    // Retire from the CLI, as an operator would.
    const keyringHome = chain.gridnet.nodes[0]!.home;
    await run(chain.spec.binary, [
      "tx", "balancing", "retire-meter", SOLAR, "--reason-code", "replaced", "--from", "operator", "--yes", "--output", "json",
      "--home", keyringHome, "--keyring-backend", "test", "--node", chain.rpc, "--chain-id", chain.chainId,
    ]);
    await expect
      .poll(async () => (await hub.query.balancing.meter(SOLAR)).retiredHeight, { timeout: 15_000 })
      .toBeGreaterThan(0n);
    const late = await signReading(next, chain.chainId, { meterId: SOLAR, period: period - 6n, wh: 3 });
    expect((await hub.submitReadings(hubAddress, [late])).outcomes[0]).toMatchObject({ accepted: false, code: 13 });
  });

  it("computes an aggregation point's commitment and reads totals from the gridd CLI", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gridledger-households-"));
    try {
      const csv = join(dir, "households.csv");
      await writeFile(csv, "household,wh\nhh-a93e51d0c2b84f17,520\nhh-4f1c9a0e7b2d5c83,700\n");
      const { stdout } = await run(chain.spec.binary, ["delivery", "commitment", csv]);
      const { commitment } = householdCommitment([
        { ref: "hh-4f1c9a0e7b2d5c83", wh: 700 },
        { ref: "hh-a93e51d0c2b84f17", wh: 520 },
      ]);
      expect(JSON.parse(stdout)).toEqual({ commitment: toHex(commitment), households: "2", wh: "1220" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const { stdout } = await run(chain.spec.binary, [
      "query", "delivery", "period-totals", String(period), "--output", "json", "--node", chain.rpc,
    ]);
    expect(JSON.parse(stdout).totals).toMatchObject({ readings: "3", production_wh: "4200" });
  });

  it("refuses a batch from an account that is no participant, at the door", async () => {
    const reading = await signReading(keys[LOAD]!, chain.chainId, { meterId: LOAD, period: period - 7n, wh: 1 });
    // The dev "validator" account runs a validator but is no participant: the door lets it send
    // staking messages only, so the batch never reaches x/delivery.
    const validator = await connect(chain.accounts.validator.mnemonic);
    try {
      await expect(validator.submitReadings(chain.accounts.validator.address, [reading])).rejects.toMatchObject({ codespace: "balancing" });
    } finally {
      validator.disconnect();
    }
  });
});
