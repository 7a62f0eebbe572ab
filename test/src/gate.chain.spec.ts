/**
 * Gate closure (seed §3.3.3) on a real gridd node. The energy suite's chain has 15-minute periods
 * and gate closure 15 minutes before each, so nothing it issues freezes while it runs; this chain
 * has 20-second periods that freeze 10 seconds before they start, so a gate closes within half a
 * minute. bob issues a token for the nearest period whose gate is still open and offers its
 * consumer side; once the gate closes the token is frozen: alice cannot buy it, the end of the
 * block withdraws the offer, and only the grid operator still acts on it, until delivery begins.
 */
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { Comet38Client, fromRfc3339WithNanoseconds } from "@cosmjs/tendermint-rpc";
import {
  admitParticipantMsg,
  BECH32_PREFIX,
  EnergyCategory,
  explainError,
  GridledgerClient,
  KeyAlgorithm,
  MeterKind,
  MeteringPointKind,
  registerMeterMsg,
  Role,
  Side,
  TokenPhase,
  TradeKind,
} from "@gridledger/client";
import { startTestChain, type TestChain } from "@gridledger/relayer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHF = "uchf.alpine";
const SOLAR = EnergyCategory.ENERGY_CATEGORY_SOLAR;
const PERIOD_SECONDS = 20;
const GATE_CLOSURE_SECONDS = 10;
const voidAsk = { forSale: false, pricePerMwh: 0n, denom: "" };

