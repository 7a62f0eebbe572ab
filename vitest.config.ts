import { defineConfig } from "vitest/config";

// One vitest run covers every workspace: unit suites and suites that start real gridd
// nodes (*.chain.spec.ts, and everything under test/).
export default defineConfig({
  test: {
    projects: ["ts-client/vitest.config.ts", "relayer/vitest.config.ts", "test/vitest.config.ts", "bench/vitest.config.ts"],
  },
});
