/**
 * Validators on hosts of their own, on one machine: relayer/topologies/hosts.yaml names a host
 * for every validator (10.77.0.11-14 for the transmission root's four, 10.77.0.21 for
 * regional-east's one). `gridnet export-hosts` writes their homes; this suite gives each host a
 * Linux network namespace with that address on one bridge (the root namespace is 10.77.0.1, where
 * Hermes runs), starts each gridd inside its namespace (`ip netns exec`) from the exported home,
 * and shows consensus across the namespaces, IBC relaying by Hermes across them, and a validator
 * stopped (the root goes on with 3 of 4 votes) and restarted (it catches up and signs again).
 * Operator's guide: docs/operations/validator-host.md; design: docs/adr/028-validators-on-hosts.md.
 *
 * Needs root and iproute2's `ip` (it skips, saying so, without them). It creates only the
 * namespaces glhost-0..4, the veths glhv0..4 and the bridge glhosts0 (10.77.0.0/24), removes
 * leftovers of an earlier run of its own first, and removes them all afterwards, also on failure.
 * Run it under the lock: flock /tmp/gridledger-chain.lock npx vitest run -c test/vitest.network.config.ts hosts
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { BECH32_PREFIX, GridledgerClient } from "@gridledger/client";
import {
  defaultBinary,
  devMnemonic,
  down,
  exportHosts,
  findFreePortBase,
  getTomlValue,
  latestHeight,
  linkChannel,
  REPO_ROOT,
  runningPid,
  startGridd,
  stopNode,
  testPortBase,
  up,
  waitForBlocks,
  type ExportedHosts,
  type NetworkState,
  type StateChain,
} from "@gridledger/relayer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { balance, getJson, voucherDenom, waitFor } from "./support/network.js";

const TOPOLOGY = join(REPO_ROOT, "relayer", "topologies", "hosts.yaml");
const BRIDGE = "glhosts0";
const BRIDGE_ADDRESS = "10.77.0.1/24";
/** The topology's hosts in order; host i lives in namespace glhost-i behind veth glhv<i>. */
const HOSTS = ["10.77.0.11", "10.77.0.12", "10.77.0.13", "10.77.0.14", "10.77.0.21"];
const namespaceOf = (host: string): string => {
  const i = HOSTS.indexOf(host);
  if (i < 0) throw new Error(`host ${host} is not one of the suite's test hosts ${HOSTS.join(", ")}`);
  return `glhost-${i}`;
};

const log = (m: string) => process.stderr.write(`[hosts e2e] ${m}\n`);

/** missingCapability says why this machine cannot run the suite, or undefined when it can. */
function missingCapability(): string | undefined {
  if (process.platform !== "linux") return `network namespaces are Linux's; this is ${process.platform}`;
  if (process.getuid?.() !== 0) return "creating network namespaces needs root (this process is not uid 0)";
  const ip = spawnSync("ip", ["netns", "list"], { encoding: "utf8" });
  if (ip.error !== undefined || ip.status !== 0) return `iproute2's \`ip netns\` does not work here (${ip.error?.message ?? ip.stderr.trim()}); install iproute2`;
  return undefined;
}
const missing = missingCapability();
if (missing !== undefined) log(`SKIPPED: ${missing}`);

