import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// End-to-end suites start real gridd nodes; they read the workspace packages from
// source so a test never runs against a stale build.
export default defineConfig({
  resolve: {
    alias: {
      "@gridledger/client": src("../ts-client/src/index.ts"),
      "@gridledger/relayer": src("../relayer/src/index.ts"),
    },
  },
  test: {
    name: "e2e",
    include: ["src/**/*.spec.ts"],
    exclude: ["src/**/*.net.spec.ts", "**/node_modules/**"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
