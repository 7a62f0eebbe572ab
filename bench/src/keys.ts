/**
 * Keys and offline signing for the benchmark: many accounts, transactions signed ahead of time
 * (SIGN_MODE_DIRECT, explicit account number and sequence, fixed gas, zero fee) so that signing
 * never counts in a measurement.
 */
import { encodeSecp256k1Pubkey, makeCosmoshubPath, rawSecp256k1PubkeyToRawAddress } from "@cosmjs/amino";
import { Bip39, EnglishMnemonic, Secp256k1, sha256, Slip10, Slip10Curve } from "@cosmjs/crypto";
import { toBech32, toHex, toUtf8 } from "@cosmjs/encoding";
import { type EncodeObject, encodePubkey, makeAuthInfoBytes, makeSignBytes, makeSignDoc, type Registry } from "@cosmjs/proto-signing";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";

import { BECH32_PREFIX } from "../../ts-client/src/chain.js";

/** Key is one account that signs: its private key, address, and the account state we track. */
export interface Key {
  name: string;
  address: string;
  privkey: Uint8Array;
  pubkeyAny: ReturnType<typeof encodePubkey>;
  /** The amino form of the public key, as simulation wants it. */
  aminoPubkey: ReturnType<typeof encodeSecp256k1Pubkey>;
  /** Set once the account exists on chain. */
  accountNumber: bigint;
  /** The next sequence to sign with; advanced by sign(). */
  sequence: bigint;
}

function keyFromPrivkey(name: string, privkey: Uint8Array): Key {
  const pubkey = Secp256k1.compressPubkey(Secp256k1.makeKeypair(privkey).pubkey);
  return {
    name,
    address: toBech32(BECH32_PREFIX, rawSecp256k1PubkeyToRawAddress(pubkey)),
    privkey,
    pubkeyAny: encodePubkey(encodeSecp256k1Pubkey(pubkey)),
    aminoPubkey: encodeSecp256k1Pubkey(pubkey),
    accountNumber: -1n,
    sequence: 0n,
  };
}

/**
 * benchKey derives bench account i from a fixed seed: the same addresses every run, no keyring,
 * no mnemonic stretching (thousands of accounts take milliseconds). TEST ONLY.
 */
export function benchKey(i: number, seed = "gridledger-bench"): Key {
  return keyFromPrivkey(`bench-${i}`, sha256(toUtf8(`${seed}/${i}`)));
}

/** keyFromMnemonic derives the first Cosmos Hub path (coin type 118) key of a mnemonic. */
export async function keyFromMnemonic(name: string, mnemonic: string): Promise<Key> {
  const seed = await Bip39.mnemonicToSeed(new EnglishMnemonic(mnemonic));
  const { privkey } = Slip10.derivePath(Slip10Curve.Secp256k1, seed, makeCosmoshubPath(0));
  return keyFromPrivkey(name, privkey);
}

/** SignedTx is a ready-to-broadcast transaction and its CometBFT hash (upper-case hex). */
export interface SignedTx {
  bytes: Uint8Array;
  hash: string;
  signer: string;
  sequence: bigint;
}

/**
 * signTx signs `messages` with the key's next sequence (and advances it): zero fee, fixed gas.
 * The transaction hash is sha256 of the bytes, as CometBFT computes it.
 */
export function signTx(registry: Registry, chainId: string, key: Key, messages: readonly EncodeObject[], gas: number, memo = ""): SignedTx {
  if (key.accountNumber < 0n) throw new Error(`account ${key.name} (${key.address}) has no account number yet: fund it first`);
  const bodyBytes = registry.encodeTxBody({ messages: [...messages], memo });
  const sequence = key.sequence;
  const authInfoBytes = makeAuthInfoBytes([{ pubkey: key.pubkeyAny, sequence }], [], gas, undefined, undefined);
  const signDoc = makeSignDoc(bodyBytes, authInfoBytes, chainId, Number(key.accountNumber));
  const signature = Secp256k1.createSignature(sha256(makeSignBytes(signDoc)), key.privkey);
  const bytes = TxRaw.encode(
    TxRaw.fromPartial({ bodyBytes, authInfoBytes, signatures: [new Uint8Array([...signature.r(32), ...signature.s(32)])] }),
  ).finish();
  key.sequence += 1n;
  return { bytes, hash: toHex(sha256(bytes)).toUpperCase(), signer: key.name, sequence };
}
