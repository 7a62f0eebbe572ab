/**
 * The supervisor's live invariant check: every chain's invariants (x/invariants' Check query,
 * DESIGN.md §6) paged through to completion, one chain at a time, one bounded request at a time
 * with a pause between them, so the nodes keep serving everyone else. The last result per chain
 * is kept in the network home's invariants.json, where `gridnet status` and the UI read it.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { checkInvariants, GridledgerClient, type InvariantCheck, type InvariantPassOptions } from "@gridledger/client";
import type { Log } from "../log.js";
import type { NetworkState, StateChain } from "./state.js";

export const INVARIANTS_FILE = "invariants.json";
/** How often the supervisor starts a pass over every chain. */
export const INVARIANTS_EVERY_MS = 60_000;
/** How soon the supervisor tries again after a chain did not answer (e.g. still starting). */
export const INVARIANTS_RETRY_MS = 10_000;
/** One request checks this many records; the supervisor pauses PAUSE_MS between requests. */
const PAGE_LIMIT = 200;
const PAUSE_MS = 100;

const invariantsPath = (home: string) => join(home, INVARIANTS_FILE);

/** readInvariantChecks returns the last pass per chain name ({} before the first). */
export async function readInvariantChecks(home: string): Promise<Record<string, InvariantCheck>> {
  try {
    return JSON.parse(await readFile(invariantsPath(home), "utf8")) as Record<string, InvariantCheck>;
  } catch {
    return {};
  }
}

/** checkChainInvariants runs one full pass over a chain's invariants through its RPC endpoint. */
export async function checkChainInvariants(chain: Pick<StateChain, "endpoints">, options: InvariantPassOptions = {}): Promise<InvariantCheck> {
  try {
    const client = await GridledgerClient.connect(chain.endpoints.rpc);
    try {
      const results = await checkInvariants(client.query, { pageLimit: PAGE_LIMIT, pauseMs: PAUSE_MS, ...options });
      return { checkedAt: new Date().toISOString(), results };
    } finally {
      client.disconnect();
    }
  } catch (err) {
    return { checkedAt: new Date().toISOString(), results: [], error: `the check could not finish: ${(err as Error).message}` };
  }
}

/**
 * checkNetworkInvariants checks every chain in turn and records each chain's result as soon as
 * it has it (written whole, then renamed, so a reader never sees half a file). It returns whether
 * every chain answered.
 */
export async function checkNetworkInvariants(state: NetworkState, log: Log, options: InvariantPassOptions = {}): Promise<boolean> {
  let answered = true;
  for (const chain of state.chains) {
    const check = await checkChainInvariants(chain, options);
    const broken = check.results.filter((r) => !r.ok);
    if (check.error !== undefined) {
      answered = false;
      log(`invariants of ${chain.name}: ${check.error}`);
    }
    for (const r of broken) log(`invariant ${r.name} of ${chain.name} is BROKEN at ${r.record ?? "?"}: ${r.message ?? ""}`);
    const all = { ...(await readInvariantChecks(state.home)), [chain.name]: check };
    const tmp = `${invariantsPath(state.home)}.tmp`;
    await writeFile(tmp, `${JSON.stringify(all, null, 2)}\n`);
    await rename(tmp, invariantsPath(state.home));
  }
  return answered;
}
