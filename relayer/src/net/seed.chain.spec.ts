/**
 * seedChain against a real gridd node: a one-chain topology with a bank, a prosumer, a producer
 * that also trades, a consumer and a pure producer is planned, started and seeded twice. The
 * first run reaches the demo state; the second finds it and sends nothing. The x/fiat
 * invariants (DESIGN.md §6) are checked through queries afterwards.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  EnergyCategory,
  FIAT_SETTLEMENT_ACCOUNT,
  GridledgerClient,
  KeyAlgorithm,
  MeterKind,
  Role,
  Side,
  type Token,
} from "@gridledger/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Gridnet } from "../chain/gridnet.js";
import { initChainHome } from "../chain/home.js";
import { startChain, stopChain, waitForBlocks } from "../chain/node.js";
import { findFreePortBase, testPortBase } from "../chain/ports.js";
import { nodeHome } from "../chain/spec.js";
import type { Log } from "../log.js";
import { defaultBinary } from "../paths.js";
import { checkTopology } from "../topology/load.js";
import { planNetwork, type PlannedChain } from "../topology/plan.js";
import { devMeterKey, SEED_LEGAL_FRAMEWORK, seedChain, type SeedSummary } from "./seed.js";

const DENOM = "uchf.seed";

function topology(portBase: number) {
  return checkTopology(
    {
      name: "seed-test",
      portBase,
      blockTime: "500ms",
      chains: [
        {
          name: "seedvalley",
          chainId: "gridledger-seedvalley-1",
          level: "local",
          periodSeconds: 900,
          gridOperator: "valley-op",
          banks: [{ account: "seed-bank", denom: DENOM, displayDenom: "chf.seed", currency: "CHF", fee: { basisPoints: 5 }, reserve: "10000000000" }],
          participants: [
            {
              account: "sunny",
              legalId: "12XSUNNY-TEST--P",
              displayName: "Sunny Solar Cooperative",
              roles: ["prosumer"],
              meters: [
                { id: "sunny-pv-1", kind: "production", category: "solar", gridNode: "valley-substation-1", co2GramsPerMwh: 41000 },
                { id: "sunny-load-1", kind: "consumption", gridNode: "valley-substation-1" },
              ],
              fiat: "500000000",
            },
            {
              account: "dam-trading",
              legalId: "12XDAMTRADE-TEST",
              displayName: "Dam Hydro Trading",
              roles: ["producer", "trader"],
              tradedCategories: ["hydro"],
              positionLimitWh: "50000000",
              meters: [{ id: "dam-1", kind: "production", category: "hydro", gridNode: "dam-380kv", area: "alps" }],
              fiat: "1000000000",
              settlementDeposit: "100000000",
            },
            {
              account: "school",
              legalId: "12XSCHOOL-TEST-C",
              displayName: "Valley School",
              roles: ["consumer"],
              meters: [{ id: "school-1", kind: "consumption", gridNode: "valley-substation-1" }],
              fiat: "300000000",
            },
            {
              // Cannot issue: no consumption meter and no virtual meter. Seeding says so and goes on.
              account: "windy",
              legalId: "12XWINDY-TEST--W",
              displayName: "Windy Park",
              roles: ["producer"],
              meters: [{ id: "windy-1", kind: "production", category: "wind", gridNode: "ridge-110kv" }],
            },
          ],
        },
      ],
    },
    "seed test topology",
  );
}

describe("seedChain on a real gridd node", () => {
  let home: string;
  let chain: PlannedChain;
  let gridnet: Gridnet;
  let reader: GridledgerClient;
  const lines: string[] = [];
  const log: Log = (m) => {
    lines.push(m);
    process.stderr.write(`[seed test] ${m}\n`);
  };
  const addr = (name: string) => {
    const a = gridnet.accounts.find((x) => x.name === name);
    if (a === undefined) throw new Error(`no account ${name}`);
    return a.address;
  };
  let first: SeedSummary;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "gridledger-seed-"));
    const portBase = await findFreePortBase(testPortBase(2), { nodes: 2 });
    const plan = planNetwork(topology(portBase), home, defaultBinary());
    chain = plan.chains[0] as PlannedChain;
    gridnet = await initChainHome(chain.spec, { log });
    const nodes = await startChain(chain.spec, { log });
    await waitForBlocks(gridnet.endpoints.rpc, 2, 90_000, { log, home: nodeHome(chain.spec, 0), logFile: nodes[0]?.logFile });
    reader = await GridledgerClient.connect(gridnet.endpoints.rpc);
  });

  afterAll(async () => {
    reader?.disconnect();
    if (chain !== undefined) await stopChain(chain.spec, { log, timeoutMs: 10_000 });
    if (home !== undefined) await rm(home, { recursive: true, force: true });
  });

  /** state is everything seeding may change, read through queries only. */
  async function state() {
    const owners = ["sunny", "dam-trading", "school", "windy", "seed-bank"].map(addr);
    return {
      bank: await reader.query.fiat.bank(DENOM),
      supply: await reader.query.bank.supplyOf(DENOM),
      audit: (await reader.query.fiat.auditTrail(DENOM)).entries,
      participants: (await reader.query.balancing.participants()).participants,
      meters: (await reader.query.balancing.meters()).meters,
      balances: await Promise.all(owners.map((o) => reader.query.bank.balance(o, DENOM))),
      settlement: await Promise.all(owners.map((o) => reader.query.fiat.settlementAccount(o, DENOM))),
      tokens: await Promise.all(owners.map(async (o) => (await reader.query.energy.tokensByOwner(o)).tokens)),
    };
  }

  async function offers(category: EnergyCategory): Promise<Token[]> {
    return (await reader.query.energy.offers({ side: Side.SIDE_CONSUMER, denom: DENOM, category })).tokens;
  }

  it("brings a fresh chain to the demo state", async () => {
    first = await seedChain(chain, gridnet, { log, now: new Date() });
    expect(first.changed).toBe(true);
    expect(first.counts).toMatchObject({ admitted: 4, meters: 5, attestations: 1, mints: 3, deposits: 3, tokens: 4, offers: 4 });
    expect(first.denom).toBe(DENOM);
    expect(first.operator.address).toBe(addr("valley-op"));
    expect(lines.some((l) => l.startsWith("seeding seedvalley: admitting 4 participants"))).toBe(true);
    expect(lines.some((l) => /windy: no offers/.test(l))).toBe(true);

    // Participants with their roles, limits and virtual meters.
    const sunny = await reader.query.balancing.participant(addr("sunny"));
    expect(sunny).toMatchObject({ legalId: "12XSUNNY-TEST--P", displayName: "Sunny Solar Cooperative", roles: [Role.ROLE_PROSUMER] });
    const dam = await reader.query.balancing.participant(addr("dam-trading"));
    expect(dam).toMatchObject({ roles: [Role.ROLE_PRODUCER, Role.ROLE_TRADER], positionLimitWh: 50_000_000n, tradedCategories: [EnergyCategory.ENERGY_CATEGORY_HYDRO] });

    // Physical meters with the dev key, location and audited CO2.
    const pv = await reader.query.balancing.meter("sunny-pv-1");
    expect(pv).toMatchObject({
      owner: addr("sunny"),
      kind: MeterKind.METER_KIND_PRODUCTION,
      category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
      location: { gridNode: "valley-substation-1", area: "seedvalley" },
      keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_SECP256K1,
      co2GramsPerMwh: 41000,
    });
    expect(pv.publicKey).toEqual(devMeterKey("sunny-pv-1").pubkey);
    expect((await reader.query.balancing.meter("dam-1")).location?.area).toBe("alps");
    expect((await reader.query.balancing.meter("school-1")).kind).toBe(MeterKind.METER_KIND_CONSUMPTION);

    // Reserve, mints, balances and settlement accounts (default deposit: half the fiat).
    const bank = await reader.query.fiat.bank(DENOM);
    expect(bank).toMatchObject({ reserve: "10000000000", minted: "1800000000", burned: "0" });
    for (const [name, fiat, deposit] of [["sunny", 500_000_000n, 250_000_000n], ["dam-trading", 1_000_000_000n, 100_000_000n], ["school", 300_000_000n, 150_000_000n]] as const) {
      expect(BigInt((await reader.query.bank.balance(addr(name), DENOM)).amount), `${name} balance`).toBe(fiat - deposit);
      expect(BigInt((await reader.query.fiat.settlementAccount(addr(name), DENOM)).balance), `${name} settlement`).toBe(deposit);
    }

    // Two demo tokens per producer that can issue, consumer sides for sale at the face value.
    const solar = await offers(EnergyCategory.ENERGY_CATEGORY_SOLAR);
    const hydro = await offers(EnergyCategory.ENERGY_CATEGORY_HYDRO);
    expect(solar.map((t) => t.issuer)).toEqual([addr("sunny"), addr("sunny")]);
    expect(hydro.map((t) => t.issuer)).toEqual([addr("dam-trading"), addr("dam-trading")]);
    for (const t of [...solar, ...hydro]) {
      expect(t.terms?.legalFramework).toBe(SEED_LEGAL_FRAMEWORK);
      expect(t.consumer?.ask).toEqual({ forSale: true, pricePerMwh: BigInt(t.faceValuePerMwh?.amount ?? "-1"), denom: DENOM });
      expect(t.producer?.ask?.forSale).toBe(false);
      expect(t.firstPeriod * 900n * 1000n).toBeGreaterThan(Date.now());
    }
    // Sunny's consumer side sits on its consumption meter, the trader's on its virtual meter.
    expect(solar[0]?.consumer?.meterId).toBe("sunny-load-1");
    expect(hydro[0]?.consumer?.meterId).toBe(`virtual:${addr("dam-trading")}:hydro`);
    // The second token follows the first and asks 5 CHF/MWh more.
    const [a, b] = solar as [Token, Token];
    expect(b.firstPeriod).toBe(a.lastPeriod + 1n);
    expect(BigInt(b.consumer?.ask?.pricePerMwh ?? 0n) - BigInt(a.consumer?.ask?.pricePerMwh ?? 0n)).toBe(5_000_000n);
    expect((await reader.query.energy.tokensByOwner(addr("windy"))).tokens).toEqual([]);
  });

  it("changes nothing when run again", async () => {
    const before = await state();
    const height = await reader.getHeight();
    const second = await seedChain(chain, gridnet, { log });
    expect(second.changed).toBe(false);
    expect(second.counts).toEqual({ admitted: 0, meters: 0, attestations: 0, mints: 0, deposits: 0, tokens: 0, offers: 0, transactions: 0 });
    expect(second.participants.every((p) => !p.admitted && p.minted === "0" && p.deposited === "0" && p.offered.length === 0)).toBe(true);
    expect(second.banks).toEqual([{ ...first.banks[0], attested: false, minted: "0" }]);
    await waitForBlocks(gridnet.endpoints.rpc, height + 2, 30_000);
    expect(await state()).toEqual(before);
  });

  it("keeps the x/fiat invariants: supply = minted - burned <= reserve, escrow = sum of settlement accounts", async () => {
    const bank = await reader.query.fiat.bank(DENOM);
    const supply = BigInt((await reader.query.bank.supplyOf(DENOM)).amount);
    expect(supply).toBe(BigInt(bank.minted) - BigInt(bank.burned));
    expect(supply <= BigInt(bank.reserve)).toBe(true);
    let sum = 0n;
    for (const account of gridnet.accounts) {
      for (const acc of (await reader.query.fiat.settlementAccounts(account.address)).accounts) {
        expect(BigInt(acc.locked) <= BigInt(acc.balance)).toBe(true);
        if (acc.denom === DENOM) sum += BigInt(acc.balance);
      }
    }
    expect(BigInt((await reader.query.bank.balance(FIAT_SETTLEMENT_ACCOUNT, DENOM)).amount)).toBe(sum);
  });
});
