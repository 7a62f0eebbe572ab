import { Ed25519, Secp256k1, Secp256k1Signature, sha256 } from "@cosmjs/crypto";
import { fromHex, toHex } from "@cosmjs/encoding";
import { describe, expect, it } from "vitest";

import { KeyAlgorithm } from "../../generated/gridledger/balancing/v1/types.js";
import { householdCommitment, meterPublicKey, readingSignBytes, signReading } from "./signing.js";

// The test vectors of docs/adr/010-signed-meter-readings.md, checked in Go by
// chain/x/delivery/types/signbytes_test.go.
const seed = fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
const chainId = "gridledger-lv-1";
const vector = {
  pub: "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8",
  bytes:
    "475249444c45444745522d52454144494e4701000f677269646c65646765722d6c762d31002143483130313233303132333435303030303030303030303030303030303132333400000000001e0000000000000012d68700",
  sig: "f29e887f044a685498973a0499be13c1aaac1e9e32284905dbf9c7f49e35faf34b57fb4a229f0902d4777af32909528ed4ea9e799e98c21ad21c5c82681c9807",
  commitment: "7caedc15c08ab8b134e9505b27ce8db191dfc120da3f5bff156c762bc71441b2",
  aggBytes:
    "475249444c45444745522d52454144494e4701000f677269646c65646765722d6c762d31000f43482d4147472d52455441494c2d3100000000001e000000000000000006c2207caedc15c08ab8b134e9505b27ce8db191dfc120da3f5bff156c762bc71441b2",
  aggSig:
    "6ca4a8df25b2c252652bc8d646c4b0ede3732e3a0dc1f39d760d324a1ee7a2018241cdce93a6ce5638a189fe00a825f111c565a8da49ecb717e3d8431ed77e04",
};

describe("reading sign bytes (ADR 010)", () => {
  const edKey = { algorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519, privkey: seed } as const;

  it("match the company meter vector, bytes and ed25519 signature", async () => {
    const reading = { meterId: "CH1012301234500000000000000001234", period: 1966080n, wh: 1234567n };
    expect(toHex(readingSignBytes(chainId, reading))).toBe(vector.bytes);
    expect(toHex(await meterPublicKey(edKey))).toBe(vector.pub);
    const signed = await signReading(edKey, chainId, reading);
    expect(toHex(signed.signature)).toBe(vector.sig);
    expect(signed).toMatchObject({ meterId: reading.meterId, period: 1966080n, wh: 1234567n });
  });

  it("match the aggregation point vector, its household commitment included", async () => {
    const { commitment, wh } = householdCommitment([
      { ref: "hh-5c2d81e0b6a4", wh: 0 },
      { ref: "hh-b71e0c2a9d4f", wh: 420 },
      { ref: "hh-03f9aa51c7e2", wh: 1310 },
    ]);
    expect(toHex(commitment)).toBe(vector.commitment);
    expect(wh).toBe(1730n);
    const reading = { meterId: "CH-AGG-RETAIL-1", period: 1966080, wh, commitment };
    expect(toHex(readingSignBytes(chainId, reading))).toBe(vector.aggBytes);
    expect(toHex((await signReading(edKey, chainId, reading)).signature)).toBe(vector.aggSig);
  });

  it("sign with secp256k1 as the chain verifies: 64-byte low-s r || s over SHA-256", async () => {
    const privkey = sha256(new TextEncoder().encode("meter secp"));
    const key = { algorithm: KeyAlgorithm.KEY_ALGORITHM_SECP256K1, privkey } as const;
    const pub = await meterPublicKey(key);
    expect(pub.length).toBe(33);
    const reading = { meterId: "CH-LOAD-1", period: 7, wh: 9 };
    const signed = await signReading(key, chainId, reading);
    expect(signed.signature.length).toBe(64);
    const sig = Secp256k1Signature.fromFixedLength(signed.signature);
    expect(await Secp256k1.verifySignature(sig, sha256(readingSignBytes(chainId, reading)), pub)).toBe(true);
    // Low s: s <= n/2.
    const halfOrder = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;
    expect(BigInt(`0x${toHex(sig.s())}`) <= halfOrder).toBe(true);
  });

  it("bind the chain id: a signature for one chain does not verify for another", async () => {
    const reading = { meterId: "CH-1", period: 1, wh: 1 };
    const signed = await signReading(edKey, chainId, reading);
    const pub = await meterPublicKey(edKey);
    expect(await Ed25519.verifySignature(signed.signature, readingSignBytes("gridledger-other-1", reading), pub)).toBe(false);
    expect(await Ed25519.verifySignature(signed.signature, readingSignBytes(chainId, reading), pub)).toBe(true);
  });

  it("refuse what the chain would refuse", () => {
    expect(() => readingSignBytes("", { meterId: "m", period: 1, wh: 1 })).toThrow(/chain id/);
    expect(() => readingSignBytes(chainId, { meterId: "m".repeat(129), period: 1, wh: 1 })).toThrow(/meter id/);
    expect(() => readingSignBytes(chainId, { meterId: "m", period: 1, wh: 1, commitment: new Uint8Array(31) })).toThrow(/commitment/);
    expect(() => householdCommitment([{ ref: "a", wh: 1 }, { ref: "a", wh: 2 }])).toThrow(/twice/);
  });
});
