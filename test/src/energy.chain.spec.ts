/**
 * The energy market end to end on a real gridd node: the grid operator admits a solar producer
 * (bob), a trader (alice) and a consumer (carol); bob issues tokens for future periods and offers
 * their sides; alice and carol buy them, paying through x/fiat settlement accounts (the genesis
 * bank takes its fee); tokens are split, merged, handed over and cancelled, with two signatures
 * where both side owners must agree. Carol places a bid that bob takes; a pure producer (erin)
 * sells to a retailer (rita), who aggregates and disaggregates the sides she bought (seed
 * §3.2.1-3.2.2). The grid operator, as balancing authority, procures reserve and grid-loss energy
 * and redispatches a side (seed §3.3.2-3.3.3). After every test the invariants of DESIGN.md §6 (energy and fiat) are checked
 * from outside, through queries only.
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
  checkInvariants,
  currentPeriod,
  EnergyCategory,
  explainError,
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
  TradeKind,
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
  let operatorAmino: GridledgerClient;
  let bank: GridledgerClient;
  let alice: GridledgerClient;
  let aliceAmino: GridledgerClient;
  let bob: GridledgerClient;
  let carol: GridledgerClient;
  let carolAmino: GridledgerClient;
  let erin: GridledgerClient;
  let rita: GridledgerClient;
  let ritaAmino: GridledgerClient;

  // Delivery periods of the tokens: two hours ahead, four 15-minute periods.
  let p0: bigint;
  let p3: bigint;
  // The periods of the bid and the aggregations, after the others': q0..q3 = p0+4..p0+7.
  let q0: bigint;
  let q3: bigint;
  // Tokens by role in the story.
  const tok: Record<string, bigint> = {};

  beforeAll(async () => {
    // erin, a pure producer, and rita, a retailer, besides the dev accounts.
    const extra = (name: string) => ({ name, coins: "1000000000000ugrid" });
    chain = await startTestChain({ name: "energy", accounts: [extra("erin"), extra("rita")] });
    for (const [name, account] of Object.entries(chain.accounts)) if (account !== undefined) addr[name] = account.address;
    comet = await Comet38Client.connect(chain.rpc);
    reader = await GridledgerClient.connect(chain.rpc);
    operator = await connect("operator");
    operatorAmino = await connect("operator", "amino");
    bank = await connect("bank");
    alice = await connect("alice");
    aliceAmino = await connect("alice", "amino");
    bob = await connect("bob");
    carol = await connect("carol");
    carolAmino = await connect("carol", "amino");
    erin = await connect("erin");
    rita = await connect("rita");
    ritaAmino = await connect("rita", "amino");
    wallets.alice = await wallet("alice");
    wallets.bob = await wallet("bob");
    wallets.carol = await wallet("carol");
    wallets.carolAmino = await wallet("carol", "amino");
    wallets.validator = await wallet("validator");
    p0 = (await currentPeriod(reader)) + 8n;
    p3 = p0 + 3n;
    q0 = p0 + 4n;
    q3 = q0 + 3n;
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
    // Aggregations and disaggregations link both ways: a live emitted token is named by the kept
    // side of each of its sources, a cancelled one by none; a kept side is never offered. The
    // tokens of one emission (same sources, same block) hold the sources' energy and CO2 exactly
    // while all live, and never more.
    const emissions = new Map<string, Token[]>();
    for (const t of tokens) {
      const backedBy = t.backedBy?.tokenIds ?? [];
      if (backedBy.length === 0) continue;
      const live = t.status === TokenStatus.TOKEN_STATUS_ACTIVE;
      for (const id of backedBy) {
        const backs = byId.get(id)?.backs;
        expect(backs?.tokenIds.includes(t.id), `token ${t.id} (${t.status}) named by source ${id}`).toBe(live);
        if (live) expect(backs?.side, `token ${t.id}: side of source ${id}`).toBe(t.backedBy?.side);
      }
      const key = `${backedBy.join(",")}@${t.issuedHeight}`;
      emissions.set(key, [...(emissions.get(key) ?? []), t]);
    }
    for (const t of tokens.filter((x) => (x.backs?.tokenIds.length ?? 0) > 0)) {
      expect(t.status, `token ${t.id} backs others`).toBe(TokenStatus.TOKEN_STATUS_ACTIVE);
      const kept = t.backs?.side === PRODUCER ? t.producer : t.consumer;
      expect(kept?.ask?.forSale, `token ${t.id}: its kept side is not offered`).toBe(false);
      for (const id of t.backs?.tokenIds ?? []) expect(byId.get(id)?.backedBy?.tokenIds, `token ${id} backed by ${t.id}`).toContain(t.id);
    }
    for (const emitted of emissions.values()) {
      const sources = (emitted[0]?.backedBy?.tokenIds ?? []).map((id) => byId.get(id)!);
      const live = emitted.filter((t) => t.status === TokenStatus.TOKEN_STATUS_ACTIVE);
      const sum = (ts: Token[], f: (x: Token) => bigint) => ts.reduce((acc, x) => acc + f(x), 0n);
      for (const f of [whPeriods, (x: Token) => x.co2Grams]) {
        if (live.length === emitted.length) expect(sum(emitted, f), `tokens ${emitted.map((t) => t.id).join(",")} transpose their sources`).toBe(sum(sources, f));
        expect(sum(live, f)).toBeLessThanOrEqual(sum(sources, f));
      }
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

  it("runs the worktree's gridd, with 15-minute periods closing their gate 15 minutes ahead, and no tokens yet", async () => {
    // This checkout's build, unless $GRIDD names another.
    expect(chain.spec.binary).toBe(process.env.GRIDD ?? join(worktree, "chain", "build", "gridd"));
    await expect(reader.query.energy.params()).resolves.toEqual({
      periodSeconds: 900n,
      maxTokenPeriods: 2976n,
      maxSplitParts: 64n,
      maxMergeInputs: 64n,
      gateClosureSeconds: 900n,
      maxFreezesPerBlock: 1000n,
    });
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
      {
        tokenId: tok.a,
        side: CONSUMER,
        seller: addr.bob,
        buyer: addr.alice,
        pricePerMwh: 85_000_000n,
        denom: CHF,
        paid: "85000000",
        height: BigInt(result.height),
        kind: TradeKind.TRADE_KIND_UNSPECIFIED,
        compensation: "0",
      },
    ]);
    expect((await reader.query.energy.tokensByOwner(addr.alice!, { side: CONSUMER })).tokens.map((x) => x.id)).toEqual([tok.a]);

    // The balancing authority's view of the period: alice must take, bob deliver, each as its position says.
    const first = (await reader.query.energy.token(tok.a!)).firstPeriod;
    const open = await reader.query.energy.openPositions(first);
    expect(open.period).toBe(first);
    for (const name of ["alice", "bob"]) {
      const [own] = await reader.query.energy.position(addr[name]!, first, first);
      const listed = open.positions.find((p) => p.owner === addr[name]);
      expect(listed?.netWh, name).toBe(own?.netWh);
      expect(listed?.netWh, name).not.toBe(0n);
    }
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

  /** positionAt is a participant's position in one period. */
  async function positionAt(name: string, period: bigint) {
    return (await reader.query.energy.position(addr[name]!, period, period))[0];
  }

  it("lets carol, a pure consumer, bid at her consumption meter (amino-signed); bob takes the producer side at his solar meter", async () => {
    const terms = { firstPeriod: q0, lastPeriod: q3, whPerPeriod: 20_000, faceValuePerMwh: chf(90_000_000), terms: { cancellationFee: 500_000 } };
    const ask = { pricePerMwh: 1_000_000, denom: CHF };
    // A consumption meter implies no category: without one the chain says what to do.
    const refused = carol.issueToken(addr.carol!, { ...terms, producerMeterId: "carol-home", consumerMeterId: "carol-home", producerAsk: ask });
    await expect(refused).rejects.toMatchObject({ codespace: "energy", code: 31, explanation: explainError("energy", 31) });

    tok.bid = await carolAmino.placeBid(addr.carol!, { ...terms, category: SOLAR, meterId: "carol-home", ask });
    expect(await reader.query.energy.token(tok.bid)).toMatchObject({
      issuer: addr.carol,
      firstPeriod: q0,
      lastPeriod: q3,
      whPerPeriod: 20_000n,
      category: SOLAR,
      co2Grams: 0n,
      faceValuePerMwh: { amount: "90000000", denom: CHF },
      producer: { owner: addr.carol, meterId: "carol-home", ask: { forSale: true, pricePerMwh: 1_000_000n, denom: CHF } },
      consumer: { owner: addr.carol, meterId: "carol-home", ask: voidAsk },
      backedBy: { tokenIds: [] },
      backs: { tokenIds: [] },
    });
    // The ask set at issue is announced like any other, and the bid is an offer of the market.
    const announced = (await comet.txSearchAll({ query: "gridledger.energy.v1.EventAskChanged.side EXISTS" })).txs
      .flatMap((tx) => tx.result.events)
      .filter((e) => e.type === "gridledger.energy.v1.EventAskChanged")
      .map((e) => Object.fromEntries(e.attributes.map((a) => [a.key, JSON.parse(a.value) as unknown])))
      .filter((e) => e.token_id === String(tok.bid));
    expect(announced).toMatchObject([{ token_id: String(tok.bid), side: "SIDE_PRODUCER", ask: { for_sale: true, price_per_mwh: "1000000", denom: CHF } }]);
    expect(await offerIds(PRODUCER)).toContain(tok.bid);
    // Both sides are carol's: her net position does not move.
    expect(await positionAt("carol", q0)).toEqual({ period: q0, producerWh: 20_000n, consumerWh: 20_000n, netWh: 0n });

    // 1 CHF/MWh x 0.08 MWh: bob pays carol 0.08 CHF, plus the bank's 5 basis points.
    const before = { bob: await settlement("bob"), carol: await settlement("carol") };
    const paid = bob.buySide(addr.bob!, { tokenId: tok.bid, side: PRODUCER, maxPricePerMwh: 1_000_000, denom: CHF, meterId: "bob-pv-1" });
    await expect(paid).resolves.toBe(80_000n);
    expect(await settlement("carol")).toBe(before.carol + 80_000n);
    expect(await settlement("bob")).toBe(before.bob - 80_040n);
    const t = await reader.query.energy.token(tok.bid);
    expect(t.producer).toEqual({ owner: addr.bob, meterId: "bob-pv-1", ask: voidAsk });
    expect(t.consumer).toEqual({ owner: addr.carol, meterId: "carol-home", ask: voidAsk });
    expect(await offerIds(PRODUCER)).not.toContain(tok.bid);
    // carol takes 20 kWh in every period of the bid, bob delivers them.
    expect((await reader.query.energy.position(addr.carol!, q0, q3)).map((p) => p.netWh)).toEqual([20_000n, 20_000n, 20_000n, 20_000n]);
    expect(await positionAt("bob", q3)).toEqual({ period: q3, producerWh: 20_000n, consumerWh: 0n, netWh: -20_000n });
  });

  it("admits erin, a pure producer without virtual meters, and rita, a retailer of solar energy, with fiat", async () => {
    const operatorAddress = addr.operator!;
    await operator.submit(operatorAddress, [
      admitParticipantMsg(operatorAddress, { address: addr.erin!, legalId: "12X-ERIN-SOLAR-1", displayName: "erin", roles: [Role.ROLE_PRODUCER], positionLimitWh: 1_000_000 }),
      admitParticipantMsg(operatorAddress, {
        address: addr.rita!,
        legalId: "12X-RITA-RETAIL1",
        displayName: "rita",
        roles: [Role.ROLE_RETAILER],
        positionLimitWh: 1_000_000,
        tradedCategories: [SOLAR],
      }),
      registerMeterMsg(operatorAddress, {
        id: "erin-pv-1",
        pointKind: MeteringPointKind.METERING_POINT_KIND_COMPANY,
        owner: addr.erin!,
        kind: MeterKind.METER_KIND_PRODUCTION,
        category: SOLAR,
        location: { area: "CH-BE" },
        keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519,
        publicKey: new Uint8Array(32).fill(9),
      }),
    ]);
    await expect(reader.query.balancing.meter(`virtual:${addr.rita}:solar`)).resolves.toMatchObject({ owner: addr.rita, kind: MeterKind.METER_KIND_VIRTUAL });
    await expect(reader.query.balancing.meter(`virtual:${addr.erin}:solar`)).rejects.toThrow();
    const mint = (name: string, amount: number) =>
      mintMsg(addr.bank!, { denom: CHF, recipient: addr[name]!, amount, depositReference: `DEP-${name.toUpperCase()}` });
    await bank.submit(addr.bank!, [mint("erin", 10_000_000), mint("rita", 200_000_000)]);
    await erin.deposit(addr.erin!, chf(5_000_000));
    await rita.deposit(addr.rita!, chf(150_000_000));
    expect(await settlement("rita")).toBe(150_000_000n);
  });

  it("lets erin issue at her production meter for both sides, offered at once; rita buys consumer sides and aggregates two (amino-signed)", async () => {
    tok.e1 = await erin.issueToken(addr.erin!, {
      firstPeriod: q0,
      lastPeriod: q3,
      whPerPeriod: 30_000,
      producerMeterId: "erin-pv-1",
      consumerMeterId: "erin-pv-1",
      co2Grams: 600,
      faceValuePerMwh: chf(80_000_000),
      terms: { cancellationFee: 300_000 },
      consumerAsk: { pricePerMwh: 80_000_000, denom: CHF },
    });
    expect((await reader.query.energy.token(tok.e1)).consumer).toEqual({
      owner: addr.erin,
      meterId: "erin-pv-1",
      ask: { forSale: true, pricePerMwh: 80_000_000n, denom: CHF },
    });
    const fromBob = (whPerPeriod: number, co2Grams: number, pricePerMwh: number, cancellationFee: number) =>
      issue({ firstPeriod: q0, lastPeriod: q3, whPerPeriod, co2Grams, terms: { cancellationFee }, consumerAsk: { pricePerMwh, denom: CHF } });
    tok.b1 = await fromBob(50_000, 1_000, 82_000_000, 2_000_000);
    tok.b2 = await fromBob(40_000, 800, 81_000_000, 1_000_000);
    const buy = (tokenId: bigint, maxPricePerMwh: number) => rita.buySide(addr.rita!, { tokenId, side: CONSUMER, maxPricePerMwh, denom: CHF });
    // 80 x 0.12, 82 x 0.2 and 81 x 0.16 MWh.
    expect([await buy(tok.e1, 80_000_000), await buy(tok.b1, 82_000_000), await buy(tok.b2, 81_000_000)]).toEqual([9_600_000n, 16_400_000n, 12_960_000n]);
    expect(await positionAt("rita", q0)).toEqual({ period: q0, producerWh: 0n, consumerWh: 120_000n, netWh: 120_000n });

    tok.x = await ritaAmino.aggregateSides(addr.rita!, {
      side: CONSUMER,
      sourceTokenIds: [tok.e1, tok.b1],
      faceValuePerMwh: chf(95_000_000),
      terms: { cancellationFee: 100_000, settlementDelayPeriods: 96 },
    });
    const virtual = `virtual:${addr.rita}:solar`;
    expect(await reader.query.energy.token(tok.x)).toMatchObject({
      issuer: addr.rita,
      firstPeriod: q0,
      lastPeriod: q3,
      whPerPeriod: 80_000n,
      co2Grams: 1_600n,
      category: SOLAR,
      originShard: chain.chainId,
      faceValuePerMwh: { amount: "95000000", denom: CHF },
      terms: { cancellationFee: "100000", settlementDelayPeriods: 96n },
      producer: { owner: addr.rita, meterId: virtual, ask: voidAsk },
      consumer: { owner: addr.rita, meterId: virtual, ask: voidAsk },
      status: TokenStatus.TOKEN_STATUS_ACTIVE,
      parents: [],
      backedBy: { side: CONSUMER, tokenIds: [tok.e1, tok.b1] },
      backs: { tokenIds: [] },
    });
    for (const id of [tok.e1, tok.b1]) {
      expect(await reader.query.energy.token(id)).toMatchObject({
        status: TokenStatus.TOKEN_STATUS_ACTIVE,
        consumer: { owner: addr.rita, meterId: virtual },
        backs: { side: CONSUMER, tokenIds: [tok.x] },
      });
    }
    // rita holds both sides of what she emitted: her net position does not move.
    expect(await positionAt("rita", q0)).toEqual({ period: q0, producerWh: 80_000n, consumerWh: 200_000n, netWh: 120_000n });
  });

  it("refuses to offer, cancel or re-aggregate a committed side and to split an emitted token, changing nothing", async () => {
    const ids = [tok.e1!, tok.b1!, tok.x!];
    const before = await market(ids);
    const committed = rita.setAsk(addr.rita!, tok.e1!, CONSUMER, { pricePerMwh: 99_000_000, denom: CHF });
    await expect(committed).rejects.toMatchObject({ codespace: "energy", code: 29, explanation: explainError("energy", 29) });
    await expect(committed).rejects.toThrow(/^A side of this token backs tokens emitted against it/);
    // The producer who sold the side cannot withdraw from its token either, fee or not.
    await expect(erin.cancelToken(addr.erin!, tok.e1!)).rejects.toMatchObject({ codespace: "energy", code: 29 });
    const again = { side: CONSUMER, sourceTokenIds: [tok.b1!, tok.b2!], faceValuePerMwh: chf(95_000_000) };
    await expect(rita.aggregateSides(addr.rita!, again)).rejects.toMatchObject({ codespace: "energy", code: 29 });
    const owners = { producerOwner: addr.rita!, consumerOwner: addr.rita! };
    const split = rita.splitToken({ ...owners, tokenId: tok.x!, whParts: [40_000, 40_000] });
    await expect(split).rejects.toMatchObject({ codespace: "energy", code: 30, explanation: explainError("energy", 30) });
    // Executed in a block (no simulation), the refusal is the same.
    await expect(rita.setAsk(addr.rita!, tok.b1!, CONSUMER, { pricePerMwh: 1, denom: CHF }, explicitFee)).rejects.toMatchObject({
      phase: "deliverTx",
      codespace: "energy",
      code: 29,
    });
    expect(await market(ids)).toEqual(before);
  });

  it("sells the emitted token's consumer side to carol, who takes it at her consumption meter", async () => {
    await rita.setAsk(addr.rita!, tok.x!, CONSUMER, { pricePerMwh: 96_000_000, denom: CHF });
    const before = await settlement("rita");
    // 96 CHF/MWh x 0.32 MWh.
    const paid = carol.buySide(addr.carol!, { tokenId: tok.x!, side: CONSUMER, maxPricePerMwh: 96_000_000, denom: CHF, meterId: "carol-home" });
    await expect(paid).resolves.toBe(30_720_000n);
    expect(await settlement("rita")).toBe(before + 30_720_000n);
    expect((await reader.query.energy.token(tok.x!)).consumer).toEqual({ owner: addr.carol, meterId: "carol-home", ask: voidAsk });
    // rita delivers what she bought: only b2's 40 kWh are left open.
    expect(await positionAt("rita", q0)).toEqual({ period: q0, producerWh: 80_000n, consumerWh: 120_000n, netWh: 40_000n });
    expect((await positionAt("carol", q0))?.netWh).toBe(100_000n);
  });

  it("disaggregates a held consumer side by volume; cancelling the emitted tokens, by whoever holds them, releases their sources", async () => {
    const [d1, d2] = await rita.disaggregateSide(addr.rita!, {
      side: CONSUMER,
      sourceTokenId: tok.b2!,
      whParts: [15_000, 25_000],
      faceValuePerMwh: chf(97_000_000),
      terms: { cancellationFee: 1_000_001 },
    });
    const get = (id: bigint | undefined) => reader.query.energy.token(id!);
    // CO2 and the cancellation fee are shared by energy, the rounding remainder to the last part.
    const part = { firstPeriod: q0, lastPeriod: q3, backedBy: { side: CONSUMER, tokenIds: [tok.b2] }, producer: { owner: addr.rita }, consumer: { owner: addr.rita } };
    expect(await get(d1)).toMatchObject({ ...part, whPerPeriod: 15_000n, co2Grams: 300n, terms: { cancellationFee: "375000" } });
    expect(await get(d2)).toMatchObject({ ...part, whPerPeriod: 25_000n, co2Grams: 500n, terms: { cancellationFee: "625001" } });
    expect((await get(tok.b2)).backs).toEqual({ side: CONSUMER, tokenIds: [d1, d2] });
    expect(await positionAt("rita", q0)).toEqual({ period: q0, producerWh: 120_000n, consumerWh: 160_000n, netWh: 40_000n });
    const owners = { producerOwner: addr.rita!, consumerOwner: addr.rita! };
    await expect(rita.mergeTokens({ ...owners, tokenIds: [d1!, d2!] })).rejects.toMatchObject({ codespace: "energy", code: 30 });

    // b2's side stays committed while one part is live, and is released with the last.
    await rita.cancelToken(addr.rita!, d1!);
    expect((await get(tok.b2)).backs).toEqual({ side: CONSUMER, tokenIds: [d2] });
    await expect(rita.setAsk(addr.rita!, tok.b2!, CONSUMER, { pricePerMwh: 81_000_000, denom: CHF })).rejects.toMatchObject({ code: 29 });
    await rita.cancelToken(addr.rita!, d2!);
    expect((await get(tok.b2)).backs).toEqual({ side: Side.SIDE_UNSPECIFIED, tokenIds: [] });
    await rita.setAsk(addr.rita!, tok.b2!, CONSUMER, { pricePerMwh: 81_000_000, denom: CHF });
    expect(await offerIds(CONSUMER)).toContain(tok.b2);
    expect(await positionAt("rita", q0)).toEqual({ period: q0, producerWh: 80_000n, consumerWh: 120_000n, netWh: 40_000n });

    // carol withdraws from the aggregated token, paying its fee to rita: e1 and b1 are free again.
    const before = { carol: await settlement("carol"), rita: await settlement("rita") };
    await carol.cancelToken(addr.carol!, tok.x!);
    expect(await settlement("carol")).toBe(before.carol - 100_050n);
    expect(await settlement("rita")).toBe(before.rita + 100_000n);
    for (const id of [tok.e1, tok.b1]) expect((await get(id)).backs).toEqual({ side: Side.SIDE_UNSPECIFIED, tokenIds: [] });
    await rita.setAsk(addr.rita!, tok.e1!, CONSUMER, { pricePerMwh: 85_000_000, denom: CHF });
    expect(await positionAt("rita", q0)).toEqual({ period: q0, producerWh: 0n, consumerWh: 120_000n, netWh: 120_000n });
  });

  const PRIMARY = TradeKind.TRADE_KIND_RESERVE_PRIMARY;
  const GRID_LOSSES = TradeKind.TRADE_KIND_GRID_LOSSES;

  it("lets the grid operator, funded like anyone, procure primary reserve and grid losses (amino-signed), paying sellers, the reserve's provider and the bank's fee; participants may not", async () => {
    // The operator is no participant, yet holds a settlement account as balancing authority.
    await bank.submit(addr.bank!, [mintMsg(addr.bank!, { denom: CHF, recipient: addr.operator!, amount: 100_000_000, depositReference: "DEP-OPERATOR" })]);
    await operator.deposit(addr.operator!, chf(80_000_000));
    expect(await settlement("operator")).toBe(80_000_000n);

    // r offers primary reserve at 10 CHF/MWh; alice buys its consumer side and offers it on.
    const r0 = p0 + 12n;
    tok.r = await issue({
      firstPeriod: r0,
      lastPeriod: r0 + 1n,
      whPerPeriod: 200_000,
      capabilities: { primary: { mobilisationSeconds: 30, pricePerMwh: 10_000_000 } },
      consumerAsk: { pricePerMwh: 80_000_000, denom: CHF },
    });
    await alice.buySide(addr.alice!, { tokenId: tok.r, side: CONSUMER, maxPricePerMwh: 80_000_000, denom: CHF });
    await alice.setAsk(addr.alice!, tok.r, CONSUMER, { pricePerMwh: 85_000_000, denom: CHF });

    const reserve = { tokenId: tok.r, side: CONSUMER, kind: PRIMARY, maxPricePerMwh: 85_000_000, denom: CHF };
    const unchanged = await market([tok.r]);
    const byAlice = alice.procure(addr.alice!, reserve);
    await expect(byAlice).rejects.toMatchObject({ codespace: "energy", code: 24, explanation: explainError("energy", 24) });
    await expect(byAlice).rejects.toThrow(/^Only the grid operator may do this/);
    const byBob = bob.redispatch(addr.bob!, { tokenId: tok.r, side: PRODUCER, to: addr.erin!, meterId: "erin-pv-1" }, explicitFee);
    await expect(byBob).rejects.toMatchObject({ phase: "deliverTx", codespace: "energy", code: 24, explanation: explainError("energy", 24) });
    expect(await market([tok.r])).toEqual(unchanged);

    // 85 CHF/MWh x 0.4 MWh to alice, who sells; 10 CHF/MWh x 0.4 MWh to bob, who keeps the
    // producer side and so provides the reserve; the bank's 5 basis points on each payment.
    const before = { operator: await settlement("operator"), alice: await settlement("alice"), bob: await settlement("bob"), bank: await bankBalance() };
    await expect(operator.procure(addr.operator!, reserve)).resolves.toEqual({ paid: 34_000_000n, compensation: 4_000_000n });
    expect(await settlement("alice")).toBe(before.alice + 34_000_000n);
    expect(await settlement("bob")).toBe(before.bob + 4_000_000n);
    expect(await settlement("operator")).toBe(before.operator - 34_017_000n - 4_002_000n);
    expect(await bankBalance()).toBe(before.bank + 19_000n);
    expect((await reader.query.energy.token(tok.r)).consumer).toEqual({ owner: addr.operator, meterId: `virtual:${addr.operator}:solar`, ask: voidAsk });
    expect((await reader.query.energy.trades(tok.r)).trades).toMatchObject([
      { seller: addr.bob, buyer: addr.alice, kind: TradeKind.TRADE_KIND_UNSPECIFIED, compensation: "0" },
      { side: CONSUMER, seller: addr.alice, buyer: addr.operator, pricePerMwh: 85_000_000n, denom: CHF, paid: "34000000", kind: PRIMARY, compensation: "4000000" },
    ]);

    // g: a consumer side bob pays 5 CHF/MWh to be rid of; the grid takes it for its losses.
    tok.g = await issue({ firstPeriod: r0, lastPeriod: r0 + 1n, whPerPeriod: 100_000, consumerAsk: { pricePerMwh: -5_000_000, denom: CHF } });
    const mid = { operator: await settlement("operator"), bob: await settlement("bob"), bank: await bankBalance() };
    const losses = { tokenId: tok.g, side: CONSUMER, kind: GRID_LOSSES, maxPricePerMwh: 0, denom: CHF };
    await expect(operatorAmino.procure(addr.operator!, losses)).resolves.toEqual({ paid: 1_000_000n, compensation: 0n });
    expect(await settlement("operator")).toBe(mid.operator + 1_000_000n);
    expect(await settlement("bob")).toBe(mid.bob - 1_000_500n);
    expect(await bankBalance()).toBe(mid.bank + 500n);

    // The statement: totals per purpose (paid is net: the operator was paid to take g), acts newest first.
    const statement = await reader.query.energy.operatorStatement();
    expect(statement.totals).toEqual([
      { kind: PRIMARY, denom: CHF, trades: 1n, wh: "400000", paid: "34000000", compensation: "4000000" },
      { kind: GRID_LOSSES, denom: CHF, trades: 1n, wh: "200000", paid: "-1000000", compensation: "0" },
    ]);
    expect(statement.acts.map((t) => [t.tokenId, t.kind])).toEqual([
      [tok.g, GRID_LOSSES],
      [tok.r, PRIMARY],
    ]);
    const lossesOnly = await reader.query.energy.operatorStatement({ kind: GRID_LOSSES });
    expect(lossesOnly.totals.map((t) => t.kind)).toEqual([GRID_LOSSES]);
    expect(lossesOnly.acts).toMatchObject([{ tokenId: tok.g, seller: addr.bob, buyer: addr.operator, pricePerMwh: -5_000_000n, paid: "1000000", compensation: "0" }]);
    // The operator takes 300 kWh in each period of r and g, which bob delivers.
    expect(await positionAt("operator", r0)).toEqual({ period: r0, producerWh: 0n, consumerWh: 300_000n, netWh: 300_000n });
  });

  it("redispatches bob's producer side to erin's solar meter, paying bob the token's redispatch price", async () => {
    // erin's meter states no audited CO2 intensity, so the token's CO2 fits it.
    tok.rd = await issue({
      firstPeriod: p0 + 12n,
      lastPeriod: p0 + 13n,
      whPerPeriod: 100_000,
      capabilities: { redispatch: { mobilisationSeconds: 900, pricePerMwh: 12_000_000 } },
    });
    const before = { operator: await settlement("operator"), bob: await settlement("bob"), erin: await settlement("erin"), bank: await bankBalance() };
    const totals = (await reader.query.energy.operatorStatement()).totals;
    // 12 CHF/MWh x 0.2 MWh, plus the bank's fee, from the operator to bob.
    const moved = operator.redispatch(addr.operator!, { tokenId: tok.rd, side: PRODUCER, to: addr.erin!, meterId: "erin-pv-1" });
    await expect(moved).resolves.toBe(2_400_000n);
    expect(await settlement("bob")).toBe(before.bob + 2_400_000n);
    expect(await settlement("operator")).toBe(before.operator - 2_401_200n);
    expect(await settlement("erin")).toBe(before.erin);
    expect(await bankBalance()).toBe(before.bank + 1_200n);
    expect((await reader.query.energy.token(tok.rd)).producer).toEqual({ owner: addr.erin, meterId: "erin-pv-1", ask: voidAsk });
    const redispatched = {
      tokenId: tok.rd,
      side: PRODUCER,
      seller: addr.bob,
      buyer: addr.erin,
      pricePerMwh: 0n,
      denom: "",
      paid: "0",
      kind: TradeKind.TRADE_KIND_REDISPATCH,
      compensation: "2400000",
    };
    expect((await reader.query.energy.trades(tok.rd)).trades).toMatchObject([redispatched]);
    // A redispatch is an act of the statement but no procurement: the totals stay.
    const statement = await reader.query.energy.operatorStatement();
    expect(statement.acts[0]).toMatchObject(redispatched);
    expect(statement.totals).toEqual(totals);
    expect((await reader.query.energy.operatorStatement({ kind: TradeKind.TRADE_KIND_REDISPATCH })).totals).toEqual([]);
    expect(await positionAt("erin", p0 + 12n)).toEqual({ period: p0 + 12n, producerWh: 100_000n, consumerWh: 0n, netWh: -100_000n });
  });

  it("procures grid losses and reports the current period's phase from the gridd CLI", async () => {
    const home = chain.gridnet.nodes[0]!.home;
    const gridd = chain.spec.binary;
    const tokenId = await issue({ firstPeriod: p0 + 13n, lastPeriod: p0 + 13n, whPerPeriod: 10_000, consumerAsk: { pricePerMwh: 70_000_000, denom: CHF } });
    const id = String(tokenId);
    const script = String.raw`
      set -euo pipefail
      $gridd query energy period-phase 0 --home $home --output json | jq -c .
      out=$($gridd tx energy procure $id consumer grid-losses 70000000 uchf.alpine --from operator --gas 400000 --home $home --yes --output json)
      [ "$(jq .code <<<"$out")" = 0 ] || { jq -r .raw_log <<<"$out" >&2; exit 1; }
      $gridd query wait-tx "$(jq -r .txhash <<<"$out")" --timeout 90s --home $home --output json | grep -o '"code":[0-9]*'
    `;
    const { stdout } = await run("bash", ["-c", script], { env: { ...process.env, gridd, home, id } });
    const [phaseLine, code] = stdout.trim().split("\n");
    const phase = JSON.parse(phaseLine!) as Record<string, unknown>;
    // 0 names the current period: delivering now, its gate closed 15 minutes before it began.
    expect(phase).toMatchObject({ phase: "TOKEN_PHASE_IN_DELIVERY", period: phase.current_period });
    const period = BigInt(phase.period as string);
    expect(phase).toMatchObject({ starts_at: String(period * 900n), gate_closes_at: String(period * 900n - 900n) });
    expect(code).toBe('"code":0');
    // 70 CHF/MWh x 0.01 MWh.
    expect((await reader.query.energy.trades(tokenId)).trades).toMatchObject([{ buyer: addr.operator, kind: GRID_LOSSES, paid: "700000" }]);
    expect((await reader.query.energy.token(tokenId)).consumer?.owner).toBe(addr.operator);
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

  it("splits and hands over a token of two owners from the gridd CLI as the README shows: --generate-only, signed by each owner, broadcast", async () => {
    const home = chain.gridnet.nodes[0]!.home;
    const gridd = chain.spec.binary;
    const id = String((await allTokens()).length); // the README's token: bob's producer side, alice's consumer side
    const script = String.raw`
      set -euo pipefail
      cd "$(mktemp -d)"
      k="--keyring-backend test --home $home"
      alice=$($gridd keys show alice -a $k); bob=$($gridd keys show bob -a $k)
      # both(file, first signer, second signer): sign in the order of the message's signers, broadcast, wait
      both() { $gridd tx sign $1 --from $2 --sign-mode amino-json $k --output-document 1.json
               $gridd tx sign 1.json --from $3 --sign-mode amino-json $k --output-document 2.json
               jq -c '[(.auth_info.signer_infos | length), (.signatures | length)]' 2.json
               out=$($gridd tx broadcast 2.json --home $home --output json)
               [ "$(jq .code <<<"$out")" = 0 ] || { jq -r .raw_log <<<"$out" >&2; return 1; }
               $gridd query wait-tx "$(jq -r .txhash <<<"$out")" --timeout 90s --home $home --output json | grep -o '"code":[0-9]*'; }
      $gridd tx energy split-token $id $alice --wh-parts 4000,6000 --from bob --gas 400000 --generate-only $k > split.json
      both split.json bob alice
      child=$($gridd query energy tokens-by-owner $alice --home $home --output json | jq -r '[.tokens[].id | tonumber] | max')
      $gridd tx energy hand-over-side $child consumer $bob --from alice --gas 400000 --generate-only $k > handover.json
      both handover.json alice bob
      $gridd query energy token $child --home $home --output json | jq -c '[.token.wh_per_period, .token.producer.owner == $bob, .token.consumer.owner == $bob]' --arg bob $bob
      $gridd query energy token $id --home $home --output json | jq -r .token.status
    `;
    const { stdout } = await run("bash", ["-c", script], { env: { ...process.env, gridd, home, id } });
    const lines = stdout.trim().split("\n");
    expect(lines).toEqual(["[2,2]", '"code":0', "[2,2]", '"code":0', '["6000",true,true]', "TOKEN_STATUS_RETIRED"]);
  });

  it("reads enums by name or number over REST and serves the OpenAPI document of every query route", async () => {
    const get = async (path: string) => {
      const res = await fetch(`${chain.rest}${path}`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    // the last token, the hand-over's (both sides bob's), offers its producer side
    await bob.setAsk(addr.bob!, BigInt((await allTokens()).length), PRODUCER, { pricePerMwh: 70_000_000, denom: CHF });
    const byName = await get(`/gridledger/energy/v1/offers?side=SIDE_PRODUCER&denom=${CHF}&category=ENERGY_CATEGORY_SOLAR`);
    const byNumber = await get(`/gridledger/energy/v1/offers?side=1&denom=${CHF}&category=1`);
    expect(byName.status).toBe(200);
    expect(byName.body).toEqual(byNumber.body);
    expect((byName.body.tokens as unknown[]).length).toBeGreaterThan(0);
    expect((await get(`/gridledger/energy/v1/offers?side=SIDE_CONSUMER&denom=${CHF}`)).body).not.toEqual(byName.body);
    expect((await get(`/gridledger/energy/v1/offers?side=SIDE_SOMETHING&denom=${CHF}`)).status).toBe(400);

    const doc = await get("/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.body.swagger).toBe("2.0");
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    for (const route of ["/gridledger/energy/v1/offers", "/gridledger/energy/v1/tokens/{id}", "/gridledger/settlement/v1/runs/{period}", "/gridledger/settlement/v1/debts"]) {
      expect(paths[route], route).toHaveProperty("get");
    }
  });

  it("checks the invariants live, one bounded page at a time, over the client, REST and the gridd CLI", async () => {
    // The client's paced full pass: every invariant holds after everything this suite did.
    const results = await checkInvariants(reader.query, { pageLimit: 3, pauseMs: 0 });
    expect(results.map((r) => r.name)).toEqual(["fiat-banks", "fiat-settlement-accounts", "energy-tokens", "energy-owner-index", "energy-co2-tokens", "settlement-runs"]);
    for (const r of results) expect(r, `${r.name}: ${r.record ?? ""} ${r.message ?? ""}`).toMatchObject({ ok: true });
    const tokens = (await allTokens()).length;
    expect(results.find((r) => r.name === "energy-tokens")?.checked).toBe(tokens);

    // REST: a page of one record says where the next starts; bad requests answer 400 and 404.
    const get = async (path: string) => {
      const res = await fetch(`${chain.rest}${path}`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const first = await get("/gridledger/invariants/v1/invariants/energy-tokens/check?limit=1");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ checked: "1", broken: false });
    const cursor = first.body.next_cursor as string;
    expect(cursor.length).toBeGreaterThan(0);
    const second = await get(`/gridledger/invariants/v1/invariants/energy-tokens/check?limit=1000&cursor=${encodeURIComponent(cursor)}`);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ checked: String(tokens - 1), broken: false });
    expect(second.body.next_cursor ?? "").toBe("");
    const unknown = await get("/gridledger/invariants/v1/invariants/no-such/check");
    expect(unknown.status).toBe(404);
    expect(String(unknown.body.message)).toContain("no invariant of that name");
    expect((await get("/gridledger/invariants/v1/invariants/energy-tokens/check?limit=1001")).status).toBe(400);

    // The CLI, as the operator guide shows it.
    const home = chain.gridnet.nodes[0]!.home;
    const { stdout } = await run(chain.spec.binary, ["query", "invariants", "check", "settlement-runs", "--limit", "10", "--home", home, "--output", "json"]);
    const page = JSON.parse(stdout) as { broken?: boolean; checked?: string };
    expect(page.broken ?? false).toBe(false);
    expect(Number(page.checked ?? 0)).toBeLessThanOrEqual(10);
    const list = await run(chain.spec.binary, ["query", "invariants", "list", "--home", home, "--output", "json"]);
    expect((JSON.parse(list.stdout) as { invariants: unknown[] }).invariants).toHaveLength(6);
  });
});
