/**
 * The meter side of ADR 010 (docs/adr/010-signed-meter-readings.md): the canonical bytes a meter
 * signs, signing them with an ed25519 or secp256k1 meter key, and an aggregation point's household
 * commitment. A data hub uses these to sign readings for meters whose keys it holds (tests, demo
 * meters, gateways); a real meter signs in its secure element and the hub only forwards.
 */
import { Ed25519, Secp256k1, sha256 } from "@cosmjs/crypto";

import { KeyAlgorithm } from "../../generated/gridledger/balancing/v1/types.js";
import type { SignedReading } from "../../generated/gridledger/delivery/v1/types.js";

/** READING_SIGN_TAG separates reading signatures from every other use of a meter key. */
export const READING_SIGN_TAG = "GRIDLEDGER-READING";
/** READING_SIGN_VERSION is the sign-bytes layout's version. */
export const READING_SIGN_VERSION = 1;
/** HOUSEHOLD_COMMITMENT_TAG separates household commitments from every other hash. */
export const HOUSEHOLD_COMMITMENT_TAG = "GRIDLEDGER-HOUSEHOLDS";

/** ReadingInput is a reading before it is signed. */
export interface ReadingInput {
  readonly meterId: string;
  readonly period: bigint | number;
  readonly wh: bigint | number;
  /** commitment is an aggregation point's 32-byte household commitment; omit for other meters. */
  readonly commitment?: Uint8Array;
}

/**
 * MeterKey is a meter's private key: for ed25519 the 32-byte seed (RFC 8032 private key), for
 * secp256k1 the 32-byte scalar.
 */
export interface MeterKey {
  readonly algorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519 | KeyAlgorithm.KEY_ALGORITHM_SECP256K1;
  readonly privkey: Uint8Array;
}

const utf8 = new TextEncoder();

function u16(n: number): Uint8Array {
  return new Uint8Array([(n >> 8) & 0xff, n & 0xff]);
}

function u64(n: bigint | number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * readingSignBytes returns the bytes a meter signs for `reading` on chain `chainId` (version 1):
 * tag, version, u16 length + chain id, u16 length + meter id, u64 period, u64 Wh, u8 length +
 * commitment, integers big-endian.
 */
export function readingSignBytes(chainId: string, reading: ReadingInput): Uint8Array {
  const chain = utf8.encode(chainId);
  const meter = utf8.encode(reading.meterId);
  const commitment = reading.commitment ?? new Uint8Array();
  if (chain.length === 0 || chain.length > 255) throw new Error("chain id must be 1-255 bytes");
  if (meter.length === 0 || meter.length > 128) throw new Error("meter id must be 1-128 bytes");
  if (commitment.length !== 0 && commitment.length !== 32) throw new Error("commitment must be empty or 32 bytes");
  return concat([
    utf8.encode(READING_SIGN_TAG),
    new Uint8Array([READING_SIGN_VERSION]),
    u16(chain.length),
    chain,
    u16(meter.length),
    meter,
    u64(reading.period),
    u64(reading.wh),
    new Uint8Array([commitment.length]),
    commitment,
  ]);
}

/** meterPublicKey returns the public key to register for a meter key (ed25519 32, secp256k1 33 bytes). */
export async function meterPublicKey(key: MeterKey): Promise<Uint8Array> {
  if (key.algorithm === KeyAlgorithm.KEY_ALGORITHM_ED25519) {
    return (await Ed25519.makeKeypair(key.privkey)).pubkey;
  }
  return Secp256k1.compressPubkey((await Secp256k1.makeKeypair(key.privkey)).pubkey);
}

/**
 * signReading signs `reading` for `chainId` with a meter key: pure Ed25519 over the bytes, or
 * secp256k1 ECDSA over their SHA-256 (64-byte r || s, low s), as the chain verifies them.
 */
export async function signReading(key: MeterKey, chainId: string, reading: ReadingInput): Promise<SignedReading> {
  const bytes = readingSignBytes(chainId, reading);
  let signature: Uint8Array;
  if (key.algorithm === KeyAlgorithm.KEY_ALGORITHM_ED25519) {
    signature = await Ed25519.createSignature(bytes, await Ed25519.makeKeypair(key.privkey));
  } else {
    signature = (await Secp256k1.createSignature(sha256(bytes), key.privkey)).toFixedLength().slice(0, 64);
  }
  return {
    meterId: reading.meterId,
    period: BigInt(reading.period),
    wh: BigInt(reading.wh),
    commitment: reading.commitment ?? new Uint8Array(),
    signature,
  };
}

/** HouseholdReading is one household's Wh in an aggregation point's reading, kept off-chain. */
export interface HouseholdReading {
  /** ref is the aggregator's random pseudonym for the household, never a name or address. */
  readonly ref: string;
  readonly wh: bigint | number;
}

/**
 * householdCommitment computes an aggregation point's commitment (as `gridd delivery commitment`):
 * SHA-256 of the tag, version 1, the count and each household in byte order of its ref
 * (u16 length, ref, u64 Wh). It returns the commitment and the sum, which is the reading's Wh.
 */
export function householdCommitment(households: readonly HouseholdReading[]): { commitment: Uint8Array; wh: bigint } {
  const encoded = households.map((h) => ({ ref: utf8.encode(h.ref), wh: BigInt(h.wh) }));
  const compare = (a: Uint8Array, b: Uint8Array): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = (a[i] ?? 0) - (b[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.length - b.length;
  };
  encoded.sort((a, b) => compare(a.ref, b.ref));
  const parts: Uint8Array[] = [utf8.encode(HOUSEHOLD_COMMITMENT_TAG), new Uint8Array([1])];
  const count = new Uint8Array(4);
  new DataView(count.buffer).setUint32(0, encoded.length);
  parts.push(count);
  let sum = 0n;
  encoded.forEach((h, i) => {
    if (h.ref.length === 0 || h.ref.length > 0xffff) throw new Error(`household ${String(i + 1)}: ref must be 1-65535 bytes`);
    const previous = encoded[i - 1];
    if (previous !== undefined && compare(previous.ref, h.ref) === 0) throw new Error("a household is listed twice");
    sum += h.wh;
    parts.push(u16(h.ref.length), h.ref, u64(h.wh));
  });
  if (sum >= 1n << 64n) throw new Error("the households' Wh overflow a uint64");
  return { commitment: sha256(concat(parts)), wh: sum };
}
