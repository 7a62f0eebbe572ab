import { createHash } from "node:crypto";

/**
 * nodeIdFromNodeKey computes a CometBFT node ID from the contents of config/node_key.json:
 * the hex of the first 20 bytes of SHA-256 over the ed25519 public key (the last 32 bytes of
 * the 64-byte private key value).
 */
export function nodeIdFromNodeKey(nodeKeyJson: string): string {
  const parsed = JSON.parse(nodeKeyJson) as { priv_key?: { type?: string; value?: string } };
  const key = parsed.priv_key;
  if (key?.type !== "tendermint/PrivKeyEd25519" || typeof key.value !== "string") {
    throw new Error(`node_key.json holds a ${key?.type ?? "missing"} key; only tendermint/PrivKeyEd25519 is supported`);
  }
  const priv = Buffer.from(key.value, "base64");
  if (priv.length !== 64) throw new Error(`node_key.json private key has ${priv.length} bytes, expected 64`);
  return createHash("sha256").update(priv.subarray(32)).digest().subarray(0, 20).toString("hex");
}
