/**
 * startTestChain: a fresh single chain in a temp dir for integration tests of any package.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initChainHome } from "./chain/home.js";
import type { Gridnet, GridnetAccount } from "./chain/gridnet.js";
import { startChain, stopChain, waitForBlocks } from "./chain/node.js";
import { findFreePortBase, testPortBase } from "./chain/ports.js";
import {
  nodeHome,
  portsFromBase,
  resolveChainSpec,
  type AccountSpec,
  type BankSpec,
  type ChainSpec,
  type DeliveryParamsSpec,
} from "./chain/spec.js";
import { devAccounts, devBanks, type DevAccountName } from "./dev-accounts.js";
import type { Log } from "./log.js";
import { defaultBinary } from "./paths.js";

export interface TestChainOptions {
  /** Short name; the chain-id becomes gridledger-test-<name>-1. Default "test". */
  name?: string;
  /** First port; default: a free block from a random base (testPortBase). */
  portBase?: number;
  binary?: string;
  /** Extra accounts besides the dev accounts. */
  accounts?: AccountSpec[];
  /** Genesis banks; default the dev bank (uchf.alpine issued by "bank"), [] for none. */
  banks?: BankSpec[];
  validators?: number;
  blockTime?: string;
  /** energy.params.period_seconds; default 900. */
  periodSeconds?: number;
  /** energy.params.gate_closure_seconds; default gridd's (900). */
  gateClosureSeconds?: number;
  /**
   * x/delivery parameters in genesis; default gridd's. Reconciliation suites set a short reading
   * window (readingWindowPeriods: 1) and a small minMarketWh.
   */
  deliveryParams?: DeliveryParamsSpec;
  /** app.toml's state-sync snapshot-interval; default gridnet's SNAPSHOT_INTERVAL, 0 for none. */
  snapshotInterval?: number;
  /** Progress lines; default stderr prefixed with the chain name. */
  log?: Log;
}

/** TestChain is a running chain; call stop() in afterAll. */
export interface TestChain {
  chainId: string;
  rpc: string;
  rest: string;
  grpc: string;
  home: string;
  /** Accounts by name: the dev accounts (operator, validator, alice, bob, carol, bank) and any extras. */
  accounts: Record<DevAccountName, GridnetAccount> & Record<string, GridnetAccount | undefined>;
  gridnet: Gridnet;
  spec: ChainSpec;
  /** Stops the node and removes the temp dir (kept when GRIDLEDGER_KEEP_TEST_CHAINS=1). */
  stop(): Promise<void>;
}

/**
 * startTestChain inits a fresh chain in a new temp dir with the dev accounts and the dev bank,
 * starts it, waits for height 2 and describes it. The node is killed when the test process exits, even without stop().
 */
export async function startTestChain(options: TestChainOptions = {}): Promise<TestChain> {
  const name = (options.name ?? "test").toLowerCase().replace(/[^a-z0-9-]+/g, "-");
  const log: Log = options.log ?? ((m) => process.stderr.write(`[test chain ${name}] ${m}\n`));
  const validators = options.validators ?? 1;
  const portBase =
    options.portBase ?? (await findFreePortBase(testPortBase(validators), { nodes: validators }));
  const home = await mkdtemp(join(tmpdir(), `gridledger-${name}-`));
  const spec = resolveChainSpec({
    chainId: `gridledger-test-${name}-1`,
    moniker: name,
    home,
    binary: options.binary ?? defaultBinary(),
    ports: portsFromBase(portBase),
    blockTime: options.blockTime ?? "500ms",
    accounts: [...devAccounts(), ...(options.accounts ?? [])],
    gridOperator: "operator",
    validators,
    banks: options.banks ?? devBanks(),
    ...(options.periodSeconds === undefined ? {} : { periodSeconds: options.periodSeconds }),
    ...(options.gateClosureSeconds === undefined ? {} : { gateClosureSeconds: options.gateClosureSeconds }),
    ...(options.deliveryParams === undefined ? {} : { deliveryParams: options.deliveryParams }),
    ...(options.snapshotInterval === undefined ? {} : { snapshotInterval: options.snapshotInterval }),
  });
  const keep = process.env.GRIDLEDGER_KEEP_TEST_CHAINS === "1";

  let gridnet: Gridnet;
  try {
    gridnet = await initChainHome(spec, { log });
    const nodes = await startChain(spec, { log });
    process.once("exit", () => {
      for (const n of nodes) {
        try {
          process.kill(n.pid, "SIGKILL");
        } catch {
          // already stopped
        }
      }
    });
    await waitForBlocks(gridnet.endpoints.rpc, 2, 90_000, { log, home: nodeHome(spec, 0), logFile: nodes[0]?.logFile });
  } catch (err) {
    await stopChain(spec, { log, timeoutMs: 5_000 }).catch(() => undefined);
    (err as Error).message += `\n(test chain home kept for inspection: ${home})`;
    throw err;
  }

  const accounts = Object.fromEntries(gridnet.accounts.map((a) => [a.name, a])) as TestChain["accounts"];
  return {
    chainId: spec.chainId,
    rpc: gridnet.endpoints.rpc,
    rest: gridnet.endpoints.rest,
    grpc: gridnet.endpoints.grpc,
    home,
    accounts,
    gridnet,
    spec,
    async stop() {
      await stopChain(spec, { log });
      if (keep) log(`kept ${home} (GRIDLEDGER_KEEP_TEST_CHAINS=1)`);
      else await rm(home, { recursive: true, force: true });
    },
  };
}
