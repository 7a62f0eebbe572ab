import { describe, expect, it } from "vitest";
import { applyTomlEdits, formatTomlValue, getTomlValue, setTomlValue } from "./toml.js";

const sample = `# top comment
proxy_app = "tcp://127.0.0.1:26658"
moniker = "node"

#######################################################
[rpc]

# TCP or UNIX socket address for the RPC server to listen on
laddr = "tcp://127.0.0.1:26657"
cors_allowed_origins = []

[p2p]
laddr = "tcp://0.0.0.0:26656"
# laddr = "commented out"

[telemetry]
global-labels = [
  ["chain_id", "x"]
]
enabled = false

[streaming.abci]
keys = []
`;

describe("setTomlValue", () => {
  it("replaces a key only in its section", () => {
    const out = setTomlValue(sample, "p2p", "laddr", "tcp://127.0.0.1:30001");
    expect(getTomlValue(out, "p2p", "laddr")).toBe('"tcp://127.0.0.1:30001"');
    expect(getTomlValue(out, "rpc", "laddr")).toBe('"tcp://127.0.0.1:26657"');
    expect(out).toContain('# laddr = "commented out"');
  });

  it("edits top-level keys", () => {
    const out = setTomlValue(sample, "", "moniker", "dev");
    expect(getTomlValue(out, "", "moniker")).toBe('"dev"');
    expect(out.split("\n")[0]).toBe("# top comment");
  });

  it("appends a missing key at the end of its section", () => {
    const out = setTomlValue(sample, "rpc", "pprof_laddr", "127.0.0.1:6060");
    const lines = out.split("\n");
    const at = lines.indexOf('pprof_laddr = "127.0.0.1:6060"');
    expect(lines[at - 1]).toBe("cors_allowed_origins = []");
    expect(getTomlValue(out, "rpc", "pprof_laddr")).toBe('"127.0.0.1:6060"');
  });

  it("appends a missing section", () => {
    const out = setTomlValue(sample, "tx_index", "indexer", "kv");
    expect(out.endsWith('[tx_index]\nindexer = "kv"\n')).toBe(true);
  });

  it("does not mistake inline arrays for section headers", () => {
    const out = setTomlValue(sample, "telemetry", "enabled", true);
    expect(getTomlValue(out, "telemetry", "enabled")).toBe("true");
    expect(out).toContain('  ["chain_id", "x"]');
  });

  it("handles dotted section names", () => {
    expect(getTomlValue(setTomlValue(sample, "streaming.abci", "keys", ["*"]), "streaming.abci", "keys")).toBe('["*"]');
  });

  it("is idempotent", () => {
    const edits = [
      { section: "rpc", key: "laddr", value: "tcp://127.0.0.1:1" },
      { section: "x", key: "y", value: 1 },
    ] as const;
    const once = applyTomlEdits(sample, edits);
    expect(applyTomlEdits(once, edits)).toBe(once);
  });
});

describe("formatTomlValue", () => {
  it("quotes and escapes strings", () => expect(formatTomlValue('a"b\\c')).toBe('"a\\"b\\\\c"'));
  it("writes numbers, booleans and string arrays bare", () => {
    expect(formatTomlValue(60)).toBe("60");
    expect(formatTomlValue(false)).toBe("false");
    expect(formatTomlValue(["*", "x"])).toBe('["*", "x"]');
  });
});