describe("gate closure on a real gridd node with 20-second periods", () => {
  let chain: TestChain;
  let comet: Comet38Client;
  let reader: GridledgerClient;
  const clients: GridledgerClient[] = [];
  const addr: Record<string, string> = {};

  async function connect(name: string): Promise<GridledgerClient> {
    const account = chain.accounts[name];
    if (account === undefined) throw new Error(`no account ${name}`);
    const wallet = await Secp256k1HdWallet.fromMnemonic(account.mnemonic, { prefix: BECH32_PREFIX });
    const client = await GridledgerClient.connectWithSigner(chain.rpc, wallet, { broadcastPollIntervalMs: 250 });
    clients.push(client);
    return client;
  }

  /** blockTime is the latest block's time in Unix seconds: the chain's clock, not this machine's. */
  async function blockTime(): Promise<number> {
    const block = await reader.stargate.getBlock();
    return Math.floor(fromRfc3339WithNanoseconds(block.header.time).getTime() / 1000);
  }

  /** waitForBlockTime polls until a block at or after `unixSeconds` is committed. */
  async function waitForBlockTime(unixSeconds: bigint): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (BigInt(await blockTime()) < unixSeconds) {
      if (Date.now() > deadline) throw new Error(`no block reached Unix second ${unixSeconds} within a minute`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function nextBlock(): Promise<void> {
    const height = (await comet.status()).syncInfo.latestBlockHeight;
    while ((await comet.status()).syncInfo.latestBlockHeight <= height) await new Promise((r) => setTimeout(r, 100));
  }

  beforeAll(async () => {
    chain = await startTestChain({ name: "gate", periodSeconds: PERIOD_SECONDS, gateClosureSeconds: GATE_CLOSURE_SECONDS });
    for (const [name, account] of Object.entries(chain.accounts)) if (account !== undefined) addr[name] = account.address;
    comet = await Comet38Client.connect(chain.rpc);
    reader = await GridledgerClient.connect(chain.rpc);
  });

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    reader?.disconnect();
    comet?.disconnect();
    await chain?.stop();
  });

  it("freezes a token at its gate: no purchase, its offer withdrawn, the operator still redispatches until delivery", async () => {
    await expect(reader.query.energy.params()).resolves.toMatchObject({ periodSeconds: 20n, gateClosureSeconds: 10n });
    const operator = await connect("operator");
    const bob = await connect("bob");
    const alice = await connect("alice");
    const admit = (name: string, legalId: string, roles: Role[], tradedCategories: EnergyCategory[] = []) =>
      admitParticipantMsg(addr.operator!, { address: addr[name]!, legalId, displayName: name, roles, positionLimitWh: 1_000_000, tradedCategories });
    await operator.submit(addr.operator!, [
      // bob trades solar too: the consumer side he offers sits on his virtual solar meter.
      admit("bob", "12X-BOB-SOLAR-01", [Role.ROLE_PRODUCER, Role.ROLE_TRADER], [SOLAR]),
      admit("alice", "12X-ALICE-TRADE1", [Role.ROLE_TRADER], [SOLAR]),
      registerMeterMsg(addr.operator!, {
        id: "bob-pv-1",
        pointKind: MeteringPointKind.METERING_POINT_KIND_COMPANY,
        owner: addr.bob!,
        kind: MeterKind.METER_KIND_PRODUCTION,
        category: SOLAR,
        location: { area: "CH-ZH" },
        keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519,
        publicKey: new Uint8Array(32).fill(3),
      }),
    ]);

    // The nearest period whose gate closes at least 8 s from now leaves time to issue and offer.
    const now = BigInt(await blockTime());
    const period = (now + 8n + BigInt(GATE_CLOSURE_SECONDS)) / BigInt(PERIOD_SECONDS) + 1n;
    const gateClosesAt = period * BigInt(PERIOD_SECONDS) - BigInt(GATE_CLOSURE_SECONDS);
    const startsAt = period * BigInt(PERIOD_SECONDS);
    const id = await bob.issueToken(addr.bob!, {
      firstPeriod: period,
      lastPeriod: period + 1n,
      whPerPeriod: 10_000,
      producerMeterId: "bob-pv-1",
      faceValuePerMwh: { denom: CHF, amount: 80_000_000n },
      // A redispatch price of 0: the operator needs no fiat to move the side.
      capabilities: { redispatch: { mobilisationSeconds: 0, pricePerMwh: 0 } },
      consumerAsk: { pricePerMwh: 85_000_000, denom: CHF },
    });
    const offered = () => reader.query.energy.offers({ side: Side.SIDE_CONSUMER, denom: CHF, category: SOLAR });
    expect((await reader.query.energy.token(id)).phase).toBe(TokenPhase.TOKEN_PHASE_OPEN);
    expect((await offered()).tokens.map((t) => t.id)).toEqual([id]);
    await expect(reader.query.energy.periodPhase(period)).resolves.toMatchObject({ period, phase: TokenPhase.TOKEN_PHASE_OPEN, gateClosesAt, startsAt });

    await waitForBlockTime(gateClosesAt);
    // Frozen from the gate on, until its first period starts 10 s later.
    expect((await reader.query.energy.token(id)).phase).toBe(TokenPhase.TOKEN_PHASE_FROZEN);
    await expect(reader.query.energy.periodPhase(period)).resolves.toMatchObject({ period, phase: TokenPhase.TOKEN_PHASE_FROZEN, gateClosesAt, startsAt });
    const buy = alice.buySide(addr.alice!, { tokenId: id, side: Side.SIDE_CONSUMER, maxPricePerMwh: 90_000_000, denom: CHF });
    await expect(buy).rejects.toMatchObject({ codespace: "energy", code: 32, explanation: explainError("energy", 32) });
    await expect(buy).rejects.toThrow(/^This token's first period is past gate closure/);

    // The end of the block that saw the gate close withdrew the offer, announcing a void ask.
    await nextBlock();
    expect((await offered()).tokens).toEqual([]);
    expect((await reader.query.energy.token(id)).consumer?.ask).toEqual(voidAsk);
    await expect(reader.query.energy.periodPhase(0)).resolves.toMatchObject({ offersToClose: 0n, moreOffersToClose: false });
    const query = "gridledger.energy.v1.EventAskChanged.token_id EXISTS";
    const closed = [];
    for (const block of (await comet.blockSearchAll({ query })).blocks) {
      for (const e of (await comet.blockResults(block.block.header.height)).finalizeBlockEvents) {
        if (e.type === "gridledger.energy.v1.EventAskChanged") {
          // Block events carry a plain "mode" attribute (EndBlock) besides the typed event's JSON.
          const typed = e.attributes.filter((a) => a.key !== "mode");
          closed.push(Object.fromEntries(typed.map((a) => [a.key, JSON.parse(a.value) as unknown])));
        }
      }
    }
    expect(closed).toEqual([{ token_id: String(id), side: "SIDE_CONSUMER", ask: { for_sale: false, price_per_mwh: "0", denom: "" } }]);

    // The grid operator still reallocates the frozen token, until its delivery begins.
    const producerToAlice = { tokenId: id, side: Side.SIDE_PRODUCER, to: addr.alice! };
    await expect(operator.redispatch(addr.operator!, producerToAlice)).resolves.toBe(0n);
    expect((await reader.query.energy.token(id)).producer).toEqual({ owner: addr.alice, meterId: `virtual:${addr.alice}:solar`, ask: voidAsk });
    await waitForBlockTime(startsAt);
    expect((await reader.query.energy.token(id)).phase).toBe(TokenPhase.TOKEN_PHASE_IN_DELIVERY);
    const late = operator.redispatch(addr.operator!, { ...producerToAlice, to: addr.bob!, meterId: "bob-pv-1" });
    await expect(late).rejects.toMatchObject({ codespace: "energy", code: 32 });
    await expect(late).rejects.toThrow(/delivery has begun/);
    const statement = await reader.query.energy.operatorStatement({ kind: TradeKind.TRADE_KIND_REDISPATCH });
    expect(statement.acts).toMatchObject([{ tokenId: id, kind: TradeKind.TRADE_KIND_REDISPATCH, seller: addr.bob, buyer: addr.alice, compensation: "0" }]);
  });
});
