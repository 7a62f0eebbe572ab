/**
 * x/settlement through clients nobody on the team wrote, as an integrator would use them, against
 * one gridd node with 10-second periods (reading window one period, fee window gridd's 4):
 * bob sells the consumer side of a solar token to alice, a data hub submits both readings, and
 * the chain settles the period.
 *
 * - stock CosmJS: a SigningStargateClient whose Registry and AminoTypes are built only from what
 *   @gridledger/client exports for integrators (settlementTypes, createSettlementAminoConverters,
 *   the generated Msg types), the operator signing MsgDeclareTransmissionCost and
 *   MsgSetSecurityFeeRule in SIGN_MODE_DIRECT and in amino JSON; bob refused with x/settlement's
 *   registered error text in the raw log;
 * - grpcurl through gRPC server reflection (installed by scripts/grpcurl.sh): list shows
 *   settlement's Query and Msg services, describe works, and Progress, Statement and Debts answer
 *   what @gridledger/client reads;
 * - plain HTTP on the REST gateway: every x/settlement query route answers 200 with JSON, bad
 *   input 400 and a missing record 404, each with the chain's sentence;
 * - x/interchain's cross-grid surface: MsgCancelRemote and MsgUpdateParams through reflection,
 *   PurchasesByBuyer and Params over grpcurl and REST as @gridledger/client reads them.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { sha256 } from "@cosmjs/crypto";
import { DirectSecp256k1HdWallet, type OfflineSigner, Registry } from "@cosmjs/proto-signing";
import { AminoTypes, createDefaultAminoConverters, defaultRegistryTypes, GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { fromRfc3339WithNanoseconds } from "@cosmjs/tendermint-rpc";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import {
  admitParticipantMsg,
  BECH32_PREFIX,
  ChargeKind,
  createSettlementAminoConverters,
  EnergyCategory,
  generated,
  GridledgerClient,
  KeyAlgorithm,
  type MeterKey,
  meterPublicKey,
  MeteringPointKind,
  MeterKind,
  mintMsg,
  MsgDeclareTransmissionCost,
  msgDeclareTransmissionCostTypeUrl,
  MsgSetSecurityFeeRule,
  msgSetSecurityFeeRuleTypeUrl,
  registerMeterMsg,
  Role,
  SecurityFeeMethod,
  type SettlementRun,
  settlementTypes,
  Side,
  signReading,
} from "@gridledger/client";
import { startTestChain, type TestChain } from "@gridledger/relayer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHF = "uchf.alpine";
const PERIOD_SECONDS = 10n;
const GATE_CLOSURE_SECONDS = 5n;
const SOLAR = EnergyCategory.ENERGY_CATEGORY_SOLAR;
const PLANT = "STOCK-PV-BOB";
const LOAD = "STOCK-LOAD-ALICE";
const SCHEDULED_WH = 10_000n;
const FACE_PER_MWH = 80_000_000n;
const FACE_VALUE = (FACE_PER_MWH * SCHEDULED_WH) / 1_000_000n;
const ASK = 85_000_007n;
const explicitFee = { amount: [{ denom: "ugrid", amount: "0" }], gas: "300000" };
const meterKey = (id: string): MeterKey => ({ algorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519, privkey: sha256(new TextEncoder().encode(id)) });
const REPO = join(import.meta.dirname, "..", "..");

/** The integrator's registry and amino types: CosmJS's defaults plus x/settlement's, nothing of gridledger's client class. */
const integratorRegistry = () => new Registry([...defaultRegistryTypes, ...settlementTypes]);
const integratorAminoTypes = () => new AminoTypes({ ...createDefaultAminoConverters(), ...createSettlementAminoConverters() });

