/**
 * Transactions signed by several accounts, for messages with two signers (x/energy hand-overs,
 * splits, merges and joint cancellations). CosmJS signs with one account only.
 *
 * The Cosmos SDK (v0.53 x/auth/ante SigVerificationDecorator) verifies signature i against signer
 * i of the transaction: the messages' `cosmos.msg.v1.signer` fields in order, without repeats; the
 * first signer pays the fee. Every signer has a SignerInfo (public key, sign mode, its own
 * sequence) in the one AuthInfo, and signs:
 * - SIGN_MODE_DIRECT: SignDoc{body_bytes, auth_info_bytes, chain_id, account_number} with its own
 *   account number, so all direct signers sign the same body and auth info;
 * - SIGN_MODE_LEGACY_AMINO_JSON (Ledger, Keplr's amino mode): the StdSignDoc of the messages with
 *   its own account number and sequence.
 * Signers may mix modes. When any signer signs amino JSON, the body is built from the messages as
 * amino JSON reads them back (fromAmino(toAmino(msg))), as CosmJS does for a single amino signer,
 * so the chain's re-encoding matches what every signer saw.
 */
import {
  getAminoPubkey,
  makeSignDoc as makeAminoSignDoc,
  serializeSignDoc,
  type StdFee,
} from "@cosmjs/amino";
import { fromBase64, toHex } from "@cosmjs/encoding";
import {
  type EncodeObject,
  encodePubkey,
  isOfflineDirectSigner,
  makeSignDoc,
  type OfflineSigner,
  type Registry,
} from "@cosmjs/proto-signing";
import type { AminoTypes } from "@cosmjs/stargate";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, Tx, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";

/** JointSigner is one signer of a jointly signed transaction, with its chain account data. */
export interface JointSigner {
  readonly address: string;
  /** signer holds the address's key: a direct signer signs SIGN_MODE_DIRECT, an amino-only one amino JSON. */
  readonly signer: OfflineSigner;
  readonly accountNumber: bigint | number;
  readonly sequence: bigint | number;
}

export interface SignJointlyOptions {
  readonly registry: Registry;
  /** aminoTypes converts the messages when a signer signs amino JSON. */
  readonly aminoTypes: AminoTypes;
  readonly chainId: string;
  /** signers in the chain's signer order (see energySigners); the first pays the fee. */
  readonly signers: readonly JointSigner[];
  readonly messages: readonly EncodeObject[];
  readonly fee: StdFee;
  readonly memo?: string;
}

async function pubkeyOf(signer: OfflineSigner, address: string) {
  const account = (await signer.getAccounts()).find((a) => a.address === address);
  if (account === undefined) throw new Error(`the signer for ${address} does not hold that account`);
  return encodePubkey(getAminoPubkey(account));
}

function bodyBytes(
  registry: Registry,
  aminoTypes: AminoTypes,
  messages: readonly EncodeObject[],
  memo: string,
  viaAmino: boolean,
): Uint8Array {
  const msgs = viaAmino ? messages.map((m) => aminoTypes.fromAmino(aminoTypes.toAmino(m))) : messages;
  return registry.encode({ typeUrl: "/cosmos.tx.v1beta1.TxBody", value: { messages: msgs, memo } });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return toHex(a) === toHex(b);
}

/**
 * signJointly builds and signs a transaction with every signer, each in its own mode, and returns
 * it ready to broadcast (TxRaw.encode(tx).finish()). It refuses signers that change what they were
 * asked to sign (a wallet editing the fee or memo would invalidate the others' signatures).
 */
export async function signJointly(options: SignJointlyOptions): Promise<TxRaw> {
  const { registry, aminoTypes, chainId, signers, messages, fee } = options;
  const memo = options.memo ?? "";
  if (signers.length === 0) throw new Error("signJointly needs at least one signer");
  const direct = signers.map((s) => isOfflineDirectSigner(s.signer));
  const body = bodyBytes(registry, aminoTypes, messages, memo, direct.includes(false));
  const signerInfos = await Promise.all(
    signers.map(async (s, i) => ({
      publicKey: await pubkeyOf(s.signer, s.address),
      modeInfo: {
        single: { mode: direct[i] === true ? SignMode.SIGN_MODE_DIRECT : SignMode.SIGN_MODE_LEGACY_AMINO_JSON },
      },
      sequence: BigInt(s.sequence),
    })),
  );
  const authInfo = AuthInfo.encode(
    AuthInfo.fromPartial({
      signerInfos,
      fee: { amount: [...fee.amount], gasLimit: BigInt(fee.gas), payer: fee.payer ?? "", granter: fee.granter ?? "" },
    }),
  ).finish();

  const signatures: Uint8Array[] = [];
  for (const s of signers) {
    if (isOfflineDirectSigner(s.signer)) {
      const doc = makeSignDoc(body, authInfo, chainId, Number(s.accountNumber));
      const { signature, signed } = await s.signer.signDirect(s.address, doc);
      if (!sameBytes(signed.bodyBytes, body) || !sameBytes(signed.authInfoBytes, authInfo)) {
        throw new Error(`the signer of ${s.address} changed the transaction; joint transactions must be signed as built`);
      }
      signatures.push(fromBase64(signature.signature));
    } else {
      const doc = makeAminoSignDoc(
        messages.map((m) => aminoTypes.toAmino(m)),
        fee,
        chainId,
        memo,
        s.accountNumber.toString(),
        s.sequence.toString(),
      );
      const { signature, signed } = await s.signer.signAmino(s.address, doc);
      if (!sameBytes(serializeSignDoc(signed), serializeSignDoc(doc))) {
        throw new Error(`the signer of ${s.address} changed the sign document; joint transactions must be signed as built`);
      }
      signatures.push(fromBase64(signature.signature));
    }
  }
  return TxRaw.fromPartial({ bodyBytes: body, authInfoBytes: authInfo, signatures });
}

/**
 * simulationTxBytes is the unsigned transaction the tx service's Simulate estimates gas for: every
 * signer's public key and sequence, empty signatures (the node skips verification when simulating).
 */
export async function simulationTxBytes(
  registry: Registry,
  signers: readonly Omit<JointSigner, "accountNumber">[],
  messages: readonly EncodeObject[],
  memo = "",
): Promise<Uint8Array> {
  const signerInfos = await Promise.all(
    signers.map(async (s) => ({
      publicKey: await pubkeyOf(s.signer, s.address),
      modeInfo: { single: { mode: SignMode.SIGN_MODE_UNSPECIFIED } },
      sequence: BigInt(s.sequence),
    })),
  );
  const tx = Tx.fromPartial({
    body: { messages: messages.map((m) => registry.encodeAsAny(m)), memo },
    authInfo: { signerInfos, fee: {} },
    signatures: signers.map(() => new Uint8Array()),
  });
  return Tx.encode(tx).finish();
}
