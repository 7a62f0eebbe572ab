/**
 * gridnet: the multi-chain local testnet. Run through `npx gridnet` (or `npm run gridnet --`).
 */
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { defaultBinary } from "./paths.js";
import { stderrLog } from "./log.js";
import { ensureHermes } from "./hermes/install.js";
import { ensureCosmovisor, stageUpgrade } from "./chain/cosmovisor.js";
import { startHermes, stopHermes } from "./hermes/hermes.js";
import { down, reset } from "./net/down.js";
import { joinChain, removeFullNode } from "./net/join.js";
import { stopNode } from "./chain/node.js";
import { describeNetwork } from "./net/describe.js";
import { readState, stateChain, uiPort, type NetworkState } from "./net/state.js";
import { ensureUiBuild, UI_DIST } from "./ui/build.js";
import { gridnetUiSources } from "./ui/network.js";
import { serveUi } from "./ui/serve.js";
import { formatStatus, networkStatus } from "./net/status.js";
import { pauseHermes, resumeHermes, supervise, SUPERVISOR_LOG_FILE } from "./net/supervisor.js";
import { DEFAULT_TOPOLOGY, defaultNetworkHome, up } from "./net/up.js";
import { loadTopology } from "./topology/load.js";
import { exportHosts } from "./net/hosts.js";
import { join } from "node:path";

const USAGE = `usage: gridnet <command> [options]

commands
  up                 build what is missing, start every chain of the topology, seed the demo
                     data, open the IBC channels of every link and start Hermes (reuses all
                     that exists: a second run takes seconds)
  export-hosts       for a topology whose chains name a host per validator (\`hosts\`): write
                     every validator's home to copy to its host, Hermes' config and keys, and
                     print how to copy and start each (docs/operations/validator-host.md)
  status [--json]    chain heights, channels and pending packets per link, Hermes' health
  down               stop Hermes, its supervisor and every node (data is kept)
  reset              down, then delete the network's data
  join CHAIN         add a non-validator node to the running chain by state sync: it restores
                     the validators' newest snapshot, catches up and is listed by \`status\`;
                     \`down\` stops it and \`up\` starts it again (--name N, default full-0, -1...)
  leave CHAIN/NAME   stop a joined node and delete its home
  logs [WHAT] [-f]   WHAT: a chain name (validator 0), <chain>/<N>, <chain>/<joined node>,
                     hermes or supervisor
  hermes stop|start  stop Hermes on purpose (the supervisor leaves it down) or start it again
  hermes install     build Hermes into the cache if it is not there
  ui [build]         serve the web UI for the running network (building it first when its
                     sources changed), until Ctrl-C; \`ui build\` only builds it

options
  --topology FILE    default relayer/topologies/default.yaml
  --home DIR         network home; default .gridnet/<topology name>
  --port-base N      move every port of the network (up only)
  --binary PATH      gridd to run (default $GRIDD or chain/build/gridd)
  --no-seed          up without demo participants, fiat and offers
  --remote           up: the topology's validators run on their hosts (started there from the
                     homes of export-hosts); start none here, seed, link and run Hermes
  --cosmovisor       up: run every node under Cosmovisor (built into the cache once), so a
                     software upgrade passed by governance switches gridd at its height
                     (docs/operations/upgrades.md); later \`up\`s keep it
  upgrade stage NAME --binary PATH
                     stage PATH as the release of upgrade NAME on every node (Cosmovisor's
                     upgrades/NAME/bin/gridd), before the upgrade's height
  cosmovisor install build Cosmovisor into the cache if it is not there
  --ui-port N        serve the web UI on this port (ui; default the network's, after Hermes')
  --name N           the joined node's name (join)`;

