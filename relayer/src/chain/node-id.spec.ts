import { createHash, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { nodeIdFromNodeKey } from "./node-id.js";

describe("nodeIdFromNodeKey", () => {
  it("hashes the public half of the ed25519 key", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const seed = Buffer.from(privateKey.export({ format: "jwk" }).d as string, "base64url");
    const pub = Buffer.from(publicKey.export({ format: "jwk" }).x as string, "base64url");
    const nodeKey = JSON.stringify({ priv_key: { type: "tendermint/PrivKeyEd25519", value: Buffer.concat([seed, pub]).toString("base64") } });
    const id = nodeIdFromNodeKey(nodeKey);
    expect(id).toMatch(/^[0-9a-f]{40}$/);
    expect(id).toBe(createHash("sha256").update(pub).digest("hex").slice(0, 40));
  });

  it("refuses other key types", () => {
    expect(() => nodeIdFromNodeKey('{"priv_key":{"type":"tendermint/PrivKeySecp256k1","value":"AA=="}}')).toThrow(/only tendermint\/PrivKeyEd25519/);
  });
});
