/**
 * The energy market end to end on a real gridd node: the grid operator admits a solar producer
 * (bob), a trader (alice) and a consumer (carol); bob issues tokens for future periods and offers
 * their sides; alice and carol buy them, paying through x/fiat settlement accounts (the genesis
 * bank takes its fee); tokens are split, merged, handed over and cancelled, with two signatures
 * where both side owners must agree. After every test the invariants of DESIGN.md §6 (energy and
 * fiat) are checked from outside, through queries only.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { DirectSecp256k1HdWallet, type EncodeObject, type OfflineSigner } from "@cosmjs/proto-signing";
import { type DeliverTxResponse, type Event, type IndexedTx, SigningStargateClient, StargateClient } from "@cosmjs/stargate";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { toHex } from "@cosmjs/encoding";
import { Comet38Client } from "@cosmjs/tendermint-rpc";
import {
  admitParticipantMsg,
  BECH32_PREFIX,
  buySideMsg,
  currentPeriod,
  EnergyCategory,
  FIAT_SETTLEMENT_ACCOUNT,
  gridledgerRegistry,
  GridledgerClient,
  GridledgerTxError,
  type IssueTokenInput,
  KeyAlgorithm,
  MeteringPointKind,
  MeterKind,
  mintMsg,
  paidFromTx,
  registerMeterMsg,
  Role,
  Side,
  type Token,
  TokenStatus,
} from "@gridledger/client";
import { startTestChain, type TestChain } from "@gridledger/relayer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);

const CHF = "uchf.alpine";
const SOLAR = EnergyCategory.ENERGY_CATEGORY_SOLAR;
const PRODUCER = Side.SIDE_PRODUCER;
const CONSUMER = Side.SIDE_CONSUMER;
const sides = [PRODUCER, CONSUMER] as const;
const chf = (amount: bigint | number) => ({ denom: CHF, amount: BigInt(amount) });
/** An explicit fee skips the simulation, so the block itself refuses the transaction. */
const explicitFee = { amount: [{ denom: "ugrid", amount: "0" }], gas: "400000" };
const voidAsk = { forSale: false, pricePerMwh: 0n, denom: "" };
const worktree = fileURLToPath(new URL("../..", import.meta.url));

type Signer = "direct" | "amino";

/** typedEvent reads the first event of `type` in a transaction; typed event values are JSON. */
function typedEvent(result: DeliverTxResponse, type: string): Record<string, unknown> {
  const event = result.events.find((e: Event) => e.type === type);
  if (event === undefined) throw new Error(`transaction ${result.transactionHash} has no ${type}`);
  return Object.fromEntries(event.attributes.map((a) => [a.key, JSON.parse(a.value) as unknown]));
}

