import { makeSignDoc as makeAminoSignDoc, Secp256k1Wallet, serializeSignDoc } from "@cosmjs/amino";
import { Secp256k1, Secp256k1Signature, sha256 } from "@cosmjs/crypto";
import { toBase64 } from "@cosmjs/encoding";
import {
  decodePubkey,
  DirectSecp256k1Wallet,
  makeSignBytes,
  makeSignDoc,
  type OfflineDirectSigner,
} from "@cosmjs/proto-signing";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, Tx } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { describe, expect, it } from "vitest";

import { BECH32_PREFIX } from "./chain.js";
import { Side } from "./generated/gridledger/energy/v1/types.js";
import { signJointly, simulationTxBytes } from "./jointsigning.js";
import { handOverSideMsg } from "./modules/energy/compose.js";
import { createGridledgerAminoTypes, createGridledgerRegistry } from "./registry.js";

// Fixed test keys, never used on a real chain.
const fromKey = new Uint8Array(32).fill(11);
const toKey = new Uint8Array(32).fill(12);
const chainId = "gridledger-test-1";
const fee = { amount: [{ denom: "ugrid", amount: "0" }], gas: "250000" };

async function accounts() {
  const fromDirect = await DirectSecp256k1Wallet.fromKey(fromKey, BECH32_PREFIX);
  const fromAmino = await Secp256k1Wallet.fromKey(fromKey, BECH32_PREFIX);
  const toDirect = await DirectSecp256k1Wallet.fromKey(toKey, BECH32_PREFIX);
  const [from] = await fromDirect.getAccounts();
  const [to] = await toDirect.getAccounts();
  if (from === undefined || to === undefined) throw new Error("wallet without account");
  return { fromDirect, fromAmino, toDirect, from, to };
}

async function verifies(signature: Uint8Array, signBytes: Uint8Array, pubkey: Uint8Array): Promise<boolean> {
  return Secp256k1.verifySignature(Secp256k1Signature.fromFixedLength(signature), sha256(signBytes), pubkey);
}

describe("signJointly", () => {
  const registry = createGridledgerRegistry();
  const aminoTypes = createGridledgerAminoTypes(registry);

  it("has each direct signer sign the shared body and auth info with its own account number", async () => {
    const { fromDirect, toDirect, from, to } = await accounts();
    const msg = handOverSideMsg({ from: from.address, to: to.address, tokenId: 3, side: Side.SIDE_CONSUMER });
    const tx = await signJointly({
      registry,
      aminoTypes,
      chainId,
      fee,
      memo: "hand-over",
      messages: [msg],
      signers: [
        { address: from.address, signer: fromDirect, accountNumber: 7, sequence: 4 },
        { address: to.address, signer: toDirect, accountNumber: 9n, sequence: 0 },
      ],
    });
    const authInfo = AuthInfo.decode(tx.authInfoBytes);
    expect(authInfo.signerInfos.map((s) => [s.modeInfo?.single?.mode, s.sequence])).toEqual([
      [SignMode.SIGN_MODE_DIRECT, 4n],
      [SignMode.SIGN_MODE_DIRECT, 0n],
    ]);
    expect(authInfo.signerInfos.map((s) => decodePubkey(s.publicKey!)?.value)).toEqual([
      toBase64(from.pubkey),
      toBase64(to.pubkey),
    ]);
    expect(authInfo.fee?.gasLimit).toBe(250000n);
    expect(tx.signatures).toHaveLength(2);
    const own = makeSignBytes(makeSignDoc(tx.bodyBytes, tx.authInfoBytes, chainId, 7));
    const other = makeSignBytes(makeSignDoc(tx.bodyBytes, tx.authInfoBytes, chainId, 9));
    expect(await verifies(tx.signatures[0]!, own, from.pubkey)).toBe(true);
    expect(await verifies(tx.signatures[1]!, other, to.pubkey)).toBe(true);
    // Signing with the other signer's account number would not verify.
    expect(await verifies(tx.signatures[0]!, other, from.pubkey)).toBe(false);
    expect(registry.decodeTxBody(tx.bodyBytes).messages).toStrictEqual([registry.decode(registry.encodeAsAny(msg))]);
  });

  it("lets an amino (Ledger) signer sign its own StdSignDoc next to a direct signer", async () => {
    const { fromAmino, toDirect, from, to } = await accounts();
    const msg = handOverSideMsg({ from: from.address, to: to.address, tokenId: 3, side: Side.SIDE_PRODUCER, meterId: "m" });
    const tx = await signJointly({
      registry,
      aminoTypes,
      chainId,
      fee,
      messages: [msg],
      signers: [
        { address: from.address, signer: fromAmino, accountNumber: 7, sequence: 4 },
        { address: to.address, signer: toDirect, accountNumber: 9, sequence: 2 },
      ],
    });
    const modes = AuthInfo.decode(tx.authInfoBytes).signerInfos.map((s) => s.modeInfo?.single?.mode);
    expect(modes).toEqual([SignMode.SIGN_MODE_LEGACY_AMINO_JSON, SignMode.SIGN_MODE_DIRECT]);
    const aminoDoc = makeAminoSignDoc([aminoTypes.toAmino(msg)], fee, chainId, "", "7", "4");
    expect(await verifies(tx.signatures[0]!, serializeSignDoc(aminoDoc), from.pubkey)).toBe(true);
    const directDoc = makeSignBytes(makeSignDoc(tx.bodyBytes, tx.authInfoBytes, chainId, 9));
    expect(await verifies(tx.signatures[1]!, directDoc, to.pubkey)).toBe(true);
  });

  it("refuses a signer that changes what it signs, and a signer without the account", async () => {
    const { toDirect, from, to } = await accounts();
    const editing: OfflineDirectSigner = {
      getAccounts: async () => [from],
      signDirect: async (address, doc) => {
        const real = await DirectSecp256k1Wallet.fromKey(fromKey, BECH32_PREFIX);
        return real.signDirect(address, { ...doc, bodyBytes: new Uint8Array([...doc.bodyBytes, 0]) });
      },
    };
    const msg = handOverSideMsg({ from: from.address, to: to.address, tokenId: 1, side: Side.SIDE_PRODUCER });
    const base = { registry, aminoTypes, chainId, fee, messages: [msg] };
    await expect(
      signJointly({
        ...base,
        signers: [
          { address: from.address, signer: editing, accountNumber: 1, sequence: 0 },
          { address: to.address, signer: toDirect, accountNumber: 2, sequence: 0 },
        ],
      }),
    ).rejects.toThrow(/changed the transaction/);
    await expect(
      signJointly({ ...base, signers: [{ address: from.address, signer: toDirect, accountNumber: 1, sequence: 0 }] }),
    ).rejects.toThrow(/does not hold that account/);
  });

  it("builds the unsigned simulation transaction with every signer's key", async () => {
    const { fromDirect, toDirect, from, to } = await accounts();
    const msg = handOverSideMsg({ from: from.address, to: to.address, tokenId: 1, side: Side.SIDE_PRODUCER });
    const bytes = await simulationTxBytes(
      registry,
      [
        { address: from.address, signer: fromDirect, sequence: 3 },
        { address: to.address, signer: toDirect, sequence: 5 },
      ],
      [msg],
    );
    const tx = Tx.decode(bytes);
    expect(tx.signatures).toEqual([new Uint8Array(), new Uint8Array()]);
    expect(tx.authInfo?.signerInfos.map((s) => s.sequence)).toEqual([3n, 5n]);
    expect(tx.body?.messages[0]?.typeUrl).toBe("/gridledger.energy.v1.MsgHandOverSide");
  });
});