const ip = (...args: string[]) => execFileSync("ip", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const ipQuiet = (...args: string[]) => spawnSync("ip", args, { encoding: "utf8" });

/** removeTestHosts kills what runs in the suite's namespaces (only there) and deletes the namespaces and the bridge. */
function removeTestHosts(): void {
  for (const host of HOSTS) {
    const ns = namespaceOf(host);
    const pids = ipQuiet("netns", "pids", ns);
    for (const pid of (pids.stdout ?? "").split(/\s+/).filter(Boolean)) {
      try {
        process.kill(Number(pid), "SIGKILL");
      } catch {
        // gone already
      }
    }
    ipQuiet("netns", "del", ns);
  }
  ipQuiet("link", "del", BRIDGE);
}

/** addTestHosts makes one namespace per host, each with its address on a veth to the bridge. */
function addTestHosts(): void {
  ip("link", "add", BRIDGE, "type", "bridge");
  ip("addr", "add", BRIDGE_ADDRESS, "dev", BRIDGE);
  ip("link", "set", BRIDGE, "up");
  HOSTS.forEach((host, i) => {
    const ns = namespaceOf(host);
    ip("netns", "add", ns);
    ip("link", "add", `glhv${i}`, "type", "veth", "peer", "name", "eth0", "netns", ns);
    ip("link", "set", `glhv${i}`, "master", BRIDGE);
    ip("link", "set", `glhv${i}`, "up");
    ip("-n", ns, "addr", "add", `${host}/24`, "dev", "eth0");
    ip("-n", ns, "link", "set", "eth0", "up");
    ip("-n", ns, "link", "set", "lo", "up");
  });
}

interface CommitSig {
  block_id_flag: number;
  validator_address: string;
}

describe.skipIf(missing !== undefined)("validators on hosts of their own (one network namespace each)", () => {
  let home: string;
  let exported: ExportedHosts;
  let state: NetworkState;
  const binary = defaultBinary();
  const prefix = (host: string) => ["ip", "netns", "exec", namespaceOf(host)];

  const chain = (name: string): StateChain => {
    const c = state.chains.find((x) => x.name === name);
    if (!c) throw new Error(`no chain ${name}`);
    return c;
  };
  /** signers returns the validator addresses whose commit signature for `height` is in block height+1. */
  const signers = async (rpc: string, height: number): Promise<string[]> => {
    const body = await getJson<{ result: { block: { last_commit: { signatures: CommitSig[] } } } }>(`${rpc}/block?height=${height + 1}`);
    return body.result.block.last_commit.signatures.filter((s) => s.block_id_flag === 2).map((s) => s.validator_address);
  };
  const blockHash = async (rpc: string, height: number) => (await getJson<{ result: { block_id: { hash: string } } }>(`${rpc}/block?height=${height}`)).result.block_id.hash;

  beforeAll(async () => {
    removeTestHosts();
    addTestHosts();
    home = await mkdtemp(join(tmpdir(), "gridledger-hosts-"));
    // Hermes' two ports (and the UI's) are the only ones on this machine; the validators use the standard ports on their hosts.
    const portBase = await findFreePortBase(testPortBase(1));
    exported = await exportHosts({ topologyFile: TOPOLOGY, home, portBase, binary, log });
    state = await up({ topologyFile: TOPOLOGY, home, portBase, binary, seed: false, supervise: false, hostPrefix: prefix, log });
  });

  afterAll(async () => {
    try {
      if (home !== undefined) await down(home, log);
    } finally {
      removeTestHosts();
      if (home !== undefined) await rm(home, { recursive: true, force: true });
    }
  });

  it("export-hosts writes every validator's home for its host: peers on their hosts, listening on its own", async () => {
    expect(exported.validators.map((v) => `${v.chain}/${v.index}@${v.host}`)).toEqual([
      "transmission/0@10.77.0.11",
      "transmission/1@10.77.0.12",
      "transmission/2@10.77.0.13",
      "transmission/3@10.77.0.14",
      "regional-east/0@10.77.0.21",
    ]);
    for (const v of exported.validators) {
      const config = await readFile(join(v.home, "config", "config.toml"), "utf8");
      const value = (section: string, key: string) => JSON.parse(getTomlValue(config, section, key) ?? "null") as unknown;
      expect(value("p2p", "laddr")).toBe("tcp://0.0.0.0:26656");
      expect(value("p2p", "external_address")).toBe(`${v.host}:26656`);
      expect(value("rpc", "laddr")).toBe(`tcp://${v.host}:26657`);
      expect(value("p2p", "allow_duplicate_ip")).toBe(false);
      const peers = String(value("p2p", "persistent_peers")).split(",").filter(Boolean);
      const others = exported.validators.filter((o) => o.chain === v.chain && o.index !== v.index);
      expect(peers.sort()).toEqual(others.map((o) => `${o.nodeId}@${o.host}:26656`).sort());
      const app = await readFile(join(v.home, "config", "app.toml"), "utf8");
      expect(JSON.parse(getTomlValue(app, "grpc", "address") ?? "null")).toBe(`${v.host}:9090`);
      // The genesis every host gets names every validator's host in its gentx memo.
      const genesis = JSON.parse(await readFile(join(v.home, "config", "genesis.json"), "utf8")) as { app_state: { genutil: { gen_txs: Array<{ body: { memo: string } }> } } };
      const memos = genesis.app_state.genutil.gen_txs.map((t) => t.body.memo).sort();
      expect(memos).toEqual(exported.validators.filter((o) => o.chain === v.chain).map((o) => `${o.nodeId}@${o.host}:26656`).sort());
    }
    const hermes = await readFile(exported.hermesConfig, "utf8");
    expect(hermes).toContain("rpc_addr = 'http://10.77.0.11:26657'");
    expect(hermes).toContain("grpc_addr = 'http://10.77.0.21:9090'");
    expect(exported.instructions).toContain("gridd start --home ~/.gridd");
    for (const host of HOSTS) expect(exported.instructions).toContain(`on ${host}`);
  });

  it("runs each validator in its own namespace and they agree on every block", async () => {
    for (const c of state.chains) {
      for (const node of c.nodes) {
        const pid = await runningPid(node.home);
        expect(pid, `${c.name} val-${node.index} runs`).toBeDefined();
        // The node's process sits in its host's namespace, not this machine's.
        const host = new URL(node.endpoints.rpc).hostname;
        expect(ip("netns", "identify", String(pid)).trim()).toBe(namespaceOf(host));
      }
    }
    const root = chain("transmission");
    const rpcs = root.nodes.map((n) => n.endpoints.rpc);
    const height = (await waitForBlocks(rpcs[0] as string, 5, 60_000, { log })) - 1;
    const hashes = await Promise.all(rpcs.map(async (rpc) => {
      await waitForBlocks(rpc, height, 60_000, { log });
      return blockHash(rpc, height);
    }));
    expect(new Set(hashes).size).toBe(1);
    // All four sign: their votes crossed the bridge between the namespaces.
    expect((await signers(rpcs[0] as string, height)).length).toBe(4);
    const net = await getJson<{ result: { n_peers: string; peers: Array<{ remote_ip: string }> } }>(`${rpcs[0]}/net_info`);
    expect(net.result.peers.map((p) => p.remote_ip).sort()).toEqual(["10.77.0.12", "10.77.0.13", "10.77.0.14"]);
  });

  it("relays IBC across namespaces: the link was introduced, and an ICS-20 transfer arrives", async () => {
    const link = state.links.find((l) => l.parent === "transmission" && l.child === "regional-east");
    expect(link?.channels.map((c) => c.type).sort()).toEqual(["energy", "transfer"]);
    // introduceLinks (step 6 of up) had Hermes deliver a Hello and its acknowledgement, then both operators linked.
    const east = chain("regional-east");
    const energy = linkChannel(state, "transmission", "regional-east", "energy");
    const reader = await GridledgerClient.connect(east.endpoints.rpc);
    try {
      const n = await reader.query.interchain.neighbourhood();
      expect(n.parent?.link).toMatchObject({ counterpartyChainId: "gridledger-transmission-1", energyChannelId: energy.child.channelId, counterpartyEnergyChannelId: energy.parent.channelId });
      expect(n.parent?.peer?.known).toBe(true);
    } finally {
      reader.disconnect();
    }

    const ch = linkChannel(state, "transmission", "regional-east");
    // The root's grid operator may send any message (ADR 007); regional-east's grid operator may
    // hold the voucher (the fiat fence refunds vouchers sent to an account not admitted there).
    const tso = chain("transmission").gridOperator.address;
    const dsoEast = east.gridOperator.address;
    const voucher = voucherDenom(`${ch.child.portId}/${ch.child.channelId}/ugrid`);
    const before = await balance(east, dsoEast, voucher);
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(devMnemonic("tso"), { prefix: BECH32_PREFIX });
    const client = await GridledgerClient.connectWithSigner(chain("transmission").endpoints.rpc, wallet, { broadcastPollIntervalMs: 300 });
    try {
      const result = await client.signingClient.sendIbcTokens(tso, dsoEast, { denom: "ugrid", amount: "1234567" }, ch.parent.portId, ch.parent.channelId, undefined, Math.floor(Date.now() / 1000) + 600, "auto");
      expect(result.code, result.rawLog).toBe(0);
    } finally {
      client.disconnect();
    }
    await waitFor(`1234567 ${voucher} for dso-east on regional-east`, () => balance(east, dsoEast, voucher), (b) => b === before + 1_234_567n, 120_000);
  });

  it("goes on while one of four validators is stopped, and the restarted one catches up and signs again", async () => {
    const root = chain("transmission");
    const stopped = root.nodes[3];
    const live = root.nodes[0];
    if (!stopped || !live) throw new Error("transmission has fewer than 4 validators");
    const host = new URL(stopped.endpoints.rpc).hostname;
    const valAddress = (await getJson<{ result: { validator_info: { address: string } } }>(`${stopped.endpoints.rpc}/status`)).result.validator_info.address;

    expect(await stopNode(stopped.home, { log })).toBe(true);
    expect(await latestHeight(stopped.endpoints.rpc)).toBeUndefined();
    const from = (await latestHeight(live.endpoints.rpc)) as number;
    // 3 of 4 equal votes are more than 2/3: the root makes blocks without it, not signed by it.
    const reached = await waitForBlocks(live.endpoints.rpc, from + 5, 60_000, { log });
    expect(await signers(live.endpoints.rpc, reached - 1)).not.toContain(valAddress);

    await startGridd(binary, stopped.home, { rpc: stopped.endpoints.rpc, label: `transmission val-3 on ${host}`, log, prefix: prefix(host) });
    const target = (await latestHeight(live.endpoints.rpc)) as number;
    await waitForBlocks(stopped.endpoints.rpc, target, 120_000, { log, home: stopped.home, logFile: stopped.logFile });
    expect(await blockHash(stopped.endpoints.rpc, target)).toBe(await blockHash(live.endpoints.rpc, target));
    // Back in consensus: a block after its return carries its signature again.
    await waitFor(
      "the restarted validator's signature in a commit",
      async () => signers(live.endpoints.rpc, ((await latestHeight(live.endpoints.rpc)) as number) - 1),
      (s) => s.includes(valAddress),
      60_000,
    );
  });
});
