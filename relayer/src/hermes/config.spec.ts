import { describe, expect, it } from "vitest";
import { endpointsOf, portsFromBase } from "../chain/spec.js";
import { hermesConfig, hermesKeyStore } from "./config.js";
import { cacheDir, hermesBinary, HERMES_VERSION } from "./install.js";

const plan = { home: "/net/hermes", restPort: 27100, telemetryPort: 27101 };
const chains = [
  { chainId: "gridledger-transmission-1", endpoints: endpointsOf(portsFromBase(27000)) },
  { chainId: "gridledger-local-valley-1", endpoints: endpointsOf(portsFromBase(27040)) },
];

describe("hermesConfig", () => {
  const toml = hermesConfig(plan, chains);
  const sections = toml.split("[[chains]]").slice(1);

  it("has one [[chains]] entry per chain, with its RPC, gRPC and websocket on 127.0.0.1", () => {
    expect(sections).toHaveLength(2);
    expect(sections[1]).toContain("id = 'gridledger-local-valley-1'");
    expect(sections[1]).toContain("rpc_addr = 'http://127.0.0.1:27040'");
    expect(sections[1]).toContain("grpc_addr = 'http://127.0.0.1:27042'");
    expect(sections[1]).toContain("url = 'ws://127.0.0.1:27040/websocket'");
  });

  it("signs with the relayer key from the network's own keystore, at zero gas price in ugrid", () => {
    for (const s of sections) {
      expect(s).toContain("key_name = 'relayer'");
      expect(s).toContain(`key_store_folder = '${hermesKeyStore(plan)}'`);
      expect(s).toContain("account_prefix = 'grid'");
      expect(s).toContain("gas_price = { price = 0.0, denom = 'ugrid' }");
    }
  });

  it("serves REST and telemetry on the planned ports and clears packets on start", () => {
    expect(toml).toMatch(/\[rest\]\nenabled = true\nhost = '127.0.0.1'\nport = 27100/);
    expect(toml).toMatch(/\[telemetry\]\nenabled = true\nhost = '127.0.0.1'\nport = 27101/);
    expect(toml).toMatch(/\[mode.packets\]\nenabled = true\nclear_interval = 10\nclear_on_start = true/);
  });
});

describe("hermesBinary", () => {
  it("lives in the tool cache, per pinned version, unless GRIDLEDGER_HERMES says otherwise", () => {
    expect(hermesBinary({ HOME: "/h", GRIDLEDGER_CACHE: "/c" })).toBe(`/c/hermes-${HERMES_VERSION}/bin/hermes`);
    expect(hermesBinary({ GRIDLEDGER_HERMES: "/opt/hermes" })).toBe("/opt/hermes");
    expect(cacheDir({ GRIDLEDGER_CACHE: "/c" })).toBe("/c");
  });
});
