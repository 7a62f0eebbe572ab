/**
 * Jointly signed transactions that travel from owner to owner: the first owner prepares the
 * transaction and signs its part, hands the partly signed transaction over as text (a chat
 * message, an e-mail), and the other owner reads what it does, signs its part and broadcasts it.
 * signJointly (jointsigning.ts) needs every key in one place; this does not.
 *
 * Every signature covers the one AuthInfo, which names every signer's public key, sign mode and
 * sequence: so the preparer needs the other signers' public keys (from the chain: an account that
 * has sent a transaction has one) and fixes every signer's sequence. A signer that sends another
 * transaction before the last signature makes the transaction stale: it must be prepared again
 * (staleSigners tells).
 */
import { type Pubkey, makeSignDoc as makeAminoSignDoc, serializeSignDoc, type StdFee } from "@cosmjs/amino";
import { Secp256k1, Secp256k1Signature, sha256 } from "@cosmjs/crypto";
import { fromBase64, toBase64, toHex } from "@cosmjs/encoding";
import {
  decodePubkey,
  type EncodeObject,
  encodePubkey,
  isOfflineDirectSigner,
  makeSignBytes,
  makeSignDoc,
  type OfflineSigner,
  type Registry,
} from "@cosmjs/proto-signing";
import type { AminoTypes } from "@cosmjs/stargate";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";

/** JointTxSigner is one signer of a partly signed transaction, as the chain knew it when prepared. */
export interface JointTxSigner {
  readonly address: string;
  readonly accountNumber: bigint;
  readonly sequence: bigint;
}

/**
 * PartlySignedTx is a transaction with several signers of which some have signed. Signatures are
 * in signer order; an empty one is still missing.
 */
export interface PartlySignedTx {
  readonly chainId: string;
  readonly bodyBytes: Uint8Array;
  readonly authInfoBytes: Uint8Array;
  readonly signers: readonly JointTxSigner[];
  readonly signatures: readonly Uint8Array[];
}

/** SignMode of one signer: direct (protobuf) or amino JSON (Ledger, Keplr's amino mode). */
export type JointSignMode = "direct" | "amino";

export interface PrepareJointTxOptions {
  readonly registry: Registry;
  readonly aminoTypes: AminoTypes;
  readonly chainId: string;
  /** signers in the chain's order (energySigners); the first pays the fee. */
  readonly signers: readonly (JointTxSigner & { readonly pubkey: Pubkey; readonly mode?: JointSignMode })[];
  readonly messages: readonly EncodeObject[];
  readonly fee: StdFee;
  readonly memo?: string;
}

/** JOINT_TX_PREFIX starts the text form of a partly signed transaction. */
export const JOINT_TX_PREFIX = "gridledger-joint-tx-v1:";

/**
 * prepareJointTx builds the transaction every signer signs, with no signature yet. When a signer
 * signs amino JSON the body holds the messages as amino JSON reads them back, as in signJointly.
 */
export function prepareJointTx(options: PrepareJointTxOptions): PartlySignedTx {
  const { registry, aminoTypes, signers, messages, fee } = options;
  if (signers.length === 0) throw new Error("a joint transaction needs at least one signer");
  const viaAmino = signers.some((s) => s.mode === "amino");
  const msgs = viaAmino ? messages.map((m) => aminoTypes.fromAmino(aminoTypes.toAmino(m))) : messages;
  const bodyBytes = registry.encode({ typeUrl: "/cosmos.tx.v1beta1.TxBody", value: { messages: msgs, memo: options.memo ?? "" } });
  const authInfoBytes = AuthInfo.encode(
    AuthInfo.fromPartial({
      signerInfos: signers.map((s) => ({
        publicKey: encodePubkey(s.pubkey),
        modeInfo: { single: { mode: s.mode === "amino" ? SignMode.SIGN_MODE_LEGACY_AMINO_JSON : SignMode.SIGN_MODE_DIRECT } },
        sequence: s.sequence,
      })),
      fee: { amount: [...fee.amount], gasLimit: BigInt(fee.gas), payer: fee.payer ?? "", granter: fee.granter ?? "" },
    }),
  ).finish();
  return {
    chainId: options.chainId,
    bodyBytes,
    authInfoBytes,
    signers: signers.map((s) => ({ address: s.address, accountNumber: BigInt(s.accountNumber), sequence: BigInt(s.sequence) })),
    signatures: signers.map(() => new Uint8Array()),
  };
}

/** jointTxMessages decodes the messages of a partly signed transaction, for showing what it does. */
export function jointTxMessages(tx: PartlySignedTx, registry: Registry): EncodeObject[] {
  return TxBody.decode(tx.bodyBytes).messages.map((any) => ({ typeUrl: any.typeUrl, value: registry.decode(any) as unknown }));
}

