import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { appConfigEdits, bindAddress, clientConfigEdits, cometConfigEdits, isPrivateHost } from "../chain/config.js";
import { resolveChainSpec, STANDARD_PORTS, validatorEndpoints, validatorPorts, portsFromBase } from "../chain/spec.js";
import { applyTomlEdits, getTomlValue } from "../chain/toml.js";
import { hermesConfig } from "../hermes/config.js";
import { checkHost, checkTopology, loadTopology } from "../topology/load.js";
import { hostedChains, planNetwork } from "../topology/plan.js";
import type { Topology } from "../topology/types.js";
import { copyCommand, exportHosts, hostedValidators, hostInstructions, shellQuote, startCommand } from "./hosts.js";
import { up } from "./up.js";

const HOSTS_YAML = fileURLToPath(new URL("../../topologies/hosts.yaml", import.meta.url));
const DEFAULT_YAML = fileURLToPath(new URL("../../topologies/default.yaml", import.meta.url));

const configToml = `moniker = "node"
[rpc]
laddr = "tcp://127.0.0.1:26657"
pprof_laddr = "localhost:6060"
[p2p]
laddr = "tcp://0.0.0.0:26656"
external_address = ""
persistent_peers = ""
addr_book_strict = true
allow_duplicate_ip = false
[instrumentation]
prometheus_listen_addr = ":26660"
`;
const appToml = `[api]
address = "tcp://localhost:1317"
[grpc]
address = "localhost:9090"
`;
const read = (text: string, section: string, key: string) => JSON.parse(getTomlValue(text, section, key) ?? "null") as unknown;

const minimal = (chains: unknown[]): unknown => ({ name: "t", chains });
const root = (extra: Record<string, unknown> = {}) => ({ name: "root", chainId: "grid-root-1", level: "transmission", gridOperator: "op", ...extra });