describe("x/settlement through stock clients (CosmJS, grpcurl, plain HTTP) on a real gridd node", () => {
  let chain: TestChain;
  let reader: GridledgerClient;
  let grpcurlBin: string;
  const clients: GridledgerClient[] = [];
  const stock: SigningStargateClient[] = [];
  const addr: Record<string, string> = {};
  let period: bigint; // the settled period

  async function connect(name: string): Promise<GridledgerClient> {
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(chain.accounts[name]!.mnemonic, { prefix: BECH32_PREFIX });
    const client = await GridledgerClient.connectWithSigner(chain.rpc, wallet, { broadcastPollIntervalMs: 250 });
    clients.push(client);
    return client;
  }

  /** stockClient is a plain SigningStargateClient for an account, direct or amino signing. */
  async function stockClient(name: string, mode: "direct" | "amino"): Promise<SigningStargateClient> {
    const mnemonic = chain.accounts[name]!.mnemonic;
    const signer: OfflineSigner =
      mode === "direct"
        ? await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: BECH32_PREFIX })
        : await Secp256k1HdWallet.fromMnemonic(mnemonic, { prefix: BECH32_PREFIX });
    const client = await SigningStargateClient.connectWithSigner(chain.rpc, signer, {
      registry: integratorRegistry(),
      aminoTypes: integratorAminoTypes(),
      gasPrice: GasPrice.fromString("0ugrid"),
      broadcastPollIntervalMs: 250,
    });
    stock.push(client);
    return client;
  }

  /** signMode is the mode the chain verified a transaction's first signature in. */
  async function signMode(hash: string): Promise<SignMode | undefined> {
    const tx = await reader.stargate.getTx(hash);
    return AuthInfo.decode(TxRaw.decode(tx!.tx).authInfoBytes).signerInfos[0]?.modeInfo?.single?.mode;
  }

  async function blockTime(): Promise<bigint> {
    const block = await reader.stargate.getBlock();
    return BigInt(Math.floor(fromRfc3339WithNanoseconds(block.header.time).getTime() / 1000));
  }

  /** grpcurl runs the stock grpcurl against the node's gRPC port (plaintext, server reflection). */
  function grpcurl(...verb: string[]): string {
    return execFileSync(grpcurlBin, ["-plaintext", chain.grpc, ...verb], { encoding: "utf8", timeout: 30_000, stdio: ["ignore", "pipe", "pipe"] });
  }
  function grpcurlCall(method: string, request: object): unknown {
    return JSON.parse(execFileSync(grpcurlBin, ["-plaintext", "-d", JSON.stringify(request), chain.grpc, method], { encoding: "utf8", timeout: 30_000, stdio: ["ignore", "pipe", "pipe"] }));
  }

  const rest = (path: string) => fetch(`${chain.rest}/gridledger/settlement/v1/${path}`, { signal: AbortSignal.timeout(10_000) });

  beforeAll(async () => {
    // The tool first (idempotent; a Go build the first time), then the chain.
    grpcurlBin = execFileSync("bash", [join(REPO, "scripts", "grpcurl.sh")], { encoding: "utf8", timeout: 590_000 }).trim();
    chain = await startTestChain({
      name: "stock",
      periodSeconds: Number(PERIOD_SECONDS),
      gateClosureSeconds: Number(GATE_CLOSURE_SECONDS),
      deliveryParams: { readingWindowPeriods: 1, minMarketWh: 1_000 },
      accounts: [{ name: "hub", coins: "1000000000000ugrid" }],
    });
    for (const [name, account] of Object.entries(chain.accounts)) if (account !== undefined) addr[name] = account.address;
    reader = await GridledgerClient.connect(chain.rpc);
    const [operator, bank, alice] = await Promise.all([connect("operator"), connect("bank"), connect("alice")]);
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
    const admit = (name: string, legalId: string, roles: Role[], tradedCategories: EnergyCategory[] = []) =>
      admitParticipantMsg(addr.operator!, { address: addr[name]!, legalId, displayName: name, roles, positionLimitWh: 1_000_000, tradedCategories });
    await operator.submit(addr.operator!, [
      admit("bob", "12X-STK-BOB-001", [Role.ROLE_PRODUCER, Role.ROLE_TRADER], [SOLAR]),
      admit("alice", "12X-STK-ALICE-1", [Role.ROLE_CONSUMER]),
      admit("hub", "12X-STK-DATAHUB", [Role.ROLE_CONSUMER]),
      await meter(PLANT, "bob", MeterKind.METER_KIND_PRODUCTION, SOLAR),
      await meter(LOAD, "alice", MeterKind.METER_KIND_CONSUMPTION),
    ]);
    await bank.attestReserve(addr.bank!, { denom: CHF, reserve: 1_000_000_000n, statementHash: new Uint8Array(32).fill(1) });
    await bank.submit(addr.bank!, [mintMsg(addr.bank!, { denom: CHF, recipient: addr.alice!, amount: 10_000_000, depositReference: "DEP-ALICE" })]);
    await alice.deposit(addr.alice!, { denom: CHF, amount: 5_000_000 });
  }, 600_000); // grpcurl's first build from the Go module proxy takes a few minutes

  afterAll(async () => {
    for (const c of stock) c.disconnect();
    for (const c of clients) c.disconnect();
    reader?.disconnect();
    await chain?.stop();
  });

  it("takes the operator's settlement acts from a stock SigningStargateClient, direct and amino, and refuses a stranger's in the raw log", async () => {
    const [bob, alice, hub] = await Promise.all([connect("bob"), connect("alice"), connect("hub")]);
    period = ((await blockTime()) + 6n + GATE_CLOSURE_SECONDS) / PERIOD_SECONDS + 1n;
    const id = await bob.issueToken(addr.bob!, {
      firstPeriod: period,
      lastPeriod: period,
      whPerPeriod: SCHEDULED_WH,
      producerMeterId: PLANT,
      faceValuePerMwh: { denom: CHF, amount: FACE_PER_MWH },
      consumerAsk: { pricePerMwh: ASK, denom: CHF },
    });
    await alice.buySide(addr.alice!, { tokenId: id, side: Side.SIDE_CONSUMER, maxPricePerMwh: ASK, denom: CHF, meterId: LOAD });
    while ((await blockTime()) < (period + 1n) * PERIOD_SECONDS) await new Promise((r) => setTimeout(r, 200));
    const readings = await Promise.all([
      signReading(meterKey(PLANT), chain.chainId, { meterId: PLANT, period, wh: SCHEDULED_WH }),
      signReading(meterKey(LOAD), chain.chainId, { meterId: LOAD, period, wh: SCHEDULED_WH }),
    ]);
    expect(await hub.submitReadings(addr.hub!, readings)).toMatchObject({ accepted: 2, refused: 0 });

    // The messages as an integrator writes them: generated types, type URLs, no helper.
    const declare = (amount: string, description: string) => ({
      typeUrl: msgDeclareTransmissionCostTypeUrl,
      value: MsgDeclareTransmissionCost.fromPartial({ operator: addr.operator, period, amount, denom: CHF, lossesWh: 250n, description }),
    });
    // A rule that starts far beyond this test's periods, so it charges nothing here.
    const far = period + 100_000n;
    const rule = (amount: string, method: SecurityFeeMethod) => ({
      typeUrl: msgSetSecurityFeeRuleTypeUrl,
      value: MsgSetSecurityFeeRule.fromPartial({ operator: addr.operator, rule: { method, intervalPeriods: 96n, amount, denom: CHF, fromPeriod: far } }),
    });

    const direct = await stockClient("operator", "direct");
    const d1 = await direct.signAndBroadcast(addr.operator!, [declare("1000000", "direct-signed")], "auto");
    expect(d1.code, d1.rawLog).toBe(0);
    expect(await signMode(d1.transactionHash)).toBe(SignMode.SIGN_MODE_DIRECT);
    await expect(reader.query.settlement.transmissionCost(period)).resolves.toMatchObject({ amount: "1000000", description: "direct-signed", height: BigInt(d1.height) });
    const d2 = await direct.signAndBroadcast(addr.operator!, [rule("5000", SecurityFeeMethod.SECURITY_FEE_METHOD_CONSUMPTION)], "auto");
    expect(d2.code, d2.rawLog).toBe(0);
    await expect(reader.query.settlement.securityFeeRule()).resolves.toEqual({
      method: SecurityFeeMethod.SECURITY_FEE_METHOD_CONSUMPTION,
      intervalPeriods: 96n,
      amount: "5000",
      denom: CHF,
      fromPeriod: far,
    });

    const amino = await stockClient("operator", "amino");
    const a1 = await amino.signAndBroadcast(addr.operator!, [declare("1230000", "amino-signed")], "auto", "amino JSON");
    expect(a1.code, a1.rawLog).toBe(0);
    expect(await signMode(a1.transactionHash)).toBe(SignMode.SIGN_MODE_LEGACY_AMINO_JSON);
    await expect(reader.query.settlement.transmissionCost(period)).resolves.toMatchObject({ amount: "1230000", lossesWh: 250n, description: "amino-signed" });
    const a2 = await amino.signAndBroadcast(addr.operator!, [rule("7000", SecurityFeeMethod.SECURITY_FEE_METHOD_FIXED)], "auto", "amino JSON");
    expect(a2.code, a2.rawLog).toBe(0);
    expect(await signMode(a2.transactionHash)).toBe(SignMode.SIGN_MODE_LEGACY_AMINO_JSON);
    await expect(reader.query.settlement.securityFeeRule()).resolves.toMatchObject({ method: SecurityFeeMethod.SECURITY_FEE_METHOD_FIXED, amount: "7000", fromPeriod: far });

    // Bob is not the operator: with an explicit fee his transactions reach a block and fail there,
    // in both modes, with x/settlement's registered error (code 5, "only the grid operator may do this") in the raw log.
    for (const mode of ["direct", "amino"] as const) {
      const stranger = await stockClient("bob", mode);
      const msgs = [
        { ...declare("1", "stranger"), value: { ...declare("1", "stranger").value, operator: addr.bob } },
        { ...rule("1", SecurityFeeMethod.SECURITY_FEE_METHOD_FIXED), value: { ...rule("1", SecurityFeeMethod.SECURITY_FEE_METHOD_FIXED).value, operator: addr.bob } },
      ];
      const [costRefused, ruleRefused] = [
        await stranger.signAndBroadcast(addr.bob!, [msgs[0]!], explicitFee),
        await stranger.signAndBroadcast(addr.bob!, [msgs[1]!], explicitFee),
      ];
      // Code 5 of x/settlement (CosmJS's DeliverTxResponse carries no codespace: the raw log names the error).
      expect(costRefused.code).toBe(5);
      expect(costRefused.rawLog).toContain(`${addr.bob} is not the grid operator: only the grid operator declares transmission costs: only the grid operator may do this`);
      expect(ruleRefused.code).toBe(5);
      expect(ruleRefused.rawLog).toContain(`${addr.bob} is not the grid operator: only the grid operator sets the security-of-supply fee rule: only the grid operator may do this`);
      if (mode === "amino") expect(await signMode(ruleRefused.transactionHash)).toBe(SignMode.SIGN_MODE_LEGACY_AMINO_JSON);
    }
    // Nothing of bob's changed anything.
    await expect(reader.query.settlement.transmissionCost(period)).resolves.toMatchObject({ amount: "1230000", description: "amino-signed" });
    await expect(reader.query.settlement.securityFeeRule()).resolves.toMatchObject({ amount: "7000" });

    // The chain settles the period: alice pays the face value and the amino-declared cost.
    let run: SettlementRun | undefined;
    await expect
      .poll(
        async () => {
          run = await reader.query.settlement.run(period).catch(() => undefined);
          return run?.done ?? false;
        },
        { timeout: 180_000, interval: 1_000 },
      )
      .toBe(true);
    expect(run).toMatchObject({ tokens: 1n, postponed: 0n, defaults: 0n });
    const aliceNet = (await reader.query.settlement.statement(addr.alice!, { fromPeriod: period, toPeriod: period })).nets[0];
    const payable = FACE_VALUE + 1_230_000n;
    expect(aliceNet).toMatchObject({ gross: { denom: CHF, payable: payable.toString(), receivable: "0" }, paid: payable.toString() });
  });

  it("lists, describes and answers x/settlement through grpcurl and server reflection as through @gridledger/client", () => {
    const services = grpcurl("list").split("\n");
    expect(services).toEqual(expect.arrayContaining(["gridledger.settlement.v1.Query", "gridledger.settlement.v1.Msg", "cosmos.tx.v1beta1.Service"]));
    expect(grpcurl("list", "gridledger.settlement.v1.Msg").split("\n").filter(Boolean)).toEqual([
      "gridledger.settlement.v1.Msg.DeclareTransmissionCost",
      "gridledger.settlement.v1.Msg.SeizeCollateral",
      "gridledger.settlement.v1.Msg.SetCollateralRequirement",
      "gridledger.settlement.v1.Msg.SetSecurityFeeRule",
      "gridledger.settlement.v1.Msg.UpdateParams",
    ]);
    expect(grpcurl("list", "gridledger.settlement.v1.Query")).toContain("gridledger.settlement.v1.Query.Statement");
    expect(grpcurl("describe", "gridledger.settlement.v1.Query.Statement")).toMatch(
      /rpc Statement \( \.gridledger\.settlement\.v1\.QueryStatementRequest \) returns \( \.gridledger\.settlement\.v1\.QueryStatementResponse \)/,
    );
    expect(grpcurl("describe", "gridledger.settlement.v1.Msg")).toMatch(/rpc DeclareTransmissionCost \( \.gridledger\.settlement\.v1\.MsgDeclareTransmissionCost \)/);
    const described = grpcurl("describe", "gridledger.settlement.v1.MsgSetSecurityFeeRule");
    expect(described).toContain('option (.amino.name) = "gridledger/MsgSetSecurityFeeRule";');
    expect(described).toContain('option (.cosmos.msg.v1.signer) = "operator";');
    // A Msg is no gRPC call: reflection shows it, calling it says how to send it.
    let refusal = "";
    try {
      grpcurlCall("gridledger.settlement.v1.Msg/DeclareTransmissionCost", {});
    } catch (err) {
      refusal = String((err as { stderr?: string }).stderr);
    }
    expect(refusal).toContain("Code: Unimplemented");
    expect(refusal).toContain("gridledger.settlement.v1.Msg/DeclareTransmissionCost is a transaction message, not a gRPC call: put it in a signed transaction and broadcast that with cosmos.tx.v1beta1.Service/BroadcastTx");
  });

  it("answers Progress, Statement and Debts over grpcurl exactly as @gridledger/client reads them", async () => {
    const q = generated.settlement.query;
    const progress = grpcurlCall("gridledger.settlement.v1.Query/Progress", {});
    expect(q.QueryProgressResponse.fromJSON(progress)).toEqual(await reader.query.settlement.progress());
    for (const owner of ["alice", "bob"]) {
      const body = grpcurlCall("gridledger.settlement.v1.Query/Statement", { owner: addr[owner], from_period: period.toString(), to_period: period.toString() });
      const statement = q.QueryStatementResponse.fromJSON(body);
      expect(statement, owner).toEqual(await reader.query.settlement.statement(addr[owner]!, { fromPeriod: period, toPeriod: period }));
      expect(statement.lines.length, owner).toBeGreaterThan(0);
    }
    const bobEnergy = q.QueryStatementResponse.fromJSON(
      grpcurlCall("gridledger.settlement.v1.Query/Statement", { owner: addr.bob, from_period: period.toString(), to_period: period.toString() }),
    ).lines.find((l) => l.kind === ChargeKind.CHARGE_KIND_ENERGY);
    expect(bobEnergy?.amounts).toEqual({ denom: CHF, payable: "0", receivable: FACE_VALUE.toString() });
    const debts = grpcurlCall("gridledger.settlement.v1.Query/Debts", { pagination: { limit: "10" } });
    expect(q.QueryDebtsResponse.fromJSON(debts)).toEqual(await reader.query.settlement.debts({ limit: 10 }));
  });

  it("lists x/interchain's CancelRemote and UpdateParams over grpcurl and answers PurchasesByBuyer and Params over grpcurl and REST as @gridledger/client does", async () => {
    const msgs = grpcurl("list", "gridledger.interchain.v1.Msg").split("\n").filter(Boolean);
    expect(msgs).toEqual(expect.arrayContaining(["gridledger.interchain.v1.Msg.CancelRemote", "gridledger.interchain.v1.Msg.UpdateParams"]));
    const cancel = grpcurl("describe", "gridledger.interchain.v1.MsgCancelRemote");
    expect(cancel).toContain('option (.amino.name) = "gridledger/interchain/MsgCancelRemote";');
    expect(cancel).toContain('option (.cosmos.msg.v1.signer) = "operator";');
    const update = grpcurl("describe", "gridledger.interchain.v1.MsgUpdateParams");
    expect(update).toContain('option (.amino.name) = "gridledger/interchain/MsgUpdateParams";');
    expect(update).toContain('option (.cosmos.msg.v1.signer) = "authority";');
    expect(grpcurl("describe", "gridledger.interchain.v1.Query.PurchasesByBuyer")).toMatch(
      /rpc PurchasesByBuyer \( \.gridledger\.interchain\.v1\.QueryPurchasesByBuyerRequest \) returns \( \.gridledger\.interchain\.v1\.QueryPurchasesByBuyerResponse \)/,
    );

    // alice bought nothing across grids: an empty page, the same over grpcurl, REST and the client.
    const q = generated.interchain.query;
    const ic = reader.query.interchain;
    const mine = await ic.purchasesByBuyer(addr.alice!);
    expect(mine.purchases).toEqual([]);
    expect(q.QueryPurchasesByBuyerResponse.fromJSON(grpcurlCall("gridledger.interchain.v1.Query/PurchasesByBuyer", { buyer: addr.alice, pagination: { limit: "5" } })).purchases).toEqual([]);
    const restIc = (path: string) => fetch(`${chain.rest}/gridledger/interchain/v1/${path}`, { signal: AbortSignal.timeout(10_000) });
    const listed = await restIc(`buyers/${addr.alice}/purchases?pagination.reverse=true&pagination.limit=500`);
    expect(listed.status, await listed.clone().text()).toBe(200);
    expect(q.QueryPurchasesByBuyerResponse.fromJSON(await listed.json()).purchases).toEqual([]);
    const badBuyer = await restIc("buyers/grid1nope/purchases");
    const badText = await badBuyer.text();
    expect(badBuyer.status, badText).toBe(400);
    expect((JSON.parse(badText) as { message: string }).message).toMatch(/^codespace interchain code 3: invalid request: buyer "grid1nope" is not an address/);
    const params = await restIc("params");
    expect(params.status).toBe(200);
    expect(q.QueryParamsResponse.fromJSON(await params.json()).params).toEqual(await ic.params());
    expect(q.QueryParamsResponse.fromJSON(grpcurlCall("gridledger.interchain.v1.Query/Params", {})).params).toEqual(await ic.params());
  });

  it("answers every x/settlement REST route with JSON, bad input with 400 and a missing record with 404", async () => {
    const ok = async (path: string): Promise<unknown> => {
      const res = await rest(path);
      expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/^application\/json/);
      return res.json();
    };
    const q = generated.settlement.query;
    const s = reader.query.settlement;
    // One call per route of proto/gridledger/settlement/v1/query.proto, checked against the client.
    expect(q.QueryParamsResponse.fromJSON(await ok("params")).params).toEqual(await s.params());
    expect(q.QueryProgressResponse.fromJSON(await ok("progress")).nextPeriod).toBeGreaterThan(period);
    expect(q.QueryRunResponse.fromJSON(await ok(`runs/${period}`)).run).toEqual(await s.run(period));
    expect(q.QueryRunsResponse.fromJSON(await ok("runs?pagination.reverse=true&pagination.limit=5")).runs.map((r) => r.period)).toContain(period);
    const statement = (await ok(`statements/${addr.alice}?from_period=${period}&to_period=${period}`)) as { lines: Array<{ kind: unknown }> };
    expect(q.QueryStatementResponse.fromJSON(statement)).toEqual(await s.statement(addr.alice!, { fromPeriod: period, toPeriod: period }));
    // No settlement query takes an enum; the JSON names the enums it returns.
    expect(statement.lines.map((l) => l.kind).sort()).toEqual(["CHARGE_KIND_ENERGY", "CHARGE_KIND_TRANSMISSION"]);
    expect(q.QueryDebtsResponse.fromJSON(await ok("debts"))).toMatchObject({ debts: [], totals: [] });
    expect(q.QueryClaimsResponse.fromJSON(await ok("claims"))).toMatchObject({ claims: [], totals: [] });
    expect(q.QueryTransmissionCostResponse.fromJSON(await ok(`transmission_costs/${period}`)).cost).toEqual(await s.transmissionCost(period));
    expect(q.QuerySecurityFeeRuleResponse.fromJSON(await ok("security_fee_rule")).rule).toEqual(await s.securityFeeRule());
    expect(q.QueryCollateralRequirementResponse.fromJSON(await ok(`collateral/${addr.alice}`))).toMatchObject({ required: "0", locked: "0" });
    expect(q.QueryDefaultsResponse.fromJSON(await ok("defaults")).defaults).toEqual([]);

    // Missing records: 404 with the chain's sentence in the gateway's JSON error.
    // refused reads x/settlement's REST routes, or another module's when given restOf.
    const restOf = (path: string) => fetch(`${chain.rest}/gridledger/${path}`, { signal: AbortSignal.timeout(10_000) });
    const refused = async (path: string, status: number, sentence: RegExp, at: (path: string) => Promise<Response> = rest) => {
      const res = await at(path);
      const text = await res.text();
      expect(res.status, `${path}: ${text}`).toBe(status);
      expect((JSON.parse(text) as { message: string }).message, path).toMatch(sentence);
    };
    const notFound = (path: string, sentence: RegExp) => refused(path, 404, sentence);
    await notFound(`runs/${period + 1_000n}`, new RegExp(`period ${period + 1_000n} has no settlement run`));
    await notFound(`transmission_costs/${period + 1_000n}`, new RegExp(`no transmission cost declared for period ${period + 1_000n}`));
    // @gridledger/client still tells "none declared" from a failure by the chain's sentence.
    await expect(s.transmissionCost(period + 1_000n)).resolves.toBeUndefined();
    await expect(s.run(period + 1_000n)).rejects.toThrow(new RegExp(`period ${period + 1_000n} has no settlement run`));
    await notFound(`security_intervals/${period}`, /no security-fee interval starts at period/);
    await notFound(`handovers/${addr.alice}`, new RegExp(`${addr.alice} has not defaulted`));

    // Bad input: 400 with the chain's (or the gateway's) sentence.
    const bad = (path: string, sentence: RegExp) => refused(path, 400, sentence);
    await bad("statements/grid1nope", /^codespace settlement code 3: invalid address: owner "grid1nope": decoding bech32 failed/);
    await bad("collateral/nope", /invalid address: owner "nope"/);
    await bad(`statements/${addr.alice}?from_period=1&to_period=99999`, /at most 2976 per statement/);
    await bad("runs/not-a-period", /period/);
    // The gateway's own parse error for a query parameter (grpc-gateway's text, not the chain's).
    await bad("debts?pagination.limit=minus", /parsing "minus": invalid syntax/);

    // The other modules' queries answer the same way, not 500.
    const other = (path: string, status: number, sentence: RegExp) => refused(path, status, sentence, restOf);
    await other("balancing/v1/participants/nope", 400, /^codespace balancing code 3: invalid address/);
    await other("balancing/v1/participants/grid1qurswpc8qurswpc8qurswpc8qurswpc87jux7q", 404, /^codespace balancing code 10: participant not admitted/); // a valid address nobody admitted
    await other("fiat/v1/banks/unone", 404, /^codespace fiat code 6: no approved bank issues this denom/);
    await other("energy/v1/tokens/999999", 404, /^codespace energy code 10: unknown token/);
  });
});