/** jointTxMemo is the transaction's memo. */
export function jointTxMemo(tx: PartlySignedTx): string {
  return TxBody.decode(tx.bodyBytes).memo;
}

/** jointTxFee is the fee the first signer pays. */
export function jointTxFee(tx: PartlySignedTx): StdFee {
  const fee = AuthInfo.decode(tx.authInfoBytes).fee;
  return { amount: (fee?.amount ?? []).map((c) => ({ denom: c.denom, amount: c.amount })), gas: (fee?.gasLimit ?? 0n).toString() };
}

function modeOf(tx: PartlySignedTx, index: number): JointSignMode {
  const mode = AuthInfo.decode(tx.authInfoBytes).signerInfos[index]?.modeInfo?.single?.mode;
  return mode === SignMode.SIGN_MODE_LEGACY_AMINO_JSON ? "amino" : "direct";
}

function pubkeyOf(tx: PartlySignedTx, index: number): Pubkey {
  const any = AuthInfo.decode(tx.authInfoBytes).signerInfos[index]?.publicKey;
  const pubkey = any === undefined ? null : decodePubkey(any);
  if (pubkey === null) throw new Error(`the transaction names no public key for signer ${String(index + 1)}`);
  return pubkey;
}

/** signBytes is what signer `index` signs, in the mode the transaction names for it. */
function signBytes(tx: PartlySignedTx, index: number, registry: Registry, aminoTypes: AminoTypes): Uint8Array {
  const signer = tx.signers[index];
  if (signer === undefined) throw new Error(`no signer ${String(index + 1)}`);
  if (modeOf(tx, index) === "direct") return makeSignBytes(makeSignDoc(tx.bodyBytes, tx.authInfoBytes, tx.chainId, Number(signer.accountNumber)));
  const doc = makeAminoSignDoc(
    jointTxMessages(tx, registry).map((m) => aminoTypes.toAmino(m)),
    jointTxFee(tx),
    tx.chainId,
    jointTxMemo(tx),
    signer.accountNumber.toString(),
    signer.sequence.toString(),
  );
  return serializeSignDoc(doc);
}

/** missingSigners lists the addresses whose signature is still missing, in signer order. */
export function missingSigners(tx: PartlySignedTx): string[] {
  return tx.signers.filter((_, i) => (tx.signatures[i]?.length ?? 0) === 0).map((s) => s.address);
}

/**
 * signJointTxPart adds the signature of `address`, whose key `signer` holds, in the mode the
 * transaction names for it. It refuses a signer whose key is not the one the transaction names,
 * and a wallet that cannot sign in that mode or changes what it signs.
 */
export async function signJointTxPart(
  tx: PartlySignedTx,
  options: { readonly registry: Registry; readonly aminoTypes: AminoTypes; readonly address: string; readonly signer: OfflineSigner },
): Promise<PartlySignedTx> {
  const index = tx.signers.findIndex((s) => s.address === options.address);
  const signer = tx.signers[index];
  if (signer === undefined) throw new Error(`${options.address} is not a signer of this transaction`);
  const account = (await options.signer.getAccounts()).find((a) => a.address === options.address);
  if (account === undefined) throw new Error(`the wallet does not hold ${options.address}`);
  const named = pubkeyOf(tx, index);
  if (named.value !== toBase64(account.pubkey)) {
    throw new Error(`the transaction names another public key for ${options.address} than the wallet's; prepare it again`);
  }
  let signature: string;
  if (modeOf(tx, index) === "direct") {
    if (!isOfflineDirectSigner(options.signer)) throw new Error("this wallet signs amino JSON only (a Ledger): the transaction must be prepared for an amino signer");
    const doc = makeSignDoc(tx.bodyBytes, tx.authInfoBytes, tx.chainId, Number(signer.accountNumber));
    const { signature: s, signed } = await options.signer.signDirect(options.address, doc);
    if (toHex(signed.bodyBytes) !== toHex(tx.bodyBytes) || toHex(signed.authInfoBytes) !== toHex(tx.authInfoBytes)) {
      throw new Error("the wallet changed the transaction; joint transactions must be signed as built");
    }
    signature = s.signature;
  } else {
    if (!("signAmino" in options.signer)) throw new Error("this wallet cannot sign amino JSON: the transaction must be prepared for a direct signer");
    const doc = makeAminoSignDoc(
      jointTxMessages(tx, options.registry).map((m) => options.aminoTypes.toAmino(m)),
      jointTxFee(tx),
      tx.chainId,
      jointTxMemo(tx),
      signer.accountNumber.toString(),
      signer.sequence.toString(),
    );
    const { signature: s, signed } = await options.signer.signAmino(options.address, doc);
    if (toHex(serializeSignDoc(signed)) !== toHex(serializeSignDoc(doc))) {
      throw new Error("the wallet changed the sign document; joint transactions must be signed as built");
    }
    signature = s.signature;
  }
  return { ...tx, signatures: tx.signatures.map((sig, i) => (i === index ? fromBase64(signature) : sig)) };
}

