import { defineConfig } from "vitest/config";

// One vitest run covers every workspace: unit suites, the UI's component tests, and suites that
// start real gridd nodes (*.chain.spec.ts, and everything under test/, the browser tests included).
export default defineConfig({
  test: {
    projects: ["ts-client/vitest.config.ts", "relayer/vitest.config.ts", "test/vitest.config.ts", "bench/vitest.config.ts", "ui/vitest.config.ts"],
  },
});
