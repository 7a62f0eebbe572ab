/**
 * `gridnet up`: from a topology, every chain initialised, started and producing blocks, demo
 * participants and fiat seeded, Hermes built if absent, configured, every link's channels open,
 * Hermes running under a supervisor, every link recorded on both of its chains (a Hello over the
 * energy channel, then the operators' MsgLink, bridge capacities and link fees), the topology's
 * demo vouchers carried over ICS-20, and gridnet-state.json written. Everything that already
 * exists is reused, so a second `up` takes seconds. Links are looked at only once every chain
 * answers (ready.ts), and a link never gets a second channel of one type (links.ts).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { initChainHome } from "../chain/home.js";
import type { Gridnet } from "../chain/gridnet.js";
import { ensureCosmovisor } from "../chain/cosmovisor.js";
import { isRunning, LOG_FILE, startChain } from "../chain/node.js";
import { busyPorts, isPortFree } from "../chain/ports.js";
import { metricsOf, nodeHome, validatorEndpoints, validatorHost, validatorPorts } from "../chain/spec.js";
import { hermesConfig, hermesConfigPath } from "../hermes/config.js";
import { addRelayerKey, runningHermes, startHermes, stopHermes, waitForHermes, type Hermes } from "../hermes/hermes.js";
import { ensureHermes } from "../hermes/install.js";
import { stderrLog, type Log } from "../log.js";
import { REPO_ROOT, defaultBinary } from "../paths.js";
import { loadTopology } from "../topology/load.js";
import { hostedChains, planNetwork, RELAYER_ACCOUNT, type NetworkPlan, type PlannedChain } from "../topology/plan.js";
import { introduceLinks } from "./introduce.js";
import { startFullNodes } from "./join.js";
import { LinkError, openLinks } from "./links.js";
import { waitForChains } from "./ready.js";
import { seedChain } from "./seed.js";
import { seedVouchers, voucherKey } from "./vouchers.js";
import { writeRegistryFiles } from "./registry.js";
import { readState, writeState, type NetworkState, type StateChain } from "./state.js";
import { pauseHermes, resumeHermes, startSupervisor } from "./supervisor.js";

export const DEFAULT_TOPOLOGY = join(REPO_ROOT, "relayer", "topologies", "default.yaml");

export interface UpOptions {
  /** Topology file. Default relayer/topologies/default.yaml. */
  topologyFile?: string;
  /** Network home. Default <repo>/.gridnet/<topology name>. */
  home?: string;
  /** Overrides the topology's portBase (tests pick a free one). */
  portBase?: number;
  binary?: string;
  /** Seed the topology's demo participants, fiat and offers. Default true. */
  seed?: boolean;
  /** How long to wait for every chain to answer on RPC, REST and gRPC. Default 180 s. */
  readyTimeoutMs?: number;
  /**
   * Run every node under Cosmovisor (built into the tool cache when missing), so a governance
   * software upgrade switches binaries at its height (chain/cosmovisor.ts). Default: as the
   * network ran before (gridnet-state.json), else false.
   */
  cosmovisor?: boolean;
  /** Start the supervisor that restarts Hermes. Default true. */
  supervise?: boolean;
  /**
   * For a topology whose validators have hosts of their own: the command prefix that runs a
   * command "on" a host from this machine, e.g. `(host) => ["ip", "netns", "exec", nsOf(host)]`
   * in the namespace suite (test/src/hosts.net.spec.ts). Without it such a topology is refused:
   * its homes are exported with `gridnet export-hosts` and started on their hosts.
   */
  hostPrefix?: (host: string) => readonly string[];
  /**
   * For a topology whose validators have hosts of their own: they were started on their hosts
   * (from the homes `gridnet export-hosts` wrote), so `up` starts none of them and only waits
   * for their endpoints, then seeds, links and runs Hermes from this machine (`gridnet up --remote`).
   */
  remote?: boolean;
  log?: Log;
}

/** networkHome is where a topology's network lives unless told otherwise. */
export function defaultNetworkHome(name: string): string {
  return join(REPO_ROOT, ".gridnet", name);
}

/** planFromFile loads a topology and plans it under its home. */
export async function planFromFile(options: Pick<UpOptions, "topologyFile" | "home" | "portBase" | "binary">): Promise<NetworkPlan> {
  const file = options.topologyFile ?? DEFAULT_TOPOLOGY;
  const topology = await loadTopology(file);
  if (options.portBase !== undefined) topology.portBase = options.portBase;
  return planNetwork(topology, options.home ?? defaultNetworkHome(topology.name), options.binary ?? defaultBinary());
}