/**
 * invalidSignatures lists the signers whose signature does not verify against the public key the
 * transaction names for them (a transaction changed after it was signed).
 */
export async function invalidSignatures(tx: PartlySignedTx, registry: Registry, aminoTypes: AminoTypes): Promise<string[]> {
  const bad: string[] = [];
  for (const [i, s] of tx.signers.entries()) {
    const signature = tx.signatures[i];
    if (signature === undefined || signature.length === 0) continue;
    let ok = false;
    try {
      const pubkey = fromBase64(pubkeyOf(tx, i).value as string);
      ok = await Secp256k1.verifySignature(Secp256k1Signature.fromFixedLength(signature), sha256(signBytes(tx, i, registry, aminoTypes)), pubkey);
    } catch {
      ok = false;
    }
    if (!ok) bad.push(s.address);
  }
  return bad;
}

/**
 * staleSigners lists the signers whose account has moved to another sequence since the
 * transaction was prepared (it sent a transaction in between): the chain would refuse it.
 */
export function staleSigners(tx: PartlySignedTx, sequences: ReadonlyMap<string, bigint | number>): string[] {
  return tx.signers.filter((s) => {
    const now = sequences.get(s.address);
    return now !== undefined && BigInt(now) !== s.sequence;
  }).map((s) => s.address);
}

/** jointTxRaw is the transaction to broadcast once every signer signed. */
export function jointTxRaw(tx: PartlySignedTx): TxRaw {
  const missing = missingSigners(tx);
  if (missing.length > 0) throw new Error(`the transaction still lacks the signature of ${missing.join(", ")}`);
  return TxRaw.fromPartial({ bodyBytes: tx.bodyBytes, authInfoBytes: tx.authInfoBytes, signatures: [...tx.signatures] });
}

interface JointTxJson {
  chainId: string;
  body: string;
  authInfo: string;
  signers: { address: string; accountNumber: string; sequence: string }[];
  signatures: string[];
}

/** encodePartlySignedTx is the text to hand to the other signers: JOINT_TX_PREFIX and base64 JSON. */
export function encodePartlySignedTx(tx: PartlySignedTx): string {
  const json: JointTxJson = {
    chainId: tx.chainId,
    body: toBase64(tx.bodyBytes),
    authInfo: toBase64(tx.authInfoBytes),
    signers: tx.signers.map((s) => ({ address: s.address, accountNumber: s.accountNumber.toString(), sequence: s.sequence.toString() })),
    signatures: tx.signatures.map((s) => toBase64(s)),
  };
  return JOINT_TX_PREFIX + toBase64(new TextEncoder().encode(JSON.stringify(json)));
}

/** decodePartlySignedTx reads encodePartlySignedTx's text back; it throws on anything else. */
export function decodePartlySignedTx(text: string): PartlySignedTx {
  const trimmed = text.replace(/\s+/g, "");
  if (!trimmed.startsWith(JOINT_TX_PREFIX)) throw new Error(`not a partly signed gridledger transaction (it starts with ${JOINT_TX_PREFIX})`);
  let json: JointTxJson;
  try {
    json = JSON.parse(new TextDecoder().decode(fromBase64(trimmed.slice(JOINT_TX_PREFIX.length)))) as JointTxJson;
  } catch {
    throw new Error("the partly signed transaction is damaged (incomplete copy?)");
  }
  if (typeof json.chainId !== "string" || !Array.isArray(json.signers) || !Array.isArray(json.signatures) || json.signers.length !== json.signatures.length) {
    throw new Error("the partly signed transaction is damaged (incomplete copy?)");
  }
  const tx: PartlySignedTx = {
    chainId: json.chainId,
    bodyBytes: fromBase64(json.body),
    authInfoBytes: fromBase64(json.authInfo),
    signers: json.signers.map((s) => ({ address: s.address, accountNumber: BigInt(s.accountNumber), sequence: BigInt(s.sequence) })),
    signatures: json.signatures.map((s) => fromBase64(s)),
  };
  if (AuthInfo.decode(tx.authInfoBytes).signerInfos.length !== tx.signers.length) throw new Error("the partly signed transaction is damaged (its signers do not match)");
  return tx;
}
