/**
 * Reconciliation (seed §3.5.1) on a real gridd node, through @gridledger/client only. The chain has
 * 10-second periods that freeze 5 seconds before they start, a reading window of one period and a
 * small min_market_wh, so a period is reconciled about 20 seconds after it ends.
 *
 * The grid operator publishes a reference price for every category; bob issues a solar token for a
 * near period and sells its consumer side to alice at her load; a data hub submits signed readings:
 * bob's plant produced more than scheduled, carol (who bought nothing) consumed, alice's meter sent
 * nothing. Reconciliation turns each deviation into an imbalance token against the operator: bob's
 * surplus and alice's unused energy at the solar market's average minus 10 %, carol's consumption
 * as energy of category other at the reference price plus 10 %. A participant cannot publish a
 * reference price, nor the operator one for a period that has started. The records are read over
 * gRPC and the REST gateway, and a reference price is signed with stock CosmJS amino signing.
 */
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { sha256 } from "@cosmjs/crypto";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { fromRfc3339WithNanoseconds } from "@cosmjs/tendermint-rpc";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import {
  admitParticipantMsg,
  BECH32_PREFIX,
  createGridledgerAminoTypes,
  createGridledgerRegistry,
  EnergyCategory,
  explainError,
  generated,
  GridledgerClient,
  GridledgerTxError,
  ImbalanceCase,
  ImbalanceEntry,
  KeyAlgorithm,
  type MeterKey,
  meterPublicKey,
  MeteringPointKind,
  MeterKind,
  mintMsg,
  PriceSource,
  publishReferencePriceMsg,
  ReconciliationPhase,
  registerMeterMsg,
  Role,
  Side,
  signReading,
} from "@gridledger/client";
import { startTestChain, type TestChain } from "@gridledger/relayer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHF = "uchf.alpine";
const PERIOD_SECONDS = 10n;
const GATE_CLOSURE_SECONDS = 5n;
const SOLAR = EnergyCategory.ENERGY_CATEGORY_SOLAR;
const OTHER = EnergyCategory.ENERGY_CATEGORY_OTHER;
const explicitFee = { amount: [{ denom: "ugrid", amount: "0" }], gas: "300000" };

const PLANT = "REC-PV-BOB"; // bob's solar plant
const LOAD_A = "REC-LOAD-ALICE"; // alice's connection: sends no reading
const LOAD_C = "REC-LOAD-CAROL"; // carol's connection: consumes without a schedule
const meterKey = (id: string): MeterKey => ({ algorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519, privkey: sha256(new TextEncoder().encode(id)) });

// The figures. Prices are per MWh in base units; odd ones, so that every truncation shows.
const SCHEDULED_WH = 10_000n; // bob's token, its consumer side sold to alice
const ASK = 85_000_007n; // the one trade of the period: the solar market's average
const REFERENCE = 50_000_003n; // the operator's price for every category
const PLANT_WH = 12_501n; // 2,501 Wh over the schedule
const CAROL_WH = 1_001n; // all of it over-consumption
const MARGIN_BPS = 1_000n; // gridd's default n = 10 %
const margin = (average: bigint) => (average * MARGIN_BPS) / 10_000n; // truncated, as the chain
const SOLAR_SURPLUS_PRICE = ASK - margin(ASK); // 76,500,007
const OTHER_DEFICIT_PRICE = REFERENCE + margin(REFERENCE); // 55,000,003
/** receivable is Wh × price / 1,000,000 truncated toward zero, negative when the participant pays. */
const receivable = (wh: bigint, price: bigint, pays: boolean) => ((pays ? -1n : 1n) * wh * price) / 1_000_000n;