const prefixed = (log: Log, prefix: string): Log => (m) => log(`[${prefix}] ${m}`);

export async function up(options: UpOptions = {}): Promise<NetworkState> {
  const log = options.log ?? stderrLog;
  const topologyFile = options.topologyFile ?? DEFAULT_TOPOLOGY;
  const plan = await planFromFile({ ...options, topologyFile });
  const hosted = hostedChains(plan);
  if (hosted.length > 0 && options.hostPrefix === undefined && !options.remote) {
    throw new Error(
      `${topologyFile} puts the validators of ${hosted.map((c) => c.name).join(", ")} on hosts of their own (${hosted.flatMap((c) => c.spec.hosts ?? []).join(", ")}): ` +
        `\`gridnet up\` starts nodes on this machine only. Write their homes with \`gridnet export-hosts --topology ${topologyFile}\`, copy each to its host and start it there, ` +
        `then run \`gridnet up --remote --topology ${topologyFile}\` here to seed, link and relay (docs/operations/validator-host.md).`,
    );
  }
  const hostPrefix = options.hostPrefix;
  /** Validators this machine does not start or watch: they run on their hosts. */
  const elsewhere = (chain: PlannedChain) => chain.spec.hosts !== undefined && hostPrefix === undefined;
  await mkdir(plan.home, { recursive: true });
  const previous = await readState(plan.home);
  const total = 7;
  const step = (n: number, what: string) => log(`step ${n}/${total}: ${what}`);

  step(1, `Hermes (needed to link ${plan.links.length} parent-child pairs)`);
  const hermesBinary = await ensureHermes({ log });
  const hermes: Hermes = { binary: hermesBinary, plan: plan.hermes };
  const cosmovisor = (options.cosmovisor ?? (previous?.cosmovisor !== undefined)) ? await ensureCosmovisor({ log }) : undefined;

  step(2, `starting ${plan.chains.length} chains (${plan.chains.map((c) => `${c.name}: ${c.spec.validators} validator${c.spec.validators > 1 ? "s" : ""}`).join(", ")})`);
  await assertPortsFree(plan, previous);
  const wereDown = await chainsWithNodesDown(plan, elsewhere);
  const gridnets = new Map<string, Gridnet>();
  await Promise.all(
    plan.chains.map(async (chain) => {
      const clog = prefixed(log, chain.name);
      gridnets.set(chain.name, await initChainHome(chain.spec, { log: clog }));
      if (elsewhere(chain)) return clog(`validators on ${(chain.spec.hosts ?? []).join(", ")}: started there, not here`);
      const prefixOf = chain.spec.hosts === undefined || hostPrefix === undefined ? undefined : (i: number) => hostPrefix(validatorHost(chain.spec, i));
      await startChain(chain.spec, { log: clog, ...(cosmovisor === undefined ? {} : { cosmovisor }), ...(prefixOf === undefined ? {} : { prefixOf }) });
    }),
  );
  await waitForChains(
    plan.chains.map((chain) => {
      const endpoints = (gridnets.get(chain.name) as Gridnet).endpoints;
      const nodes = elsewhere(chain) ? [] : Array.from({ length: chain.spec.validators }, (_, i) => ({ home: nodeHome(chain.spec, i), logFile: join(nodeHome(chain.spec, i), LOG_FILE) }));
      return { name: chain.name, rpc: endpoints.rpc, rest: endpoints.rest, grpc: endpoints.grpc, nodes };
    }),
    { log, ...(options.readyTimeoutMs === undefined ? {} : { timeoutMs: options.readyTimeoutMs }) },
  );
  const state: NetworkState = {
    version: 1,
    name: plan.name,
    topologyFile,
    home: plan.home,
    updatedAt: new Date().toISOString(),
    chains: plan.chains.map((c) => {
      const before = previous?.chains.find((p) => p.chainId === c.spec.chainId);
      const chain = stateChain(c, gridnets.get(c.name) as Gridnet, before?.seeded ?? false);
      // Nodes that joined by state sync (`gridnet join`) are the network's too.
      return before?.fullNodes?.length ? { ...chain, fullNodes: before.fullNodes } : chain;
    }),
    links: previous?.links ?? [],
    hermes: {
      binary: hermesBinary,
      home: plan.hermes.home,
      config: hermesConfigPath(plan.hermes),
      logFile: join(plan.hermes.home, "hermes.log"),
      restPort: plan.hermes.restPort,
      telemetryPort: plan.hermes.telemetryPort,
    },
    uiPort: plan.uiPort,
    ...(cosmovisor === undefined ? {} : { cosmovisor }),
    ...(previous?.vouchers === undefined ? {} : { vouchers: previous.vouchers }),
  };
  await writeState(state);
  // chain.json, assetlist.json and keplr.json for integrators and wallets, in every chain home.
  await writeRegistryFiles(state);
  if (state.chains.some((c) => c.fullNodes?.length)) {
    log(`starting the nodes that joined by state sync: ${state.chains.flatMap((c) => (c.fullNodes ?? []).map((n) => `${c.name}/${n.name}`)).join(", ")}`);
    await startFullNodes(state, options.binary ?? defaultBinary(), log);
    await writeState(state);
  }

  if (options.seed ?? true) {
    const unseeded = plan.chains.filter((c) => !state.chains.find((s) => s.name === c.name)?.seeded);
    step(3, unseeded.length === 0 ? "demo data already seeded" : `seeding demo participants, fiat and offers on ${unseeded.map((c) => c.name).join(", ")}`);
    await Promise.all(
      unseeded.map(async (chain) => {
        await seedChain(chain, gridnets.get(chain.name) as Gridnet, { log: prefixed(log, chain.name) });
        (state.chains.find((s) => s.name === chain.name) as StateChain).seeded = true;
      }),
    );
    await writeState(state);
  } else step(3, "seeding skipped");

  step(4, `linking ${plan.links.length} parent-child pairs with Hermes`);
  await mkdir(plan.hermes.home, { recursive: true });
  await writeFile(hermesConfigPath(plan.hermes), hermesConfig(plan.hermes, state.chains));
  await Promise.all(
    plan.chains.map((chain) => {
      const relayer = (gridnets.get(chain.name) as Gridnet).accounts.find((a) => a.name === RELAYER_ACCOUNT);
      if (!relayer) throw new Error(`chain ${chain.name} has no ${RELAYER_ACCOUNT} account: its home predates gridnet; run \`gridnet reset\``);
      return addRelayerKey(hermes, chain.spec.chainId, relayer.mnemonic);
    }),
  );
  const refs = new Map(state.chains.map((c) => [c.name, { chainId: c.chainId, rest: c.endpoints.rest }]));
  let linkError: LinkError | undefined;
  try {
    state.links = await openLinks(plan, hermes, refs, state.links, log, async (link) => {
      state.links = [...state.links.filter((l) => !(l.parent === link.parent && l.child === link.child)), link];
      await writeState(state);
    });
  } catch (err) {
    if (!(err instanceof LinkError)) throw err;
    linkError = err;
  }
  state.updatedAt = new Date().toISOString();
  await writeState(state);

  // Hermes and the supervisor run even when a link failed: the other links keep relaying.
  step(5, "starting Hermes");
  try {
    await restartOrStartHermes(state, hermes, wereDown, log);
    await waitForHermes(plan.hermes, state.chains.map((c) => c.chainId), 120_000, log);
    if (options.supervise ?? true) await startSupervisor(plan.home, log);
    step(6, "introducing every linked pair over its energy channel and recording the links (x/interchain)");
    await introduceLinks(state.links, plan.links, gridnets, log);
    if (linkError === undefined && (options.seed ?? true) && plan.vouchers.length > 0) {
      const left = plan.vouchers.filter((v) => !state.vouchers?.includes(voucherKey(v)));
      step(7, left.length === 0 ? "demo vouchers already carried" : `carrying ${left.length} demo voucher${left.length > 1 ? "s" : ""} over ICS-20 (${left.map((v) => `${v.route.join(" -> ")}`).join("; ")})`);
      await seedVouchers(state, left, gridnets, log, () => writeState(state));
    } else step(7, plan.vouchers.length === 0 ? "no demo vouchers in the topology" : "demo vouchers skipped");
  } catch (err) {
    if (linkError) (err as Error).message = `${linkError.message}\n\nand then: ${(err as Error).message}`;
    throw err;
  }
  if (linkError) {
    throw new Error(
      `${linkError.message}\n  Hermes and its supervisor are running and relay the links that are open (\`gridnet status\`); ` +
        `the state file keeps what was verified, so \`gridnet up\` can be run again once the cause is fixed.`,
    );
  }
  return state;
}

