/**
 * A small market on a test chain, for suites that look at it from outside (the browser tests):
 * bob, a solar producer who trades, and alice, a trader, admitted with money in their settlement
 * accounts; bob has issued tokens two hours ahead, one of them offered.
 */
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import {
  admitParticipantMsg,
  BECH32_PREFIX,
  currentPeriod,
  EnergyCategory,
  GridledgerClient,
  KeyAlgorithm,
  MeteringPointKind,
  MeterKind,
  mintMsg,
  registerMeterMsg,
  Role,
} from "@gridledger/client";
import type { TestChain } from "@gridledger/relayer";

export const CHF = "uchf.alpine";
const SOLAR = EnergyCategory.ENERGY_CATEGORY_SOLAR;
const chf = (amount: bigint | number) => ({ denom: CHF, amount: BigInt(amount) });

export interface SeededMarket {
  /** client signs as an account of the chain (TEST ONLY keys). */
  client(name: string): Promise<GridledgerClient>;
  address(name: string): string;
  /** first delivery period of the tokens. */
  p0: bigint;
  /** offered: bob's token whose consumer side asks 85 CHF/MWh (4 periods x 250 kWh). */
  offered: bigint;
  /** unoffered: bob's token of the next four periods, not for sale. */
  unoffered: bigint;
  close(): void;
}

/** seedMarket admits bob and alice, funds them and lets bob issue and offer. */
export async function seedMarket(chain: TestChain): Promise<SeededMarket> {
  const clients = new Map<string, Promise<GridledgerClient>>();
  const address = (name: string): string => {
    const a = chain.accounts[name];
    if (a === undefined) throw new Error(`no account ${name}`);
    return a.address;
  };
  const client = (name: string): Promise<GridledgerClient> => {
    let c = clients.get(name);
    if (c === undefined) {
      const mnemonic = chain.accounts[name]?.mnemonic ?? "";
      c = DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: BECH32_PREFIX }).then((w) =>
        GridledgerClient.connectWithSigner(chain.rpc, w, { broadcastPollIntervalMs: 250 }),
      );
      clients.set(name, c);
    }
    return c;
  };

  const operator = await client("operator");
  await operator.submit(address("operator"), [
    admitParticipantMsg(address("operator"), {
      address: address("bob"),
      legalId: "12X-BOB-SOLAR-01",
      displayName: "Bob Solar AG",
      roles: [Role.ROLE_PRODUCER, Role.ROLE_TRADER],
      positionLimitWh: 10_000_000,
      tradedCategories: [SOLAR],
    }),
    admitParticipantMsg(address("operator"), {
      address: address("alice"),
      legalId: "12X-ALICE-TRADE1",
      displayName: "Alice Energy Retail",
      roles: [Role.ROLE_TRADER],
      positionLimitWh: 1_000_000,
      tradedCategories: [SOLAR],
    }),
    registerMeterMsg(address("operator"), {
      id: "bob-pv-1",
      owner: address("bob"),
      kind: MeterKind.METER_KIND_PRODUCTION,
      category: SOLAR,
      location: { area: "CH-ZH" },
      keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519,
      publicKey: new Uint8Array(32).fill(3),
      pointKind: MeteringPointKind.METERING_POINT_KIND_COMPANY,
    }),
  ]);
  const bank = await client("bank");
  await bank.attestReserve(address("bank"), { denom: CHF, reserve: 1_000_000_000_000n, statementHash: new Uint8Array(32).fill(1) });
  const mint = (name: string, amount: number) => mintMsg(address("bank"), { denom: CHF, recipient: address(name), amount, depositReference: `DEP-${name.toUpperCase()}` });
  await bank.submit(address("bank"), [mint("alice", 1_000_000_000), mint("bob", 500_000_000)]);
  const [alice, bob] = await Promise.all([client("alice"), client("bob")]);
  await Promise.all([alice.deposit(address("alice"), chf(600_000_000)), bob.deposit(address("bob"), chf(300_000_000))]);

  const p0 = (await currentPeriod(bob)) + 8n;
  const issue = (first: bigint, price?: bigint) =>
    bob.issueToken(address("bob"), {
      firstPeriod: first,
      lastPeriod: first + 3n,
      whPerPeriod: 250_000,
      producerMeterId: "bob-pv-1",
      faceValuePerMwh: chf(80_000_000),
      ...(price === undefined ? {} : { consumerAsk: { pricePerMwh: price, denom: CHF } }),
    });
  const offered = await issue(p0, 85_000_000n);
  const unoffered = await issue(p0 + 4n);
  const check = await bob.query.energy.token(offered);
  if (check.consumer?.ask?.forSale !== true || check.consumer.ask.pricePerMwh !== 85_000_000n) throw new Error(`token ${offered} is not offered as seeded`);
  return {
    client,
    address,
    p0,
    offered,
    unoffered,
    close() {
      for (const c of clients.values()) void c.then((x) => x.disconnect()).catch(() => undefined);
    },
  };
}