describe("reconciliation on a real gridd node with 10-second periods", () => {
  let chain: TestChain;
  let reader: GridledgerClient;
  const clients: GridledgerClient[] = [];
  const addr: Record<string, string> = {};
  let period: bigint; // the reconciled period

  async function connect(name: string): Promise<GridledgerClient> {
    const account = chain.accounts[name];
    if (account === undefined) throw new Error(`no account ${name}`);
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(account.mnemonic, { prefix: BECH32_PREFIX });
    const client = await GridledgerClient.connectWithSigner(chain.rpc, wallet, { broadcastPollIntervalMs: 250 });
    clients.push(client);
    return client;
  }

  /** blockTime is the latest block's time in Unix seconds: the chain's clock, not this machine's. */
  async function blockTime(): Promise<bigint> {
    const block = await reader.stargate.getBlock();
    return BigInt(Math.floor(fromRfc3339WithNanoseconds(block.header.time).getTime() / 1000));
  }

  async function waitForBlockTime(unixSeconds: bigint): Promise<void> {
    const deadline = Date.now() + 60_000;
    while ((await blockTime()) < unixSeconds) {
      if (Date.now() > deadline) throw new Error(`no block reached Unix second ${unixSeconds} within a minute`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const statement = (owner: string) => reader.query.delivery.statement(addr[owner]!, { fromPeriod: period, toPeriod: period });

  beforeAll(async () => {
    chain = await startTestChain({
      name: "recon",
      periodSeconds: Number(PERIOD_SECONDS),
      gateClosureSeconds: Number(GATE_CLOSURE_SECONDS),
      deliveryParams: { readingWindowPeriods: 1, minMarketWh: 1_000 },
      accounts: [{ name: "hub", coins: "1000000000000ugrid" }],
    });
    for (const [name, account] of Object.entries(chain.accounts)) if (account !== undefined) addr[name] = account.address;
    reader = await GridledgerClient.connect(chain.rpc);
  });

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    reader?.disconnect();
    await chain?.stop();
  });

  it("lets only the grid operator publish reference prices, for periods that still trade", async () => {
    const operator = await connect("operator");
    const bob = await connect("bob");
    const bank = await connect("bank");
    const alice = await connect("alice");
    const admit = (name: string, legalId: string, roles: Role[], positionLimitWh: number, tradedCategories: EnergyCategory[] = []) =>
      admitParticipantMsg(addr.operator!, { address: addr[name]!, legalId, displayName: name, roles, positionLimitWh, tradedCategories });
    const meter = async (id: string, owner: string, kind: MeterKind, category?: EnergyCategory) =>
      registerMeterMsg(addr.operator!, {
        id,
        owner: addr[owner]!,
        kind,
        category,
        pointKind: MeteringPointKind.METERING_POINT_KIND_COMPANY,
        location: { area: "CH-ZH" },
        keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519,
        publicKey: await meterPublicKey(meterKey(id)),
      });
    await operator.submit(addr.operator!, [
      // bob's consumer side sits on his virtual solar meter until alice buys it.
      admit("bob", "12X-REC-BOB-0001", [Role.ROLE_PRODUCER, Role.ROLE_TRADER], 1_000_000, [SOLAR]),
      admit("alice", "12X-REC-ALICE-01", [Role.ROLE_CONSUMER], 1_000_000),
      admit("carol", "12X-REC-CAROL-01", [Role.ROLE_CONSUMER], 1_000_000),
      admit("hub", "12X-REC-DATAHUB1", [Role.ROLE_CONSUMER], 0),
      await meter(PLANT, "bob", MeterKind.METER_KIND_PRODUCTION, SOLAR),
      await meter(LOAD_A, "alice", MeterKind.METER_KIND_CONSUMPTION),
      await meter(LOAD_C, "carol", MeterKind.METER_KIND_CONSUMPTION),
    ]);
    await bank.attestReserve(addr.bank!, { denom: CHF, reserve: 1_000_000_000n, statementHash: new Uint8Array(32).fill(1) });
    await bank.submit(addr.bank!, [mintMsg(addr.bank!, { denom: CHF, recipient: addr.alice!, amount: 10_000_000, depositReference: "DEP-ALICE" })]);
    await alice.deposit(addr.alice!, { denom: CHF, amount: 5_000_000 });

    // The first period whose gate is still open a few seconds from now (prices are published
    // only while a period still trades); gas is simulated at the latest block.
    const from = ((await blockTime()) + 5n + GATE_CLOSURE_SECONDS) / PERIOD_SECONDS + 1n;
    await operator.publishReferencePrice(addr.operator!, { fromPeriod: from, pricePerMwh: REFERENCE, denom: CHF });
    const published = await reader.query.delivery.referencePrices();
    expect(published.prices).toEqual([
      // gridnet's genesis prices a local network's imbalances from its first period (relayer/src/chain/genesis.ts).
      { category: EnergyCategory.ENERGY_CATEGORY_UNSPECIFIED, fromPeriod: 0n, pricePerMwh: 80_000_000n, denom: CHF, height: 0n },
      { category: EnergyCategory.ENERGY_CATEGORY_UNSPECIFIED, fromPeriod: from, pricePerMwh: REFERENCE, denom: CHF, height: expect.any(BigInt) as bigint },
    ]);
    await expect(reader.query.delivery.referencePrices({ category: SOLAR })).resolves.toMatchObject({ prices: [] });

    // A participant: refused at simulation, error 20 in x/delivery's words.
    const byBob = bob.publishReferencePrice(addr.bob!, { category: SOLAR, fromPeriod: from + 5n, pricePerMwh: 1, denom: CHF });
    await expect(byBob).rejects.toBeInstanceOf(GridledgerTxError);
    await expect(byBob).rejects.toMatchObject({ phase: "simulate", codespace: "delivery", code: 20, explanation: explainError("delivery", 20) });
    await expect(byBob).rejects.toThrow(`${addr.bob} is not the grid operator: only the grid operator publishes reference prices: only the grid operator may do this`);
    // A period past its gate: with an explicit fee the transaction reaches a block and fails there.
    const past = operator.publishReferencePrice(addr.operator!, { category: SOLAR, fromPeriod: from - 2n, pricePerMwh: 1, denom: CHF }, explicitFee);
    await expect(past).rejects.toMatchObject({ phase: "deliverTx", codespace: "delivery", code: 21, explanation: explainError("delivery", 21) });
    await expect(past).rejects.toThrow(new RegExp(`from_period ${from - 2n} is past its gate closure \\(the current period is \\d+\\): publish for a period that still trades: invalid reference price`));
    // Neither changed anything.
    await expect(reader.query.delivery.referencePrices()).resolves.toEqual(published);
  });

  it("reconciles a period: imbalance tokens against the operator, priced at the average ∓ 10 %, and statements", async () => {
    const bob = await connect("bob");
    const alice = await connect("alice");
    const hub = await connect("hub");

    // The nearest period whose gate closes at least 8 s from now leaves time to issue and sell.
    period = ((await blockTime()) + 8n + GATE_CLOSURE_SECONDS) / PERIOD_SECONDS + 1n;
    const id = await bob.issueToken(addr.bob!, {
      firstPeriod: period,
      lastPeriod: period,
      whPerPeriod: SCHEDULED_WH,
      producerMeterId: PLANT,
      faceValuePerMwh: { denom: CHF, amount: 80_000_000n },
      consumerAsk: { pricePerMwh: ASK, denom: CHF },
    });
    await alice.buySide(addr.alice!, { tokenId: id, side: Side.SIDE_CONSUMER, maxPricePerMwh: ASK, denom: CHF, meterId: LOAD_A });
    await expect(reader.query.energy.averagePrice(period, SOLAR, CHF)).resolves.toMatchObject({ pricePerMwh: ASK, tradedWh: SCHEDULED_WH, trades: 1n });
    await expect(reader.query.delivery.reconciliation(period)).resolves.toMatchObject({
      phase: ReconciliationPhase.RECONCILIATION_PHASE_PENDING,
      windowClosesAt: (period + 2n) * PERIOD_SECONDS,
    });

    // The period ends; its readings are accepted until the next one ends.
    await waitForBlockTime((period + 1n) * PERIOD_SECONDS);
    const sign = (meterId: string, wh: bigint) => signReading(meterKey(meterId), chain.chainId, { meterId, period, wh });
    const submitted = await hub.submitReadings(addr.hub!, [await sign(PLANT, PLANT_WH), await sign(LOAD_C, CAROL_WH)]);
    expect(submitted).toMatchObject({ accepted: 2, refused: 0 });
    await expect(reader.query.delivery.reconciliation(period)).resolves.toMatchObject({
      phase: ReconciliationPhase.RECONCILIATION_PHASE_READING_WINDOW,
      record: { tokens: 0n },
    });
    await expect(statement("bob")).resolves.toMatchObject({ entries: [] });

    await expect
      .poll(async () => (await reader.query.delivery.reconciliation(period)).phase, { timeout: 45_000, interval: 250 })
      .toBe(ReconciliationPhase.RECONCILIATION_PHASE_RECONCILED);
    const { record } = await reader.query.delivery.reconciliation(period);
    expect(record).toMatchObject({ period, meters: 3n, missingReadings: 1n, tokens: 3n });
    expect(record.items).toBeGreaterThan(0n);
    expect(record.reconciledHeight).toBeGreaterThanOrEqual(record.startedHeight);
    expect(record.categories).toEqual([
      {
        category: SOLAR,
        surplusWh: PLANT_WH - SCHEDULED_WH + SCHEDULED_WH, // bob's 2,501 Wh and alice's 10,000
        deficitWh: 0n,
        source: PriceSource.PRICE_SOURCE_MARKET,
        averagePricePerMwh: ASK,
        surplusPricePerMwh: SOLAR_SURPLUS_PRICE,
        deficitPricePerMwh: ASK + margin(ASK),
        denom: CHF,
        marketWh: SCHEDULED_WH,
        // The balancing authority's remuneration: the margin on every Wh it took or supplied.
        balancingFee: ((PLANT_WH - SCHEDULED_WH + SCHEDULED_WH) * (ASK - SOLAR_SURPLUS_PRICE) / 1_000_000n).toString(),
      },
      {
        category: OTHER,
        surplusWh: 0n,
        deficitWh: CAROL_WH,
        source: PriceSource.PRICE_SOURCE_REFERENCE,
        averagePricePerMwh: REFERENCE,
        surplusPricePerMwh: REFERENCE - margin(REFERENCE),
        deficitPricePerMwh: OTHER_DEFICIT_PRICE,
        denom: CHF,
        marketWh: 0n,
        balancingFee: ((CAROL_WH * (OTHER_DEFICIT_PRICE - REFERENCE)) / 1_000_000n).toString(),
      },
    ]);
    const progress = await reader.query.delivery.reconciliationProgress();
    expect(progress.started).toBe(true);
    expect(progress.progress.nextPeriod).toBeGreaterThan(period);

    // One statement line per imbalance token, the receivable truncated toward zero.
    const line = (owner: string, meterId: string, category: EnergyCategory, imbalanceCase: ImbalanceCase, wh: bigint, price: bigint, source: PriceSource, pays: boolean) => ({
      owner: addr[owner],
      period,
      meterId,
      category,
      imbalanceCase,
      wh,
      pricePerMwh: price,
      denom: CHF,
      source,
      receivable: receivable(wh, price, pays).toString(),
    });
    const bobLine = line("bob", PLANT, SOLAR, ImbalanceCase.IMBALANCE_CASE_OVER_PRODUCTION, PLANT_WH - SCHEDULED_WH, SOLAR_SURPLUS_PRICE, PriceSource.PRICE_SOURCE_MARKET, false);
    const aliceLine = line("alice", LOAD_A, SOLAR, ImbalanceCase.IMBALANCE_CASE_UNDER_CONSUMPTION, SCHEDULED_WH, SOLAR_SURPLUS_PRICE, PriceSource.PRICE_SOURCE_MARKET, false);
    const carolLine = line("carol", LOAD_C, OTHER, ImbalanceCase.IMBALANCE_CASE_OVER_CONSUMPTION, CAROL_WH, OTHER_DEFICIT_PRICE, PriceSource.PRICE_SOURCE_REFERENCE, true);
    // The figures spelled out: 2,501 × 76.500007 = 191,326.5175..., 1,001 × 55.000003 = 55,055.003...
    expect([bobLine.receivable, aliceLine.receivable, carolLine.receivable]).toEqual(["191326", "765000", "-55055"]);
    const entries: Record<string, ImbalanceEntry> = {};
    for (const [name, expected] of [["bob", bobLine], ["alice", aliceLine], ["carol", carolLine]] as const) {
      const page = await statement(name);
      expect(page.entries, `${name}'s statement`).toEqual([{ ...expected, tokenId: expect.any(BigInt) as bigint }]);
      entries[name] = page.entries[0]!;
    }
    await expect(statement("hub")).resolves.toMatchObject({ entries: [] });
    await expect(reader.query.delivery.statement(addr.bob!, { fromPeriod: period + 1n })).resolves.toMatchObject({ entries: [] });

    // The imbalance tokens: delivered in the period, against the operator's virtual meters.
    const authority = (category: string) => ({ owner: addr.operator, meterId: `virtual:${addr.operator}:${category}` });
    const ids = Object.values(entries).map((e) => e.tokenId);
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((i) => i > id)).toBe(true);
    const token = (name: string) => reader.query.energy.token(entries[name]!.tokenId);
    const common = { issuer: addr.operator, firstPeriod: period, lastPeriod: period };
    await expect(token("bob")).resolves.toMatchObject({
      ...common,
      imbalance: ImbalanceCase.IMBALANCE_CASE_OVER_PRODUCTION,
      whPerPeriod: PLANT_WH - SCHEDULED_WH,
      category: SOLAR,
      faceValuePerMwh: { amount: SOLAR_SURPLUS_PRICE.toString(), denom: CHF },
      producer: { owner: addr.bob, meterId: PLANT },
      consumer: authority("solar"),
    });
    await expect(token("alice")).resolves.toMatchObject({
      ...common,
      imbalance: ImbalanceCase.IMBALANCE_CASE_UNDER_CONSUMPTION,
      whPerPeriod: SCHEDULED_WH,
      producer: { owner: addr.alice, meterId: LOAD_A },
      consumer: authority("solar"),
    });
    await expect(token("carol")).resolves.toMatchObject({
      ...common,
      imbalance: ImbalanceCase.IMBALANCE_CASE_OVER_CONSUMPTION,
      whPerPeriod: CAROL_WH,
      category: OTHER,
      faceValuePerMwh: { amount: OTHER_DEFICIT_PRICE.toString(), denom: CHF },
      producer: authority("other"),
      consumer: { owner: addr.carol, meterId: LOAD_C },
    });
    // The market token itself is no imbalance token.
    await expect(reader.query.energy.token(id)).resolves.toMatchObject({ imbalance: ImbalanceCase.IMBALANCE_CASE_UNSPECIFIED });
  });

  it("serves the reconciliation and a statement over the REST gateway as over gRPC", async () => {
    const get = async (path: string): Promise<unknown> => {
      const res = await fetch(`${chain.rest}${path}`);
      expect(res.status, path).toBe(200);
      return res.json();
    };
    const rest = (await get(`/gridledger/delivery/v1/periods/${period}/reconciliation`)) as { phase: string; record: { tokens: string } };
    expect(rest).toMatchObject({ phase: "RECONCILIATION_PHASE_RECONCILED", record: { tokens: "3" } });
    const grpc = await reader.query.delivery.reconciliation(period);
    expect(generated.delivery.query.QueryReconciliationResponse.fromJSON(rest)).toEqual(grpc);

    const page = (await get(`/gridledger/delivery/v1/statements/${addr.carol}?from_period=${period}&to_period=${period}`)) as { entries: unknown[] };
    expect(page.entries).toEqual([
      expect.objectContaining({ meter_id: LOAD_C, imbalance_case: "IMBALANCE_CASE_OVER_CONSUMPTION", receivable: "-55055", price_per_mwh: OTHER_DEFICIT_PRICE.toString() }),
    ]);
    expect(page.entries.map((e) => ImbalanceEntry.fromJSON(e))).toEqual((await statement("carol")).entries);
    // Statements page by key only: an offset is refused with the chain's sentence.
    const offset = await fetch(`${chain.rest}/gridledger/delivery/v1/statements/${addr.carol}?pagination.offset=1`);
    expect(offset.ok).toBe(false);
    expect(await offset.text()).toMatch(/statements page by key only, oldest first/);
  });

  it("accepts a reference price signed with stock CosmJS amino signing", async () => {
    const wallet = await Secp256k1HdWallet.fromMnemonic(chain.accounts.operator.mnemonic, { prefix: BECH32_PREFIX });
    const registry = createGridledgerRegistry();
    const stock = await SigningStargateClient.connectWithSigner(chain.rpc, wallet, {
      registry,
      aminoTypes: createGridledgerAminoTypes(registry),
      gasPrice: GasPrice.fromString("0ugrid"),
      broadcastPollIntervalMs: 250,
    });
    try {
      const from = ((await blockTime()) + 5n + GATE_CLOSURE_SECONDS) / PERIOD_SECONDS + 1n;
      const msg = publishReferencePriceMsg(addr.operator!, { category: EnergyCategory.ENERGY_CATEGORY_WIND, fromPeriod: from, pricePerMwh: -5_000_000, denom: CHF });
      const result = await stock.signAndBroadcast(addr.operator!, [msg], "auto", "amino-signed reference price");
      expect(result.code, result.rawLog).toBe(0);
      const { prices } = await reader.query.delivery.referencePrices({ category: EnergyCategory.ENERGY_CATEGORY_WIND });
      expect(prices).toEqual([
        { category: EnergyCategory.ENERGY_CATEGORY_WIND, fromPeriod: from, pricePerMwh: -5_000_000n, denom: CHF, height: BigInt(result.height) },
      ]);
      // The chain verified an amino JSON signature, not a direct one.
      const tx = await reader.stargate.getTx(result.transactionHash);
      const authInfo = AuthInfo.decode(TxRaw.decode(tx!.tx).authInfoBytes);
      expect(authInfo.signerInfos[0]?.modeInfo?.single?.mode).toBe(SignMode.SIGN_MODE_LEGACY_AMINO_JSON);
    } finally {
      stock.disconnect();
    }
  });
});