function stateChain(chain: PlannedChain, gridnet: Gridnet, seeded: boolean): StateChain {
  const address = (name: string) => gridnet.accounts.find((a) => a.name === name)?.address ?? "";
  return {
    name: chain.name,
    chainId: chain.spec.chainId,
    level: chain.level,
    ...(chain.parent === undefined ? {} : { parent: chain.parent }),
    home: chain.spec.home,
    periodSeconds: chain.spec.periodSeconds,
    endpoints: gridnet.endpoints,
    nodes: Array.from({ length: chain.spec.validators }, (_, i) => ({
      index: i,
      home: nodeHome(chain.spec, i),
      endpoints: validatorEndpoints(chain.spec, i),
      metrics: metricsOf(validatorPorts(chain.spec, i), validatorHost(chain.spec, i)),
      logFile: join(nodeHome(chain.spec, i), LOG_FILE),
    })),
    gridOperator: gridnet.gridOperator,
    banks: chain.spec.banks.map((b) => ({ account: b.account, address: address(b.account), denom: b.denom, currency: b.currency, displayDenom: b.displayDenom, exponent: b.exponent })),
    accounts: Object.fromEntries(gridnet.accounts.map((a) => [a.name, a.address])),
    seeded,
  };
}

/** chainsWithNodesDown names the chains with a node that is not running (before `up` starts them). */
async function chainsWithNodesDown(plan: NetworkPlan, elsewhere: (chain: PlannedChain) => boolean): Promise<string[]> {
  const down: string[] = [];
  for (const chain of plan.chains) {
    if (elsewhere(chain)) continue;
    const running = await Promise.all(Array.from({ length: chain.spec.validators }, (_, i) => isRunning(nodeHome(chain.spec, i))));
    if (running.some((r) => !r)) down.push(chain.name);
  }
  return down;
}

