/**
 * The registry end to end: a real gridd node, the grid operator admitting participants and
 * registering meters through @gridledger/client (direct and amino signing) and the gridd
 * CLI, everything read back through the query extensions.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { Secp256k1, sha256 } from "@cosmjs/crypto";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import {
  BECH32_PREFIX,
  EnergyCategory,
  GridledgerClient,
  GridledgerTxError,
  KeyAlgorithm,
  MeteringPointKind,
  MeterKind,
  ParticipantStatus,
  Role,
} from "@gridledger/client";
import { startTestChain, type TestChain } from "@gridledger/relayer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);

async function meterKey(seed: string): Promise<Uint8Array> {
  const keypair = await Secp256k1.makeKeypair(sha256(new TextEncoder().encode(seed)));
  return Secp256k1.compressPubkey(keypair.pubkey);
}

describe("registry on a real gridd node", () => {
  let chain: TestChain;
  let operator: GridledgerClient;
  let operatorAddress: string;

  beforeAll(async () => {
    chain = await startTestChain({ name: "registry" });
    const op = chain.accounts.operator;
    operatorAddress = op.address;
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(op.mnemonic, { prefix: BECH32_PREFIX });
    operator = await GridledgerClient.connectWithSigner(chain.rpc, wallet);
  });

  afterAll(async () => {
    operator?.disconnect();
    await chain?.stop();
  });

  it("names the genesis grid operator", async () => {
    const params = await operator.query.balancing.params();
    expect(params.gridOperator).toBe(operatorAddress);
  });

  it("admits a trader with one virtual meter per traded category", async () => {
    const alice = chain.accounts.alice.address;
    await operator.admitParticipant(operatorAddress, {
      address: alice,
      legalId: "12X-ALICE-TRADE1",
      displayName: "Alice Trading AG",
      roles: [Role.ROLE_TRADER],
      positionLimitWh: 5_000_000n,
      tradedCategories: [EnergyCategory.ENERGY_CATEGORY_SOLAR, EnergyCategory.ENERGY_CATEGORY_WIND],
    });

    const p = await operator.query.balancing.participant(alice);
    expect(p).toMatchObject({
      address: alice,
      legalId: "12X-ALICE-TRADE1",
      roles: [Role.ROLE_TRADER],
      status: ParticipantStatus.PARTICIPANT_STATUS_ACTIVE,
      positionLimitWh: 5_000_000n,
    });
    const traders = await operator.query.balancing.participants({ role: Role.ROLE_TRADER });
    expect(traders.participants.map((x) => x.address)).toContain(alice);

    const meters = await operator.query.balancing.meters({ owner: alice });
    expect(meters.meters.map((m) => m.id).sort()).toEqual([`virtual:${alice}:solar`, `virtual:${alice}:wind`]);
    expect(meters.meters.every((m) => m.kind === MeterKind.METER_KIND_VIRTUAL)).toBe(true);
  });

  it("registers a physical meter with its location and key (direct signing)", async () => {
    const bob = chain.accounts.bob.address;
    await operator.admitParticipant(operatorAddress, {
      address: bob,
      legalId: "12X-BOB-SOLAR-01",
      displayName: "Bob Solar Coop",
      roles: [Role.ROLE_PRODUCER],
      positionLimitWh: 1_000_000n,
    });
    const key = await meterKey("bob-meter-1");
    await operator.registerMeter(operatorAddress, {
      id: "CH1012300000000000000000000BOB01",
      owner: bob,
      kind: MeterKind.METER_KIND_PRODUCTION,
      category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
      location: { gridNode: "ZH-SUB-7", area: "CH-ZH", hasCoordinates: true, latCenti: 4737, lonCenti: 854 },
      keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_SECP256K1,
      publicKey: key,
      pointKind: MeteringPointKind.METERING_POINT_KIND_COMPANY,
    });
    const m = await operator.query.balancing.meter("CH1012300000000000000000000BOB01");
    expect(m).toMatchObject({ owner: bob, kind: MeterKind.METER_KIND_PRODUCTION, category: EnergyCategory.ENERGY_CATEGORY_SOLAR });
    expect(m.location).toMatchObject({ gridNode: "ZH-SUB-7", area: "CH-ZH", latCenti: 4737, lonCenti: 854 });
    expect(m.publicKey).toEqual(key);
    const inArea = await operator.query.balancing.meters({ area: "CH-ZH", category: EnergyCategory.ENERGY_CATEGORY_SOLAR });
    expect(inArea.meters.map((x) => x.id)).toEqual(["CH1012300000000000000000000BOB01"]);
  });

  it("registers a meter signed in LEGACY_AMINO_JSON mode, as Ledger and Keplr sign", async () => {
    const wallet = await Secp256k1HdWallet.fromMnemonic(chain.accounts.operator.mnemonic, { prefix: BECH32_PREFIX });
    const amino = await GridledgerClient.connectWithSigner(chain.rpc, wallet);
    try {
      await amino.registerMeter(operatorAddress, {
        id: "CH1012300000000000000000000BOB02",
        owner: chain.accounts.bob.address,
        kind: MeterKind.METER_KIND_PRODUCTION,
        category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
        location: { gridNode: "ZH-SUB-7", area: "CH-ZH", hasCoordinates: false, latCenti: 0, lonCenti: 0 },
        keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519,
        publicKey: new Uint8Array(32).fill(7),
        pointKind: MeteringPointKind.METERING_POINT_KIND_AGGREGATION_POINT,
      });
    } finally {
      amino.disconnect();
    }
    const m = await operator.query.balancing.meter("CH1012300000000000000000000BOB02");
    expect(m.location?.gridNode).toBe("ZH-SUB-7");
  });

  it("refuses a stranger at the door, with a registered error that says what to do and no state change", async () => {
    const carol = chain.accounts.carol;
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(carol.mnemonic, { prefix: BECH32_PREFIX });
    const intruder = await GridledgerClient.connectWithSigner(chain.rpc, wallet);
    try {
      const attempt = intruder.admitParticipant(carol.address, {
        address: carol.address,
        legalId: "12X-CAROL-SELF-1",
        displayName: "Carol",
        roles: [Role.ROLE_CONSUMER],
        positionLimitWh: 0n,
      });
      await expect(attempt).rejects.toBeInstanceOf(GridledgerTxError);
      await expect(attempt).rejects.toMatchObject({ codespace: "balancing", code: 24 });
      await expect(attempt).rejects.toThrow(/ask the grid operator to admit it/);
    } finally {
      intruder.disconnect();
    }
    await expect(operator.query.balancing.participant(carol.address)).rejects.toThrow(/not admitted/);
  });

  it("registers a relayer that may relay IBC messages and nothing else, then removes it", async () => {
    const relayerWallet = await DirectSecp256k1HdWallet.generate(12, { prefix: BECH32_PREFIX });
    const relayer = (await relayerWallet.getAccounts())[0]!.address;
    await operator.registerRelayer(operatorAddress, relayer);
    expect((await operator.query.balancing.relayers()).relayers).toContain(relayer);
    expect(await operator.query.balancing.admission(relayer)).toMatchObject({ relayer: true, gridOperator: false, participant: undefined });
    expect(await operator.query.balancing.admission(operatorAddress)).toMatchObject({ gridOperator: true, relayer: false });

    // The relayer gets some ugrid (the only token outsiders may hold) and tries a bank send: refused.
    await operator.signingClient.sendTokens(operatorAddress, relayer, [{ denom: "ugrid", amount: "1000" }], "auto");
    const asRelayer = await GridledgerClient.connectWithSigner(chain.rpc, relayerWallet);
    try {
      const send = asRelayer.signingClient.sendTokens(relayer, operatorAddress, [{ denom: "ugrid", amount: "1" }], { amount: [], gas: "200000" });
      await expect(send).rejects.toThrow(/may send IBC core messages only/);
      // It cannot register itself either: that is the grid operator's call.
      await expect(asRelayer.registerRelayer(relayer, relayer)).rejects.toMatchObject({ codespace: "balancing", code: 26 });
    } finally {
      asRelayer.disconnect();
    }

    await operator.removeRelayer(operatorAddress, relayer);
    expect((await operator.query.balancing.relayers()).relayers).not.toContain(relayer);
    await expect(operator.removeRelayer(operatorAddress, relayer)).rejects.toMatchObject({ codespace: "balancing", code: 23 });
  });

  it("admits a participant from the gridd CLI", async () => {
    const carol = chain.accounts.carol.address;
    const keyringHome = chain.gridnet.nodes[0]!.home;
    const common = ["--home", keyringHome, "--keyring-backend", "test", "--node", chain.rpc, "--chain-id", chain.chainId];
    await run(chain.spec.binary, [
      "tx", "balancing", "admit-participant", carol, "12X-CAROL-CONS-1", "Carol Consumer GmbH",
      "--roles", "consumer", "--position-limit-wh", "2000", "--from", "operator", "--yes", "--output", "json",
      ...common,
    ]);
    await expect.poll(async () => (await operator.query.balancing.participants({ role: Role.ROLE_CONSUMER })).participants.map((p) => p.address), {
      timeout: 15_000,
    }).toContain(carol);
    const { stdout } = await run(chain.spec.binary, ["query", "balancing", "participant", carol, "--output", "json", "--node", chain.rpc, "--home", keyringHome]);
    expect(JSON.parse(stdout).participant.legal_id).toBe("12X-CAROL-CONS-1");
  });
});
