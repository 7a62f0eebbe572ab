import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** REPO_ROOT is the gridledger checkout this file belongs to (relayer/src or relayer/dist, two levels up). */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** defaultBinary: $GRIDD, else the gridd that scripts/build-chain.sh builds. */
export function defaultBinary(): string {
  return process.env.GRIDD ?? join(REPO_ROOT, "chain", "build", "gridd");
}
