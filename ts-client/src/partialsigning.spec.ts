import { Secp256k1Wallet } from "@cosmjs/amino";
import { DirectSecp256k1Wallet } from "@cosmjs/proto-signing";
import { describe, expect, it } from "vitest";

import { BECH32_PREFIX } from "./chain.js";
import { signJointly } from "./jointsigning.js";
import { cancelTokenJointlyMsg } from "./modules/energy/compose.js";
import {
  decodePartlySignedTx,
  encodePartlySignedTx,
  invalidSignatures,
  jointTxFee,
  jointTxMessages,
  jointTxRaw,
  missingSigners,
  prepareJointTx,
  signJointTxPart,
  staleSigners,
} from "./partialsigning.js";
import { createGridledgerAminoTypes, createGridledgerRegistry } from "./registry.js";

// Fixed test keys, never used on a real chain.
const producerKey = new Uint8Array(32).fill(21);
const consumerKey = new Uint8Array(32).fill(22);
const chainId = "gridledger-test-1";
const fee = { amount: [{ denom: "ugrid", amount: "0" }], gas: "300000" };
const registry = createGridledgerRegistry();
const aminoTypes = createGridledgerAminoTypes(registry);

async function owners() {
  const producer = await DirectSecp256k1Wallet.fromKey(producerKey, BECH32_PREFIX);
  const producerAmino = await Secp256k1Wallet.fromKey(producerKey, BECH32_PREFIX);
  const consumer = await DirectSecp256k1Wallet.fromKey(consumerKey, BECH32_PREFIX);
  const [p] = await producer.getAccounts();
  const [c] = await consumer.getAccounts();
  if (p === undefined || c === undefined) throw new Error("wallet without account");
  return { producer, producerAmino, consumer, p, c };
}

describe("a joint transaction signed by one owner, then the other", () => {
  it("ends as the same transaction signJointly makes with both keys at once", async () => {
    const { producer, consumer, p, c } = await owners();
    const msg = cancelTokenJointlyMsg({ producerOwner: p.address, consumerOwner: c.address }, 7);
    const unsigned = prepareJointTx({
      registry,
      aminoTypes,
      chainId,
      fee,
      messages: [msg],
      signers: [
        { address: p.address, pubkey: { type: "tendermint/PubKeySecp256k1", value: Buffer.from(p.pubkey).toString("base64") }, accountNumber: 5n, sequence: 3n },
        { address: c.address, pubkey: { type: "tendermint/PubKeySecp256k1", value: Buffer.from(c.pubkey).toString("base64") }, accountNumber: 8n, sequence: 1n },
      ],
    });
    expect(missingSigners(unsigned)).toEqual([p.address, c.address]);
    const first = await signJointTxPart(unsigned, { registry, aminoTypes, address: p.address, signer: producer });
    expect(missingSigners(first)).toEqual([c.address]);
    expect(() => jointTxRaw(first)).toThrow(/still lacks the signature/);

    // Handed over as text and read back by the other owner.
    const handed = decodePartlySignedTx(encodePartlySignedTx(first));
    expect(jointTxMessages(handed, registry)).toEqual([msg]);
    expect(jointTxFee(handed)).toEqual(fee);
    expect(await invalidSignatures(handed, registry, aminoTypes)).toEqual([]);
    const both = await signJointTxPart(handed, { registry, aminoTypes, address: c.address, signer: consumer });
    expect(missingSigners(both)).toEqual([]);

    const atOnce = await signJointly({
      registry,
      aminoTypes,
      chainId,
      fee,
      messages: [msg],
      signers: [
        { address: p.address, signer: producer, accountNumber: 5, sequence: 3 },
        { address: c.address, signer: consumer, accountNumber: 8, sequence: 1 },
      ],
    });
    expect(jointTxRaw(both)).toEqual(atOnce);
  });

  it("has an amino signer (a Ledger) sign amino JSON, verifiably", async () => {
    const { producerAmino, consumer, p, c } = await owners();
    const msg = cancelTokenJointlyMsg({ producerOwner: p.address, consumerOwner: c.address }, 9);
    const pubkey = (k: Uint8Array) => ({ type: "tendermint/PubKeySecp256k1", value: Buffer.from(k).toString("base64") });
    const unsigned = prepareJointTx({
      registry,
      aminoTypes,
      chainId,
      fee,
      messages: [msg],
      signers: [
        { address: p.address, pubkey: pubkey(p.pubkey), accountNumber: 5n, sequence: 0n, mode: "amino" },
        { address: c.address, pubkey: pubkey(c.pubkey), accountNumber: 8n, sequence: 0n },
      ],
    });
    const first = await signJointTxPart(unsigned, { registry, aminoTypes, address: p.address, signer: producerAmino });
    const both = await signJointTxPart(first, { registry, aminoTypes, address: c.address, signer: consumer });
    expect(await invalidSignatures(both, registry, aminoTypes)).toEqual([]);
    // A direct-only wallet cannot sign the part prepared for an amino signer.
    const { producer } = await owners();
    await expect(signJointTxPart(unsigned, { registry, aminoTypes, address: p.address, signer: producer })).rejects.toThrow(/cannot sign amino JSON/);
  });

  it("finds a changed transaction, a stale signer, a foreign key and damaged text", async () => {
    const { producer, consumer, p, c } = await owners();
    const msg = cancelTokenJointlyMsg({ producerOwner: p.address, consumerOwner: c.address }, 7);
    const pubkey = (k: Uint8Array) => ({ type: "tendermint/PubKeySecp256k1", value: Buffer.from(k).toString("base64") });
    const signers = [
      { address: p.address, pubkey: pubkey(p.pubkey), accountNumber: 5n, sequence: 3n },
      { address: c.address, pubkey: pubkey(c.pubkey), accountNumber: 8n, sequence: 1n },
    ];
    const first = await signJointTxPart(prepareJointTx({ registry, aminoTypes, chainId, fee, messages: [msg], signers }), { registry, aminoTypes, address: p.address, signer: producer });
    // Another token id under the producer's signature.
    const other = prepareJointTx({ registry, aminoTypes, chainId, fee, messages: [cancelTokenJointlyMsg({ producerOwner: p.address, consumerOwner: c.address }, 8)], signers });
    expect(await invalidSignatures({ ...other, signatures: first.signatures }, registry, aminoTypes)).toEqual([p.address]);

    expect(staleSigners(first, new Map([[p.address, 3n], [c.address, 1n]]))).toEqual([]);
    expect(staleSigners(first, new Map([[p.address, 4n], [c.address, 1n]]))).toEqual([p.address]);

    // The consumer's wallet cannot sign as the producer.
    await expect(signJointTxPart(first, { registry, aminoTypes, address: p.address, signer: consumer })).rejects.toThrow(/does not hold/);
    expect(() => decodePartlySignedTx("hello")).toThrow(/not a partly signed gridledger transaction/);
    expect(() => decodePartlySignedTx(encodePartlySignedTx(first).slice(0, 60))).toThrow(/damaged/);
  });
});