function die(message: string): never {
  process.stderr.write(`\x1b[31merror:\x1b[0m ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      topology: { type: "string" },
      home: { type: "string" },
      "port-base": { type: "string" },
      binary: { type: "string" },
      "no-seed": { type: "boolean", default: false },
      cosmovisor: { type: "boolean" },
      remote: { type: "boolean", default: false },
      "ui-port": { type: "string" },
      name: { type: "string" },
      json: { type: "boolean", default: false },
      follow: { type: "boolean", short: "f", default: false },
      lines: { type: "string", short: "n", default: "50" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, arg] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const log = stderrLog;
  const topologyFile = values.topology ?? DEFAULT_TOPOLOGY;
  const home = values.home ?? defaultNetworkHome((await loadTopology(topologyFile)).name);
  const requireState = async (): Promise<NetworkState> => {
    const state = await readState(home);
    if (!state) die(`no network in ${home}: start one with \`gridnet up${values.topology ? ` --topology ${values.topology}` : ""}\``);
    return state;
  };

  switch (command) {
    case "up": {
      const portBase = values["port-base"] === undefined ? undefined : Number(values["port-base"]);
      if (portBase !== undefined && !Number.isInteger(portBase)) die(`--port-base ${values["port-base"]} is not a port number`);
      const state = await up({ topologyFile, home, binary: values.binary ?? defaultBinary(), seed: !values["no-seed"], ...(values.cosmovisor === undefined ? {} : { cosmovisor: values.cosmovisor }), ...(portBase === undefined ? {} : { portBase }), remote: values.remote, log });
      process.stdout.write(`${describeNetwork(state)}\n`);
      return;
    }
    case "export-hosts": {
      const exported = await exportHosts({ topologyFile, home, binary: values.binary ?? defaultBinary(), log });
      process.stdout.write(exported.instructions);
      return;
    }
    case "status": {
      const status = await networkStatus(await requireState());
      process.stdout.write(values.json ? `${JSON.stringify(status, null, 2)}\n` : `${formatStatus(status)}\n`);
      return;
    }
    case "down":
      if (!(await down(home, log))) log(`no network in ${home}: nothing to stop`);
      return;
    case "reset":
      await reset(home, log);
      return;
    case "join": {
      if (arg === undefined) die("gridnet join CHAIN: name the chain to join (see `gridnet status`)");
      await requireState();
      const joined = await joinChain({ home, chain: arg, ...(values.name === undefined ? {} : { name: values.name }), binary: values.binary ?? defaultBinary(), log });
      const n = joined.node;
      process.stdout.write(
        `${arg}/${n.name} ${joined.created ? `joined by state sync (snapshot of height ${n.snapshotHeight ?? "?"})` : "was known: running"} at height ${joined.height}\n` +
          `  home ${n.home}\n  rpc ${n.endpoints.rpc}  rest ${n.endpoints.rest}  grpc ${n.endpoints.grpc}\n  log ${n.logFile} (\`gridnet logs ${arg}/${n.name}\`)\n`,
      );
      return;
    }
    case "leave": {
      const [chainName, name] = (arg ?? "").split("/");
      if (!chainName || !name) die("gridnet leave CHAIN/NAME: say which joined node, e.g. transmission/full-0");
      await removeFullNode(home, chainName, name, (h) => stopNode(h, { log }));
      log(`${chainName}/${name} stopped and removed`);
      return;
    }
    case "logs":
      return showLogs(await requireState(), arg ?? "hermes", values.follow, values.lines);
    case "hermes": {
      if (arg === "install") {
        process.stdout.write(`${await ensureHermes({ log })}\n`);
        return;
      }
      const state = await requireState();
      if (arg === "stop") {
        await pauseHermes(state);
        if (!(await stopHermes(state.hermes, log))) log("Hermes was not running");
        return;
      }
      if (arg === "start") {
        await resumeHermes(state);
        log(`Hermes running (pid ${await startHermes({ binary: state.hermes.binary, plan: state.hermes }, log)})`);
        return;
      }
      die(`gridnet hermes ${arg ?? ""}: say stop, start or install`);
      break;
    }
    case "ui": {
      const built = await ensureUiBuild(log);
      if (arg === "build") {
        log(`web UI ${built}: ${UI_DIST}`);
        return;
      }
      if (arg !== undefined) die(`gridnet ui ${arg}: say nothing (serve) or build`);
      const state = await requireState();
      const port = values["ui-port"] === undefined ? uiPort(state) : Number(values["ui-port"]);
      if (!Number.isInteger(port) || port < 0) die(`--ui-port ${values["ui-port"] ?? ""} is not a port number`);
      const server = await serveUi({ dist: UI_DIST, port, ...gridnetUiSources(state) });
      const files = state.chains.map((c) => `  ${server.url}chains/${c.name}/chain.json (assetlist.json, keplr.json)`).join("\n");
      process.stdout.write(`web UI for network "${state.name}": ${server.url}\nnetwork view: ${server.url}#/network   status: ${server.url}status.json\nchain-registry files:\n${files}\n(Ctrl-C stops it; the network keeps running)\n`);
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await server.close();
      return;
    }
    case "cosmovisor": {
      if (arg !== "install") die(`gridnet cosmovisor ${arg ?? ""}: say install`);
      process.stdout.write(`${await ensureCosmovisor({ log })}\n`);
      return;
    }
    case "upgrade": {
      const name = positionals[2];
      if (arg !== "stage" || name === undefined) die("say gridnet upgrade stage NAME --binary PATH");
      if (values.binary === undefined) die("gridnet upgrade stage needs --binary PATH: the new release's gridd");
      const state = await requireState();
      if (state.cosmovisor === undefined) die(`the network in ${home} does not run under Cosmovisor: start it with \`gridnet up --cosmovisor\``);
      for (const node of state.chains.flatMap((c) => c.nodes)) await stageUpgrade(node.home, name, values.binary);
      log(`staged ${values.binary} as upgrade ${name} on ${state.chains.flatMap((c) => c.nodes).length} nodes`);
      return;
    }
    case "supervise":
      return supervise(home, (m) => process.stdout.write(`${new Date().toISOString()} ${m}\n`));
    default:
      die(`unknown command "${command}"\n${USAGE}`);
  }
}

function showLogs(state: NetworkState, what: string, follow: boolean, lines: string): Promise<void> {
  let file: string;
  if (what === "hermes") file = state.hermes.logFile;
  else if (what === "supervisor") file = join(state.home, SUPERVISOR_LOG_FILE);
  else {
    const [name, index] = what.split("/");
    const chain = stateChain(state, name as string);
    const node = chain.fullNodes?.find((n) => n.name === index) ?? chain.nodes[Number(index ?? 0)];
    if (!node) die(`chain ${chain.name} has validators 0..${chain.nodes.length - 1}${chain.fullNodes?.length ? ` and joined nodes ${chain.fullNodes.map((n) => n.name).join(", ")}` : ""}`);
    file = node.logFile;
  }
  const child = spawn("tail", ["-n", lines, ...(follow ? ["-f"] : []), file], { stdio: "inherit" });
  return new Promise((resolve) => child.on("close", () => resolve()));
}

main().catch((err: unknown) => die(err instanceof Error ? err.message : String(err)));
