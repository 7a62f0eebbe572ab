import { fileURLToPath } from "node:url";

/** src resolves a path relative to test/. */
export const src = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

// End-to-end suites read the workspace packages from source, so a test never runs against a
// stale build. Both test configs (vitest.config.ts, vitest.network.config.ts) use these.
export const sourceAliases = {
  "@gridledger/client": src("../ts-client/src/index.ts"),
  "@gridledger/relayer": src("../relayer/src/index.ts"),
};
