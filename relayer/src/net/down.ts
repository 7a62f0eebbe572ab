/**
 * `gridnet down` stops what `up` started, by process id: the supervisor first (so it does not
 * restart Hermes), then Hermes, then every node. Data stays; `reset` also removes it.
 */
import { rm } from "node:fs/promises";
import { stopNode } from "../chain/node.js";
import { stopHermes } from "../hermes/hermes.js";
import type { Log } from "../log.js";
import { readState } from "./state.js";
import { stopSupervisor } from "./supervisor.js";

/** down stops the network in `home`; returns whether it knew of one. */
export async function down(home: string, log: Log): Promise<boolean> {
  const state = await readState(home);
  if (!state) return false;
  await stopSupervisor(home, log);
  await stopHermes(state.hermes, log);
  // Nodes that joined by state sync too (`gridnet join`); `up` starts them again.
  await Promise.all(state.chains.flatMap((c) => [...c.nodes, ...(c.fullNodes ?? [])].map((n) => stopNode(n.home, { log }))));
  return true;
}

/** reset stops the network and deletes its home (chains' data, Hermes keys, state). */
export async function reset(home: string, log: Log): Promise<void> {
  await down(home, log);
  log(`removing ${home}`);
  await rm(home, { recursive: true, force: true });
}