/**
 * restartOrStartHermes leaves Hermes running. A Hermes that kept running while nodes of its
 * chains were down is restarted: its websocket to a node that went away reconnects only after
 * Fibonacci back-off (up to 60 s between attempts) and not at all after 10 minutes (Hermes
 * 1.10.5, event/source/websocket.rs), while a fresh one connects at once and clears the packets
 * sent meanwhile. The supervisor is held off meanwhile, so it cannot start a second Hermes.
 */
async function restartOrStartHermes(state: NetworkState, hermes: Hermes, wereDown: readonly string[], log: Log): Promise<void> {
  await pauseHermes(state);
  try {
    if (wereDown.length > 0 && (await runningHermes(hermes.plan)) !== undefined) {
      log(`restarting Hermes: nodes of ${wereDown.join(", ")} were down while it ran, so it reconnects at once`);
      await stopHermes(hermes.plan, log);
    }
    await startHermes(hermes, log);
  } finally {
    await resumeHermes(state);
  }
}

/**
 * assertPortsFree fails, before anything starts, when a port gridnet needs is taken by another
 * program. A node that `down` just stopped can hold a port for a moment while it exits (gridd
 * can still be closing its databases after its RPC port went quiet), so a taken port is
 * looked at again for up to 15 s before it counts as another program's.
 */
async function assertPortsFree(plan: NetworkPlan, previous: NetworkState | undefined): Promise<void> {
  let taken = await takenPorts(plan, previous);
  for (let waited = 0; taken.length > 0 && waited < 15_000; waited += 500) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    taken = await takenPorts(plan, previous);
  }
  if (taken.length > 0) {
    throw new Error(
      `ports already in use by another program: ${taken.join(", ")}.\n` +
        `  Find it with \`ss -ltnp | grep <port>\` and stop it (an old network? \`gridnet down\`), or move this network: \`gridnet up --port-base 37000\`.`,
    );
  }
}

/** takenPorts names the ports gridnet needs that something other than this network's own nodes and Hermes holds. */
async function takenPorts(plan: NetworkPlan, previous: NetworkState | undefined): Promise<string[]> {
  const taken: string[] = [];
  for (const chain of previous?.chains ?? []) {
    for (const node of chain.fullNodes ?? []) {
      if (await isRunning(node.home)) continue;
      for (const [service, port] of await busyPorts(node.ports)) taken.push(`${port} (${chain.name} ${node.name} ${service})`);
    }
  }
  for (const chain of plan.chains) {
    // Validators on hosts of their own listen there, not on this machine's 127.0.0.1.
    if (chain.spec.hosts !== undefined) continue;
    for (let i = 0; i < chain.spec.validators; i++) {
      if (await isRunning(nodeHome(chain.spec, i))) continue;
      for (const [service, port] of await busyPorts(validatorPorts(chain.spec, i))) taken.push(`${port} (${chain.name} val-${i} ${service})`);
    }
  }
  if ((await runningHermes(plan.hermes)) === undefined) {
    for (const [service, port] of [["Hermes REST", plan.hermes.restPort], ["Hermes telemetry", plan.hermes.telemetryPort]] as const) {
      if (!(await isPortFree(port))) taken.push(`${port} (${service})`);
    }
  }
  return taken;
}