describe("topology hosts", () => {
  it("loads hosts.yaml: every validator on a host of its own in the test range", async () => {
    const t = await loadTopology(HOSTS_YAML);
    expect(t.chains.map((c) => c.hosts)).toEqual([["10.77.0.11", "10.77.0.12", "10.77.0.13", "10.77.0.14"], ["10.77.0.21"]]);
  });

  it("accepts IPv4 addresses and DNS names", () => {
    expect(() => checkTopology(minimal([root({ validators: 2, hosts: ["192.0.2.10", "val-1.grid.example"] })]))).not.toThrow();
    expect(checkHost("10.0.1.11")).toBeUndefined();
    expect(checkHost("val-0.grid.example")).toBeUndefined();
  });

  it("refuses a host count that differs from the validators, a shared host, and what is no host", () => {
    const problems = (raw: unknown): string => {
      try {
        checkTopology(raw);
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error("the topology was accepted");
    };
    expect(problems(minimal([root({ validators: 2, hosts: ["10.0.0.1"] })]))).toContain("chains[0].hosts: names 1 host for 2 validators");
    const shared = problems(minimal([root({ hosts: ["10.0.0.1"] }), { ...root({ hosts: ["10.0.0.1"] }), name: "child", chainId: "grid-child-1", level: "distribution", parent: "root" }]));
    expect(shared).toContain('chains[1].hosts[0]: "10.0.0.1" is also chains[0].hosts[0]');
    for (const [host, says] of [
      ["127.0.0.1", "is not a host of its own"],
      ["localhost", "is not a host of its own"],
      ["10.0.0.300", "is not an IPv4 address"],
      ["10.0.0.1:26656", "neither an IPv4 address nor a DNS name"],
      ["fd00::1", "neither an IPv4 address nor a DNS name"],
      ["", "must be an IPv4 address or a DNS name"],
    ] as const) {
      expect(checkHost(host), host).toContain(says);
      expect(problems(minimal([root({ hosts: [host] })]))).toContain("chains[0].hosts[0]");
    }
    expect(problems(minimal([root({ hosts: "10.0.0.1" })]))).toContain("chains[0].hosts: must list one host per validator");
  });
});

describe("planning validators on hosts", () => {
  it("gives every hosted validator the standard ports on its host, and this machine's ports to Hermes only", async () => {
    const plan = planNetwork(await loadTopology(HOSTS_YAML), "/tmp/h", "/opt/gridd");
    expect(hostedChains(plan).map((c) => c.name)).toEqual(["transmission", "regional-east"]);
    const root = plan.chains[0];
    if (!root) throw new Error("no root");
    for (let i = 0; i < 4; i++) expect(validatorPorts(root.spec, i)).toEqual(STANDARD_PORTS);
    expect(validatorEndpoints(root.spec, 2)).toEqual({ rpc: "http://10.77.0.13:26657", rest: "http://10.77.0.13:1317", grpc: "10.77.0.13:9090", node: "tcp://10.77.0.13:26657" });
    // The chains take no block of this machine's ports: Hermes has the first.
    expect([plan.hermes.restPort, plan.hermes.telemetryPort]).toEqual([28100, 28101]);
    expect(hostedValidators(plan).map((v) => [v.chain, v.index, v.moniker, v.host, v.home])).toEqual([
      ["transmission", 0, "transmission", "10.77.0.11", "/tmp/h/transmission/val-0"],
      ["transmission", 1, "transmission-1", "10.77.0.12", "/tmp/h/transmission/val-1"],
      ["transmission", 2, "transmission-2", "10.77.0.13", "/tmp/h/transmission/val-2"],
      ["transmission", 3, "transmission-3", "10.77.0.14", "/tmp/h/transmission/val-3"],
      ["regional-east", 0, "regional-east", "10.77.0.21", "/tmp/h/regional-east/val-0"],
    ]);
    // Hermes' entries point at validator 0 on its host.
    const hermes = hermesConfig(plan.hermes, plan.chains.map((c) => ({ chainId: c.spec.chainId, endpoints: validatorEndpoints(c.spec, 0) })));
    expect(hermes).toContain("rpc_addr = 'http://10.77.0.11:26657'");
    expect(hermes).toContain("event_source = { mode = 'push', url = 'ws://10.77.0.21:26657/websocket'");
    expect(hermes).toContain("grpc_addr = 'http://10.77.0.21:9090'");
  });

  it("a local topology plans as before: no hosts, a block of ports each on 127.0.0.1", async () => {
    const plan = planNetwork(await loadTopology(DEFAULT_YAML), "/tmp/d", "/opt/gridd");
    expect(hostedChains(plan)).toEqual([]);
    expect(validatorEndpoints(plan.chains[0]?.spec as never, 1).rpc).toBe("http://127.0.0.1:27010");
  });

  it("a chain spec needs one distinct host per validator", () => {
    const input = { chainId: "grid-x-1", moniker: "x", home: "/tmp/x", binary: "/opt/gridd", ports: { ...STANDARD_PORTS }, validatorPorts: [{ ...STANDARD_PORTS }], accounts: [{ name: "op", coins: "1ugrid" }], gridOperator: "op", validators: 2 };
    expect(resolveChainSpec({ ...input, hosts: ["10.0.0.1", "10.0.0.2"] }).hosts).toEqual(["10.0.0.1", "10.0.0.2"]);
    expect(() => resolveChainSpec({ ...input, hosts: ["10.0.0.1"] })).toThrow("names 1 hosts for 2 validators");
    expect(() => resolveChainSpec({ ...input, hosts: ["10.0.0.1", "10.0.0.1"] })).toThrow("each validator runs on a host of its own");
    // Without hosts, two validators on one machine cannot share ports.
    expect(() => resolveChainSpec(input)).toThrow("is used twice");
  });
});

describe("config of a validator on its own host", () => {
  const peers = ["aa@10.77.0.12:26656", "bb@10.77.0.13:26656"];

  it("listens on its host (p2p on every interface, pprof local) and names its peers on theirs", () => {
    const config = applyTomlEdits(configToml, cometConfigEdits({ moniker: "transmission", ports: STANDARD_PORTS, blockTime: "1s", persistentPeers: peers, host: "10.77.0.11" }));
    expect(read(config, "rpc", "laddr")).toBe("tcp://10.77.0.11:26657");
    expect(read(config, "rpc", "pprof_laddr")).toBe("127.0.0.1:6060");
    expect(read(config, "p2p", "laddr")).toBe("tcp://0.0.0.0:26656");
    expect(read(config, "p2p", "external_address")).toBe("10.77.0.11:26656");
    expect(read(config, "p2p", "persistent_peers")).toBe(peers.join(","));
    expect(read(config, "p2p", "allow_duplicate_ip")).toBe(false);
    // A private address would be refused by a strict address book.
    expect(read(config, "p2p", "addr_book_strict")).toBe(false);
    expect(read(config, "instrumentation", "prometheus_listen_addr")).toBe("10.77.0.11:26660");
    const app = applyTomlEdits(appToml, appConfigEdits(STANDARD_PORTS, "pebbledb", "10.77.0.11"));
    expect(read(app, "api", "address")).toBe("tcp://10.77.0.11:1317");
    expect(read(app, "grpc", "address")).toBe("10.77.0.11:9090");
    expect(clientConfigEdits("grid-x-1", STANDARD_PORTS, "10.77.0.11").find((e) => e.key === "node")?.value).toBe("tcp://10.77.0.11:26657");
  });

  it("on a public address keeps a strict address book; on a DNS name listens on every interface", () => {
    const publicConfig = applyTomlEdits(configToml, cometConfigEdits({ moniker: "m", ports: STANDARD_PORTS, blockTime: "1s", persistentPeers: [], host: "203.0.113.7" }));
    expect(read(publicConfig, "p2p", "addr_book_strict")).toBe(true);
    const named = applyTomlEdits(configToml, cometConfigEdits({ moniker: "m", ports: STANDARD_PORTS, blockTime: "1s", persistentPeers: [], host: "val-0.grid.example" }));
    expect(read(named, "rpc", "laddr")).toBe("tcp://0.0.0.0:26657");
    expect(read(named, "p2p", "external_address")).toBe("val-0.grid.example:26656");
    expect(read(named, "p2p", "addr_book_strict")).toBe(true);
  });

  it("a local validator keeps everything on 127.0.0.1", () => {
    const ports = portsFromBase(30000);
    const config = applyTomlEdits(configToml, cometConfigEdits({ moniker: "m", ports, blockTime: "1s", persistentPeers: [] }));
    expect(read(config, "p2p", "laddr")).toBe("tcp://127.0.0.1:30001");
    expect(read(config, "p2p", "external_address")).toBe("");
    expect(read(config, "p2p", "allow_duplicate_ip")).toBe(true);
    expect(read(config, "p2p", "addr_book_strict")).toBe(false);
    expect(read(applyTomlEdits(appToml, appConfigEdits(ports)), "grpc", "address")).toBe("127.0.0.1:30002");
  });

  it("tells private addresses and bindable ones apart", () => {
    for (const h of ["10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "127.0.0.2", "169.254.1.1", "100.64.0.1", "db.internal"]) expect(isPrivateHost(h), h).toBe(true);
    for (const h of ["172.32.0.1", "192.0.2.1", "8.8.8.8", "val.grid.example"]) expect(isPrivateHost(h), h).toBe(false);
    expect(bindAddress("10.77.0.11")).toBe("10.77.0.11");
    expect(bindAddress("val.grid.example")).toBe("0.0.0.0");
  });
});

describe("export-hosts instructions", () => {
  it("say per validator where it runs, its peer address, how to copy and start it; the ports; Hermes' keys", async () => {
    const plan = planNetwork(await loadTopology(HOSTS_YAML), "/srv/net", "/opt/gridd");
    const validators = hostedValidators(plan).map((v, i) => ({ ...v, nodeId: `id${i}` }));
    const text = hostInstructions({
      network: "hosts",
      topologyFile: "relayer/topologies/hosts.yaml",
      home: "/srv/net",
      validators,
      hermesConfig: "/srv/net/hermes/config.toml",
      hermesKeys: [{ chainId: "gridledger-transmission-1", mnemonicFile: "/srv/net/hermes/relayer-transmission.mnemonic" }],
    });
    expect(text).toContain("gridledger-transmission-1");
    expect(text).toContain("val-3 transmission-3 on 10.77.0.14, peer id3@10.77.0.14:26656");
    expect(text).toContain("copy:  rsync -a /srv/net/transmission/val-3/ 10.77.0.14:.gridd/");
    expect(text).toContain(`start: ssh 10.77.0.21 ${startCommand()}`);
    expect(text).toContain("26656 p2p: open to the other validators of its chain");
    expect(text).toContain("hermes --config /srv/net/hermes/config.toml keys add --chain gridledger-transmission-1 --key-name relayer --mnemonic-file /srv/net/hermes/relayer-transmission.mnemonic");
    expect(text).toContain("gridnet up --remote --topology relayer/topologies/hosts.yaml --home /srv/net");
    expect(startCommand()).toBe("gridd start --home ~/.gridd");
  });

  it("quotes paths a shell would split", () => {
    expect(shellQuote("/srv/net/val-0/")).toBe("/srv/net/val-0/");
    expect(shellQuote("/srv/my net/it's")).toBe(`'/srv/my net/it'\\''s'`);
    expect(copyCommand({ home: "/srv/my net/val-0", host: "10.0.0.1" })).toBe("rsync -a '/srv/my net/val-0/' 10.0.0.1:.gridd/");
  });
});

describe("refusals before anything is written or started", () => {
  it("export-hosts refuses a topology whose chains run here", async () => {
    await expect(exportHosts({ topologyFile: DEFAULT_YAML, home: "/nonexistent/never-written", binary: "/opt/gridd" })).rejects.toThrow(
      "transmission, regional-east, regional-west, local-valley name no hosts",
    );
  });

  it("up refuses a hosted topology unless told the validators run remotely (or how to reach their hosts)", async () => {
    const home = await mkdtemp(join(tmpdir(), "gridnet-hosts-up-"));
    try {
      await expect(up({ topologyFile: HOSTS_YAML, home, binary: "/opt/gridd", log: () => undefined })).rejects.toThrow(
        /puts the validators of transmission, regional-east on hosts of their own .*gridnet export-hosts.*gridnet up --remote/s,
      );
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it("a topology checks its hosts through the same rules", () => {
    const t: Topology = { name: "x", chains: [{ name: "root", chainId: "grid-root-1", level: "transmission", gridOperator: "op", validators: 1, hosts: ["10.0.0.1"] }] };
    expect(checkTopology(t).chains[0]?.hosts).toEqual(["10.0.0.1"]);
  });
});