async function waitForHeight(comet: Comet38Client, height: number): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if ((await comet.status()).syncInfo.latestBlockHeight >= height) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the chain did not reach height ${height} within a minute`);
}

async function waitForTx(client: StargateClient, hash: string): Promise<IndexedTx> {
  for (let i = 0; i < 240; i++) {
    const tx = await client.getTx(hash);
    if (tx) return tx;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`transaction ${hash} was not included within a minute`);
}

/** whPeriods is a token's whole energy: Wh per period x periods. */
function whPeriods(t: Token): bigint {
  return t.whPerPeriod * (t.lastPeriod - t.firstPeriod + 1n);
}

describe("energy market on a real gridd node", () => {
  let chain: TestChain;
  let comet: Comet38Client;
  let reader: GridledgerClient;
  const clients: GridledgerClient[] = [];
  const addr: Record<string, string> = {};
  const wallets: Record<string, OfflineSigner> = {};

  async function wallet(name: string, signer: Signer = "direct"): Promise<OfflineSigner> {
    const account = chain.accounts[name];
    if (account === undefined) throw new Error(`no account ${name}`);
    return signer === "amino"
      ? Secp256k1HdWallet.fromMnemonic(account.mnemonic, { prefix: BECH32_PREFIX })
      : DirectSecp256k1HdWallet.fromMnemonic(account.mnemonic, { prefix: BECH32_PREFIX });
  }

  async function connect(name: string, signer: Signer = "direct"): Promise<GridledgerClient> {
    // Blocks come every 500 ms on test chains; CosmJS polls for inclusion every 3 s by default.
    const client = await GridledgerClient.connectWithSigner(chain.rpc, await wallet(name, signer), {
      broadcastPollIntervalMs: 250,
    });
    clients.push(client);
    return client;
  }

  let operator: GridledgerClient;
  let bank: GridledgerClient;
  let alice: GridledgerClient;
  let aliceAmino: GridledgerClient;
  let bob: GridledgerClient;
  let carol: GridledgerClient;

  // Delivery periods of the tokens: two hours ahead, four 15-minute periods.
  let p0: bigint;
  let p3: bigint;
  // Tokens by role in the story.
  const tok: Record<string, bigint> = {};

  beforeAll(async () => {
    chain = await startTestChain({ name: "energy" });
    for (const [name, account] of Object.entries(chain.accounts)) if (account !== undefined) addr[name] = account.address;
    comet = await Comet38Client.connect(chain.rpc);
    reader = await GridledgerClient.connect(chain.rpc);
    operator = await connect("operator");
    bank = await connect("bank");
    alice = await connect("alice");
    aliceAmino = await connect("alice", "amino");
    bob = await connect("bob");
    carol = await connect("carol");
    wallets.alice = await wallet("alice");
    wallets.bob = await wallet("bob");
    wallets.carol = await wallet("carol");
    wallets.carolAmino = await wallet("carol", "amino");
    wallets.validator = await wallet("validator");
    p0 = (await currentPeriod(reader)) + 8n;
    p3 = p0 + 3n;
  });

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    reader?.disconnect();
    comet?.disconnect();
    await chain?.stop();
  });

  /** issue lets bob issue a token over p0..p3 from his solar meter, face value 80 CHF/MWh. */
  function issue(overrides: Partial<IssueTokenInput> = {}): Promise<bigint> {
    return bob.issueToken(addr.bob!, {
      firstPeriod: p0,
      lastPeriod: p3,
      whPerPeriod: 250_000,
      producerMeterId: "bob-pv-1",
      co2Grams: 1_200,
      faceValuePerMwh: chf(80_000_000),
      terms: { cancellationFee: 2_000_000, settlementDelayPeriods: 96, legalFramework: "EFET-2007-CH" },
      ...overrides,
    });
  }

  /** allTokens reads every token ever issued: ids run from 1 without gaps. */
  async function allTokens(): Promise<Token[]> {
    const out: Token[] = [];
    for (let id = 1n; ; id++) {
      try {
        out.push(await reader.query.energy.token(id));
      } catch (error) {
        if (/unknown token/.test(String(error))) return out;
        throw error;
      }
    }
  }

  /** offerIds lists the offered tokens of a solar CHF market, cheapest first. */
  async function offerIds(side: Side, bounds: { minPrice?: bigint; maxPrice?: bigint; fromPeriod?: bigint; toPeriod?: bigint } = {}) {
    return (await reader.query.energy.offers({ side, denom: CHF, category: SOLAR, ...bounds })).tokens.map((t) => t.id);
  }

  async function settlement(name: string): Promise<bigint> {
    return BigInt((await reader.query.fiat.settlementAccount(addr[name]!, CHF)).balance);
  }

  async function bankBalance(): Promise<bigint> {
    return BigInt((await reader.query.bank.balance(addr.bank!, CHF)).amount);
  }

  /** market is everything a refused transaction must leave as it was. */
  async function market(ids: readonly bigint[]) {
    return {
      tokens: await Promise.all(ids.map((id) => reader.query.energy.token(id))),
      trades: await Promise.all(ids.map(async (id) => (await reader.query.energy.trades(id)).trades)),
      offers: await Promise.all(sides.map((side) => offerIds(side))),
      settlement: await Promise.all(["alice", "bob", "carol"].map((n) => reader.query.fiat.settlementAccount(addr[n]!, CHF))),
      bank: await reader.query.fiat.bank(CHF),
      bankBalance: await bankBalance(),
    };
  }

  /**
   * Fees of every EventPayment of denom, in transactions and in block events (the market and
   * settlement pay from handlers and end blockers).
   */
  async function paymentFees(denom: string): Promise<bigint> {
    const query = "gridledger.fiat.v1.EventPayment.fee EXISTS";
    const events: Array<{ type: string; attributes: ReadonlyArray<{ key: string; value: string }> }> = [];
    for (const tx of (await comet.txSearchAll({ query })).txs) events.push(...tx.result.events);
    for (const block of (await comet.blockSearchAll({ query })).blocks) {
      events.push(...(await comet.blockResults(block.block.header.height)).finalizeBlockEvents);
    }
    let sum = 0n;
    for (const event of events) {
      if (event.type !== "gridledger.fiat.v1.EventPayment") continue;
      const attr = (key: string) => JSON.parse(event.attributes.find((a) => a.key === key)?.value ?? "null") as string | null;
      if (attr("denom") === denom) sum += BigInt(attr("fee") ?? "0");
    }
    return sum;
  }

  // DESIGN.md §6 for x/energy and x/fiat, seen from outside.
  afterEach(async () => {
    const tokens = await allTokens();
    const byId = new Map(tokens.map((t) => [t.id, t]));
    const live = tokens.filter((t) => t.status === TokenStatus.TOKEN_STATUS_ACTIVE);

    // Every live token has an owner on each side, and the owner index lists exactly those.
    for (const t of live) {
      for (const side of [t.producer, t.consumer]) {
        expect(side?.owner, `token ${t.id}: owner set`).toMatch(/^grid1/);
        expect(side?.meterId, `token ${t.id}: meter set`).not.toBe("");
      }
    }
    for (const owner of Object.values(addr)) {
      for (const side of sides) {
        const listed = (await reader.query.energy.tokensByOwner(owner, { side })).tokens.map((t) => t.id);
        const held = live.filter((t) => (side === PRODUCER ? t.producer : t.consumer)?.owner === owner).map((t) => t.id);
        expect(listed, `${owner}: tokens held on side ${side}`).toEqual(held);
      }
    }
    // The offer index holds exactly the live offered sides, cheapest first.
    for (const side of sides) {
      const offered = (await reader.query.energy.offers({ side, denom: CHF, category: SOLAR, limit: 1000 })).tokens;
      const ask = (t: Token) => (side === PRODUCER ? t.producer : t.consumer)?.ask;
      expect(offered.map((t) => t.id).sort()).toEqual(live.filter((t) => ask(t)?.forSale === true).map((t) => t.id).sort());
      const prices = offered.map((t) => ask(t)?.pricePerMwh ?? 0n);
      expect(prices, "offers cheapest first").toEqual([...prices].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    // Splits and merges conserve Wh x periods and CO2 exactly; lineage links both ways.
    for (const t of tokens) {
      if (t.children.length > 0) expect(t.status, `token ${t.id} has children`).toBe(TokenStatus.TOKEN_STATUS_RETIRED);
      if (t.parents.length === 0) continue;
      const parents = t.parents.map((id) => byId.get(id)!);
      for (const p of parents) expect(p.children, `parent ${p.id} of ${t.id}`).toContain(t.id);
      const [before, after] = parents.length === 1 ? [parents, parents[0]!.children.map((id) => byId.get(id)!)] : [parents, [t]];
      const sum = (ts: Token[], f: (x: Token) => bigint) => ts.reduce((s, x) => s + f(x), 0n);
      expect(sum(after, whPeriods), `token ${t.id}: energy conserved`).toBe(sum(before, whPeriods));
      expect(sum(after, (x) => x.co2Grams), `token ${t.id}: CO2 conserved`).toBe(sum(before, (x) => x.co2Grams));
    }
    // Energy is a zero-sum game: in every period, what some hold to take others hold to deliver.
    const positions = await Promise.all(Object.values(addr).map((a) => reader.query.energy.position(a, p0 - 1n, p0 + 15n)));
    for (let i = 0; i < 17; i++) {
      const net = positions.reduce((s, periods) => s + (periods[i]?.netWh ?? 0n), 0n);
      expect(net, `period ${p0 - 1n + BigInt(i)}: net positions add up to zero`).toBe(0n);
    }

    // Fiat: supply = minted - burned; escrow = sum of settlement accounts; fees = EventPayment fees.
    for (const b of (await reader.query.fiat.banks()).banks) {
      const supply = BigInt((await reader.query.bank.supplyOf(b.denom)).amount);
      expect(supply, `${b.denom}: supply = minted - burned`).toBe(BigInt(b.minted) - BigInt(b.burned));
      let sum = 0n;
      for (const owner of Object.values(addr)) {
        for (const acc of (await reader.query.fiat.settlementAccounts(owner)).accounts) {
          if (acc.denom === b.denom) sum += BigInt(acc.balance);
        }
      }
      const escrow = BigInt((await reader.query.bank.balance(FIAT_SETTLEMENT_ACCOUNT, b.denom)).amount);
      expect(escrow, `${b.denom}: fiat_settlement escrow = sum of settlement accounts`).toBe(sum);
      expect(BigInt(b.feesReceived), `${b.denom}: fees_received = fees of EventPayment`).toBe(await paymentFees(b.denom));
    }
  });

  it("runs the worktree's gridd, with 15-minute periods and no tokens yet", async () => {
    // This checkout's build, unless $GRIDD names another.
    expect(chain.spec.binary).toBe(process.env.GRIDD ?? join(worktree, "chain", "build", "gridd"));
    await expect(reader.query.energy.params()).resolves.toEqual({ periodSeconds: 900n, maxTokenPeriods: 2976n, maxSplitParts: 64n, maxMergeInputs: 64n });
    await expect(reader.query.energy.token(1)).rejects.toThrow(/unknown token/);
  });

  it("admits bob as a solar producer, alice as a trader and carol as a consumer, with their meters", async () => {
    const operatorAddress = addr.operator!;
    const admit = (name: string, legalId: string, roles: Role[], positionLimitWh: number, tradedCategories: EnergyCategory[] = []) =>
      admitParticipantMsg(operatorAddress, { address: addr[name]!, legalId, displayName: name, roles, positionLimitWh, tradedCategories });
    const meter = (id: string, owner: string, kind: MeterKind, category?: EnergyCategory) =>
      registerMeterMsg(operatorAddress, {
        id,
        owner: addr[owner]!,
        kind,
        category,
        location: { area: "CH-ZH" },
        keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519,
        publicKey: new Uint8Array(32).fill(owner.length),
        pointKind: MeteringPointKind.METERING_POINT_KIND_COMPANY,
      });
    await operator.submit(operatorAddress, [
      // bob trades solar too: his consumer sides sit on his virtual solar meter.
      admit("bob", "12X-BOB-SOLAR-01", [Role.ROLE_PRODUCER, Role.ROLE_TRADER], 10_000_000, [SOLAR]),
      admit("alice", "12X-ALICE-TRADE1", [Role.ROLE_TRADER], 1_000_000, [SOLAR]),
      admit("carol", "12X-CAROL-HOME-1", [Role.ROLE_CONSUMER], 5_000_000),
      meter("bob-pv-1", "bob", MeterKind.METER_KIND_PRODUCTION, SOLAR),
      meter("carol-home", "carol", MeterKind.METER_KIND_CONSUMPTION),
    ]);
    await expect(reader.query.balancing.meter(`virtual:${addr.alice}:solar`)).resolves.toMatchObject({
      owner: addr.alice,
      kind: MeterKind.METER_KIND_VIRTUAL,
      category: SOLAR,
    });
    await expect(reader.query.balancing.meter("bob-pv-1")).resolves.toMatchObject({ owner: addr.bob, category: SOLAR });

    // Money for the market: the genesis bank mints against deposits, everyone funds a settlement account.
    await bank.attestReserve(addr.bank!, { denom: CHF, reserve: 1_000_000_000_000n, statementHash: new Uint8Array(32).fill(1) });
    const mint = (name: string, amount: number) =>
      mintMsg(addr.bank!, { denom: CHF, recipient: addr[name]!, amount, depositReference: `DEP-${name.toUpperCase()}` });
    await bank.submit(addr.bank!, [mint("alice", 1_000_000_000), mint("bob", 500_000_000), mint("carol", 100_000_000)]);
    await alice.deposit(addr.alice!, chf(600_000_000));
    await bob.deposit(addr.bob!, chf(300_000_000));
    await carol.deposit(addr.carol!, chf(50_000_000));
    expect(await settlement("carol")).toBe(50_000_000n);
  });

  it("lets bob issue a token for future periods, both sides his, asks void", async () => {
    tok.a = await issue({ capabilities: { redispatch: { mobilisationSeconds: 900, pricePerMwh: 120_000_000 } } });
    expect(tok.a).toBe(1n);
    const t = await reader.query.energy.token(tok.a);
    expect(t).toMatchObject({
      id: tok.a,
      issuer: addr.bob,
      firstPeriod: p0,
      lastPeriod: p3,
      whPerPeriod: 250_000n,
      category: SOLAR,
      co2Grams: 1_200n,
      faceValuePerMwh: { amount: "80000000", denom: CHF },
      terms: { cancellationFee: "2000000", settlementDelayPeriods: 96n, legalFramework: "EFET-2007-CH" },
      capabilities: { redispatch: { offered: true, mobilisationSeconds: 900n, pricePerMwh: 120_000_000n }, primary: { offered: false } },
      producer: { owner: addr.bob, meterId: "bob-pv-1", ask: voidAsk },
      consumer: { owner: addr.bob, meterId: `virtual:${addr.bob}:solar`, ask: voidAsk },
      status: TokenStatus.TOKEN_STATUS_ACTIVE,
      parents: [],
      children: [],
      originShard: chain.chainId,
    });
    expect((await reader.query.energy.tokensByOwner(addr.bob!)).tokens.map((x) => x.id)).toEqual([tok.a, tok.a]);

    // The current period is past: only future periods can be issued.
    const now = await currentPeriod(reader);
    const late = issue({ firstPeriod: now, lastPeriod: now + 1n });
    await expect(late).rejects.toBeInstanceOf(GridledgerTxError);
    await expect(late).rejects.toMatchObject({ phase: "simulate", codespace: "energy", code: 5 });
  });

  it("sells the consumer side to alice, amino-signed, paid from her settlement account with the bank's fee", async () => {
    await bob.setAsk(addr.bob!, tok.a!, CONSUMER, { pricePerMwh: 85_000_000, denom: CHF });
    expect((await reader.query.energy.token(tok.a!)).consumer?.ask).toEqual({ forSale: true, pricePerMwh: 85_000_000n, denom: CHF });
    expect(await offerIds(CONSUMER)).toEqual([tok.a]);
    const before = { alice: await settlement("alice"), bob: await settlement("bob"), bank: await bankBalance(), fees: (await reader.query.fiat.bank(CHF)).feesReceived };

    // 85 CHF/MWh x 1 MWh (250 kWh in each of 4 periods) = 85 CHF; the bank charges 5 basis points.
    const result = await aliceAmino.submit(addr.alice!, [
      buySideMsg(addr.alice!, { tokenId: tok.a!, side: CONSUMER, maxPricePerMwh: 90_000_000, denom: CHF }),
    ]);
    expect(paidFromTx(result)).toBe(85_000_000n);
    expect(typedEvent(result, "gridledger.energy.v1.EventSideTraded")).toMatchObject({
      token_id: String(tok.a),
      side: "SIDE_CONSUMER",
      seller: addr.bob,
      buyer: addr.alice,
      price_per_mwh: "85000000",
      denom: CHF,
      paid: "85000000",
    });
    expect(typedEvent(result, "gridledger.fiat.v1.EventPayment")).toMatchObject({
      from: addr.alice,
      to: addr.bob,
      amount: "85000000",
      fee: "42500",
      reason: `trade:${tok.a}`,
    });
    expect(await settlement("alice")).toBe(before.alice - 85_042_500n);
    expect(await settlement("bob")).toBe(before.bob + 85_000_000n);
    expect(await bankBalance()).toBe(before.bank + 42_500n);
    expect(BigInt((await reader.query.fiat.bank(CHF)).feesReceived)).toBe(BigInt(before.fees) + 42_500n);

    const t = await reader.query.energy.token(tok.a!);
    expect(t.consumer).toEqual({ owner: addr.alice, meterId: `virtual:${addr.alice}:solar`, ask: voidAsk });
    expect(t.producer?.owner).toBe(addr.bob);
    expect(await offerIds(CONSUMER)).toEqual([]);
    expect((await reader.query.energy.trades(tok.a!)).trades).toEqual([
      { tokenId: tok.a, side: CONSUMER, seller: addr.bob, buyer: addr.alice, pricePerMwh: 85_000_000n, denom: CHF, paid: "85000000", height: BigInt(result.height) },
    ]);
    expect((await reader.query.energy.tokensByOwner(addr.alice!, { side: CONSUMER })).tokens.map((x) => x.id)).toEqual([tok.a]);
  });

  it("refuses a void side, one's own side, a price above the maximum, a position beyond the limit and a buyer without funds, changing nothing", async () => {
    // 900 kWh per period: more than alice's position limit of 1 MWh per period allows next to token a.
    tok.b = await issue({ whPerPeriod: 900_000 });
    await bob.setAsk(addr.bob!, tok.b, CONSUMER, { pricePerMwh: 80_000_000, denom: CHF });
    await bob.setAsk(addr.bob!, tok.a!, PRODUCER, { pricePerMwh: 70_000_000, denom: CHF });
    const before = await market([tok.a!, tok.b]);
    const buy = (client: GridledgerClient, buyer: string, tokenId: bigint, side: Side, maxPricePerMwh: number, meterId?: string, fee?: typeof explicitFee) =>
      client.buySide(addr[buyer]!, { tokenId, side, maxPricePerMwh, denom: CHF, meterId }, fee);

    await expect(buy(bob, "bob", tok.a!, CONSUMER, 90_000_000)).rejects.toMatchObject({ codespace: "energy", code: 15 });
    await expect(buy(bob, "bob", tok.a!, PRODUCER, 90_000_000)).rejects.toMatchObject({ codespace: "energy", code: 16 });
    const tooDear = buy(alice, "alice", tok.a!, PRODUCER, 60_000_000);
    await expect(tooDear).rejects.toMatchObject({ phase: "simulate", codespace: "energy", code: 17 });
    await expect(tooDear).rejects.toThrow(/maximum price/);
    // Executed in a block (explicit fee, no simulation): the node reports the energy codespace.
    const beyond = buy(alice, "alice", tok.b, CONSUMER, 90_000_000, undefined, explicitFee);
    await expect(beyond).rejects.toMatchObject({ phase: "deliverTx", codespace: "energy", code: 18 });
    await expect(beyond).rejects.toThrow(/position limit/);
    // 80 CHF/MWh x 3.6 MWh = 288 CHF, carol holds 50: x/fiat refuses the payment, the purchase fails whole.
    const poor = buy(carol, "carol", tok.b, CONSUMER, 90_000_000, "carol-home");
    await expect(poor).rejects.toMatchObject({ phase: "simulate", codespace: "fiat", code: 16 });
    await expect(buy(carol, "carol", tok.b, CONSUMER, 90_000_000, "carol-home", explicitFee)).rejects.toMatchObject({
      phase: "deliverTx",
      codespace: "fiat",
      code: 16,
    });

    expect(await market([tok.a!, tok.b])).toEqual(before);
  });

  it("pays the buyer of a side offered at a negative price", async () => {
    tok.c = await issue({ whPerPeriod: 100_000 });
    await bob.setAsk(addr.bob!, tok.c, PRODUCER, { pricePerMwh: -5_000_000, denom: CHF });
    const before = { alice: await settlement("alice"), bob: await settlement("bob") };
    // -5 CHF/MWh x 0.4 MWh: bob pays alice 2 CHF to take over his delivery, plus the bank's fee.
    await expect(alice.buySide(addr.alice!, { tokenId: tok.c, side: PRODUCER, maxPricePerMwh: 0, denom: CHF })).resolves.toBe(2_000_000n);
    expect(await settlement("alice")).toBe(before.alice + 2_000_000n);
    expect(await settlement("bob")).toBe(before.bob - 2_001_000n);
    const t = await reader.query.energy.token(tok.c);
    expect(t.producer).toEqual({ owner: addr.alice, meterId: `virtual:${addr.alice}:solar`, ask: voidAsk });
    expect((await reader.query.energy.trades(tok.c)).trades).toMatchObject([
      { seller: addr.bob, buyer: addr.alice, side: PRODUCER, pricePerMwh: -5_000_000n, paid: "2000000" },
    ]);
  });

  it("lists offers cheapest first, a negative price first of all, within price and period bounds", async () => {
    tok.d = await issue({ whPerPeriod: 10_000 });
    tok.e = await issue({ whPerPeriod: 10_000, firstPeriod: p0 + 10n, lastPeriod: p0 + 11n });
    await bob.setAsk(addr.bob!, tok.d, CONSUMER, { pricePerMwh: -1_000_000, denom: CHF });
    await bob.setAsk(addr.bob!, tok.e, CONSUMER, { pricePerMwh: 0, denom: CHF });

    expect(await offerIds(CONSUMER)).toEqual([tok.d, tok.e, tok.b]);
    expect(await offerIds(CONSUMER, { maxPrice: 0n })).toEqual([tok.d, tok.e]);
    expect(await offerIds(CONSUMER, { minPrice: 0n })).toEqual([tok.e, tok.b]);
    expect(await offerIds(CONSUMER, { minPrice: -1_000_000n, maxPrice: -1_000_000n })).toEqual([tok.d]);
    expect(await offerIds(CONSUMER, { toPeriod: p3 })).toEqual([tok.d, tok.b]);
    expect(await offerIds(CONSUMER, { fromPeriod: p0 + 10n })).toEqual([tok.e]);
    expect(await offerIds(PRODUCER)).toEqual([tok.a]);
    const wind = await reader.query.energy.offers({ side: CONSUMER, denom: CHF, category: EnergyCategory.ENERGY_CATEGORY_WIND });
    expect(wind.tokens).toEqual([]);

    const first = await reader.query.energy.offers({ side: CONSUMER, denom: CHF, category: SOLAR, limit: 1 });
    expect(first.tokens.map((t) => t.id)).toEqual([tok.d]);
    const nextKey = first.pagination?.nextKey;
    expect(nextKey?.length).toBeGreaterThan(0);
    const second = await reader.query.energy.offers({ side: CONSUMER, denom: CHF, category: SOLAR, limit: 1, paginationKey: nextKey });
    expect(second.tokens.map((t) => t.id)).toEqual([tok.e]);
  });

  it("reports positions per period and the volume-weighted average price", async () => {
    const position = (name: string) => reader.query.energy.position(addr[name]!, p0 - 1n, p3 + 1n);
    const alicePos = await position("alice");
    expect(alicePos.map((p) => p.period)).toEqual([p0 - 1n, p0, p0 + 1n, p0 + 2n, p3, p3 + 1n]);
    expect(alicePos[0]).toEqual({ period: p0 - 1n, producerWh: 0n, consumerWh: 0n, netWh: 0n });
    // Token a's consumer side (250 kWh) less token c's producer side (100 kWh).
    expect(alicePos[1]).toEqual({ period: p0, producerWh: 100_000n, consumerWh: 250_000n, netWh: 150_000n });
    expect(alicePos[5]?.netWh).toBe(0n);
    // bob: a's producer side, b and d both sides, c's consumer side.
    expect((await position("bob"))[4]).toEqual({ period: p3, producerWh: 1_160_000n, consumerWh: 1_010_000n, netWh: -150_000n });
    await expect(reader.query.energy.position(addr.bob!, p0, p0 + 672n)).rejects.toThrow(/invalid delivery periods/);

    // Market trades covering p0: 250 kWh at 85 and 100 kWh at -5 CHF/MWh.
    await expect(reader.query.energy.averagePrice(p0, SOLAR, CHF)).resolves.toEqual({
      pricePerMwh: (85_000_000n * 250_000n - 5_000_000n * 100_000n) / 350_000n,
      tradedWh: 350_000n,
      trades: 2n,
    });
    await expect(reader.query.energy.averagePrice(p0 - 1n, SOLAR, CHF)).resolves.toEqual({ pricePerMwh: 0n, tradedWh: 0n, trades: 0n });
    await expect(reader.query.energy.averagePrice(p0, EnergyCategory.ENERGY_CATEGORY_WIND, CHF)).resolves.toMatchObject({ trades: 0n });
  });

  it("splits by volume and at a period and merges back, conserving energy, CO2 and the fee (bob holds both sides: one signature)", async () => {
    tok.s = await issue({
      whPerPeriod: 200_000,
      co2Grams: 1_000,
      terms: { cancellationFee: 3_000_001, settlementDelayPeriods: 96, legalFramework: "EFET-2007-CH" },
    });
    const owners = { producerOwner: addr.bob!, consumerOwner: addr.bob! };
    const [s1, s2] = await bob.splitToken({ ...owners, tokenId: tok.s, whParts: [50_000, 150_000] });
    const get = (id: bigint | undefined) => reader.query.energy.token(id!);
    expect(await get(tok.s)).toMatchObject({ status: TokenStatus.TOKEN_STATUS_RETIRED, children: [s1, s2] });
    // CO2 and the cancellation fee are shared by energy, rounding down, the rest to the last child.
    expect(await get(s1)).toMatchObject({ whPerPeriod: 50_000n, firstPeriod: p0, lastPeriod: p3, co2Grams: 250n, terms: { cancellationFee: "750000" }, parents: [tok.s] });
    expect(await get(s2)).toMatchObject({ whPerPeriod: 150_000n, co2Grams: 750n, terms: { cancellationFee: "2250001" }, parents: [tok.s] });

    const [s2a, s2b] = await bob.splitToken({ ...owners, tokenId: s2!, splitAfterPeriod: p0 + 1n });
    expect(await get(s2a)).toMatchObject({ firstPeriod: p0, lastPeriod: p0 + 1n, whPerPeriod: 150_000n, co2Grams: 375n, terms: { cancellationFee: "1125000" } });
    expect(await get(s2b)).toMatchObject({ firstPeriod: p0 + 2n, lastPeriod: p3, whPerPeriod: 150_000n, co2Grams: 375n, terms: { cancellationFee: "1125001" } });

    // Adjacent periods with equal volume join; identical periods add their volumes.
    const joined = await bob.mergeTokens({ ...owners, tokenIds: [s2b!, s2a!] });
    expect(await get(joined)).toMatchObject({ firstPeriod: p0, lastPeriod: p3, whPerPeriod: 150_000n, co2Grams: 750n, parents: [s2a, s2b] });
    const whole = await bob.mergeTokens({ ...owners, tokenIds: [s1!, joined] });
    expect(await get(whole)).toMatchObject({
      firstPeriod: p0,
      lastPeriod: p3,
      whPerPeriod: 200_000n,
      co2Grams: 1_000n,
      terms: { cancellationFee: "3000001" },
      parents: [s1, joined],
      status: TokenStatus.TOKEN_STATUS_ACTIVE,
      producer: { owner: addr.bob, meterId: "bob-pv-1" },
    });
    tok.whole = whole;

    // A retired token is history: it cannot be offered or split again.
    await expect(bob.setAsk(addr.bob!, tok.s, PRODUCER, { pricePerMwh: 1, denom: CHF })).rejects.toMatchObject({ codespace: "energy", code: 11 });
    await expect(bob.splitToken({ ...owners, tokenId: tok.s, whParts: [1, 199_999] })).rejects.toMatchObject({ codespace: "energy", code: 11 });
    // Tokens whose periods are neither identical nor adjacent do not merge.
    await expect(bob.mergeTokens({ ...owners, tokenIds: [whole, tok.e!] })).rejects.toMatchObject({ codespace: "energy", code: 5 });
  });

  it("splits and merges a token of two owners with both signatures", async () => {
    const owners = { producerOwner: addr.bob!, consumerOwner: addr.alice! };
    // bob's client alone cannot sign for alice.
    await expect(bob.splitToken({ ...owners, tokenId: tok.a!, whParts: [100_000, 150_000] })).rejects.toThrow(/No signer holds/);
    const [a1, a2] = await bob.splitToken({ ...owners, tokenId: tok.a!, whParts: [100_000, 150_000] }, [wallets.alice!]);
    for (const id of [a1!, a2!]) {
      expect(await reader.query.energy.token(id)).toMatchObject({
        producer: { owner: addr.bob, meterId: "bob-pv-1", ask: voidAsk },
        consumer: { owner: addr.alice, meterId: `virtual:${addr.alice}:solar`, ask: voidAsk },
      });
    }
    // The offer on a's producer side went with a.
    expect(await offerIds(PRODUCER)).toEqual([]);
    // alice signs this time, bob as cosigner.
    tok.a2 = await alice.mergeTokens({ ...owners, tokenIds: [a1!, a2!] }, [wallets.bob!]);
    expect(await reader.query.energy.token(tok.a2)).toMatchObject({ whPerPeriod: 250_000n, co2Grams: 1_200n, parents: [a1, a2] });
    expect((await reader.query.energy.position(addr.alice!, p0, p0))[0]?.consumerWh).toBe(250_000n);
  });

  it("hands a side over with both owners' signatures, direct and amino, without payment", async () => {
    tok.h = await issue({ whPerPeriod: 50_000 });
    const before = { bob: await settlement("bob"), carol: await settlement("carol") };
    const handOver = { from: addr.bob!, to: addr.carol!, tokenId: tok.h, side: CONSUMER, meterId: "carol-home" };
    const result = await bob.handOverSide(handOver, [wallets.carolAmino!]);
    expect(typedEvent(result, "gridledger.energy.v1.EventSideTraded")).toMatchObject({ seller: addr.bob, buyer: addr.carol, paid: "0" });
    expect((await reader.query.energy.token(tok.h)).consumer).toEqual({ owner: addr.carol, meterId: "carol-home", ask: voidAsk });
    expect((await reader.query.energy.trades(tok.h)).trades).toMatchObject([
      { side: CONSUMER, seller: addr.bob, buyer: addr.carol, pricePerMwh: 0n, denom: "", paid: "0" },
    ]);
    expect({ bob: await settlement("bob"), carol: await settlement("carol") }).toEqual(before);

    // Handing to oneself needs one signature and is refused; so is an account that is not admitted
    // as a participant: a validator may send only staking and governance messages, and the door
    // refuses it in simulation and in CheckTx, so the transaction never reaches a block.
    await expect(bob.handOverSide({ ...handOver, tokenId: tok.d!, to: addr.bob!, meterId: "" })).rejects.toMatchObject({ codespace: "energy", code: 16 });
    const stranger = bob.handOverSide({ ...handOver, tokenId: tok.d!, to: addr.validator!, meterId: "" }, [wallets.validator!]);
    await expect(stranger).rejects.toMatchObject({ phase: "simulate", codespace: "balancing", code: 26 });
    const executed = bob.handOverSide({ ...handOver, tokenId: tok.d!, to: addr.validator!, meterId: "" }, [wallets.validator!], explicitFee);
    await expect(executed).rejects.toMatchObject({ phase: "checkTx", codespace: "balancing", code: 26 });
  });

  it("cancels against the fee, paid to the other side; jointly without a fee; alone for free when owning both sides", async () => {
    const before = { bob: await settlement("bob"), carol: await settlement("carol"), bank: await bankBalance() };
    const result = await carol.cancelToken(addr.carol!, tok.h!);
    expect(typedEvent(result, "gridledger.energy.v1.EventTokenCancelled")).toMatchObject({ token_id: String(tok.h), requested_by: addr.carol, fee_paid: "2000000" });
    expect(await settlement("carol")).toBe(before.carol - 2_001_000n);
    expect(await settlement("bob")).toBe(before.bob + 2_000_000n);
    expect(await bankBalance()).toBe(before.bank + 1_000n);
    expect((await reader.query.energy.token(tok.h!)).status).toBe(TokenStatus.TOKEN_STATUS_CANCELLED);

    // Without a cancellation fee, one owner alone cannot withdraw; both can.
    tok.n = await issue({ whPerPeriod: 10_000, terms: {} });
    await bob.handOverSide({ from: addr.bob!, to: addr.alice!, tokenId: tok.n, side: CONSUMER }, [wallets.alice!]);
    const unchanged = await market([tok.n]);
    await expect(alice.cancelToken(addr.alice!, tok.n)).rejects.toMatchObject({ codespace: "energy", code: 19 });
    expect(await market([tok.n])).toEqual(unchanged);
    await alice.cancelTokenJointly({ producerOwner: addr.bob!, consumerOwner: addr.alice! }, tok.n, [wallets.bob!]);
    expect((await reader.query.energy.token(tok.n)).status).toBe(TokenStatus.TOKEN_STATUS_CANCELLED);
    const after = await market([]);
    expect([after.settlement, after.bank]).toEqual([unchanged.settlement, unchanged.bank]);

    // bob holds both sides of e: he cancels alone and free, and its offer disappears.
    const bobBefore = await settlement("bob");
    await bob.cancelToken(addr.bob!, tok.e!);
    expect(await settlement("bob")).toBe(bobBefore);
    expect(await offerIds(CONSUMER)).toEqual([tok.d, tok.b]);
  });

  it("refuses any action on a cancelled token", async () => {
    const h = tok.h!;
    const before = await market([h]);
    const owners = { producerOwner: addr.bob!, consumerOwner: addr.carol! };
    const refusals: Array<[string, () => Promise<unknown>]> = [
      ["set an ask", () => bob.setAsk(addr.bob!, h, PRODUCER, { pricePerMwh: 1, denom: CHF })],
      ["buy", () => alice.buySide(addr.alice!, { tokenId: h, side: PRODUCER, maxPricePerMwh: 100, denom: CHF })],
      ["cancel", () => bob.cancelToken(addr.bob!, h)],
      ["hand over", () => bob.handOverSide({ from: addr.bob!, to: addr.alice!, tokenId: h, side: PRODUCER }, [wallets.alice!])],
      ["split", () => bob.splitToken({ ...owners, tokenId: h, whParts: [1, 49_999] }, [wallets.carol!])],
      ["cancel jointly", () => carol.cancelTokenJointly(owners, h, [wallets.bob!])],
    ];
    for (const [what, refuse] of refusals) {
      await expect(refuse(), what).rejects.toMatchObject({ codespace: "energy", code: 11 });
    }
    await expect(bob.cancelToken(addr.bob!, h, explicitFee)).rejects.toThrow(/TOKEN_STATUS_CANCELLED: token is not active/);
    expect(await market([h])).toEqual(before);
  });

  it("keeps a flooding participant from crowding another participant's buy out of the next blocks", async () => {
    // bob offers a small token; carol floods the chain with bank sends as fast as one client can
    // sign and broadcast them, while alice buys. Carol's transactions ask for 5M gas each; the
    // chain lets one sender keep 50M gas pending (x/balancing tx_limits.sender_pending_gas).
    const id = await issue({ firstPeriod: p0 + 10n, lastPeriod: p0 + 10n, whPerPeriod: 1_000, terms: {} });
    await bob.setAsk(addr.bob!, id, CONSUMER, { pricePerMwh: 50_000_000, denom: CHF });
    const floodGas = 5_000_000;
    const limits = (await reader.query.balancing.params()).txLimits!;
    const perBlock = Number(limits.senderPendingGas / BigInt(floodGas));

    const stargate = await StargateClient.connect(chain.rpc);
    const signer = async (name: string) => {
      const w = await wallet(name);
      const { accountNumber, sequence } = await stargate.getSequence(addr[name]!);
      return { client: await SigningStargateClient.offline(w, { registry: gridledgerRegistry }), accountNumber, sequence };
    };
    const sign = async (s: Awaited<ReturnType<typeof signer>>, from: string, msgs: EncodeObject[], gas: number) => {
      const raw = await s.client.sign(from, msgs, { amount: [], gas: String(gas) }, "", { accountNumber: s.accountNumber, sequence: s.sequence, chainId: chain.chainId });
      return TxRaw.encode(raw).finish();
    };

    const flooder = await signer("carol");
    const startHeight = (await comet.status()).syncInfo.latestBlockHeight;
    let flooding = true;
    let refused = 0;
    const flood = (async () => {
      while (flooding) {
        const tx = await sign(flooder, addr.carol!, [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: addr.carol, toAddress: addr.alice, amount: [{ denom: "ugrid", amount: "1" }] } }], floodGas);
        const res = await comet.broadcastTxSync({ tx });
        if (res.code === 0) flooder.sequence++;
        else {
          expect(res.codespace, res.log).toBe("balancing");
          expect(res.code, res.log).toBe(28);
          refused++;
        }
      }
    })();
    try {
      // Let the flood fill the mempool for a few blocks before alice buys.
      await waitForHeight(comet, startHeight + 3);
      const buyer = await signer("alice");
      const buy = await sign(buyer, addr.alice!, [buySideMsg(addr.alice!, { tokenId: id, side: CONSUMER, maxPricePerMwh: 50_000_000, denom: CHF })], 400_000);
      const accepted = await comet.broadcastTxSync({ tx: buy });
      expect(accepted.code, accepted.log).toBe(0);
      const acceptedAt = (await comet.status()).syncInfo.latestBlockHeight;
      const included = await waitForTx(stargate, toHex(accepted.hash).toUpperCase());
      expect(included.code, included.rawLog).toBe(0);
      // Stated bound: the buy lands in one of the next two blocks after the node accepted it.
      expect(included.height - acceptedAt).toBeLessThanOrEqual(2);
    } finally {
      flooding = false;
      await flood;
    }
    const endHeight = (await comet.status()).syncInfo.latestBlockHeight;
    expect(refused, "the quota refused some of the flood").toBeGreaterThan(0);
    // The flooder's load is bounded: never more than its quota of transactions in one block.
    const floodTxs = await comet.txSearchAll({ query: `message.sender='${addr.carol}' AND tx.height>${startHeight}` });
    const perHeight = new Map<number, number>();
    for (const t of floodTxs.txs) perHeight.set(t.height, (perHeight.get(t.height) ?? 0) + 1);
    expect(floodTxs.txs.length, "carol's flood got in").toBeGreaterThan(perBlock);
    expect(Math.max(...perHeight.values())).toBeLessThanOrEqual(perBlock);
    expect(endHeight).toBeGreaterThan(startHeight);
    stargate.disconnect();
  });

  it("works from the gridd CLI as the README shows", async () => {
    const home = chain.gridnet.nodes[0]!.home;
    const gridd = chain.spec.binary;
    const id = String((await allTokens()).length + 1);
    // The README's commands (bob is admitted and bob-pv-1 registered above).
    const script = String.raw`
      set -euo pipefail
      tx() { out=$($gridd tx "$@" --home $home --yes --output json)
             [ "$(jq .code <<<"$out")" = 0 ] || { jq -r .raw_log <<<"$out" >&2; return 1; }
             $gridd query wait-tx "$(jq -r .txhash <<<"$out")" --timeout 90s --home $home --output json | grep -o '"code":[0-9]*'; }
      bob=$($gridd keys show bob -a --keyring-backend test --home $home)
      now=$(( $(date +%s) / 900 ))
      tx energy issue-token $((now + 4)) $((now + 7)) 10000 bob-pv-1 "" --from bob \
        --face-value-per-mwh '{"amount":"80000000","denom":"uchf.alpine"}' --co2-grams 480 \
        --terms '{"cancellation_fee":"100000","producer_default_fee":"0","consumer_default_fee":"0"}'
      tx energy set-ask $id consumer --ask '{"for_sale":true,"price_per_mwh":"85000000","denom":"uchf.alpine"}' --from bob
      $gridd query energy offers consumer uchf.alpine --category solar --home $home --output json | jq -c '[.tokens[].id]'
      tx energy buy-side $id consumer 90000000 uchf.alpine --from alice
      $gridd query energy token $id --home $home --output json | jq -c '.token.consumer'
      $gridd query energy trades $id --home $home --output json | jq -c '[.trades[] | {buyer, paid}]'
      $gridd query energy position --owner $bob --from-period $((now + 4)) --to-period $((now + 4)) --home $home --output json | jq -c '.periods[0].producer_wh'
    `;
    const { stdout } = await run("bash", ["-c", script], { env: { ...process.env, gridd, home, id } });
    const lines = stdout.trim().split("\n");
    expect(lines.slice(0, 2)).toEqual(['"code":0', '"code":0']);
    expect(JSON.parse(lines[2]!)).toContain(id);
    expect(lines[3]).toBe('"code":0');
    expect(JSON.parse(lines[4]!)).toEqual({ owner: addr.alice, meter_id: `virtual:${addr.alice}:solar`, ask: {} });
    // 85 CHF/MWh x 0.04 MWh = 3.40 CHF.
    expect(JSON.parse(lines[5]!)).toEqual([{ buyer: addr.alice, paid: "3400000" }]);
    expect(JSON.parse(lines[6]!)).toBe("10000");
  });
});
