import { defineConfig } from "vitest/config";

// Unit suites (*.spec.ts) and suites that start real gridd nodes (*.chain.spec.ts): init,
// gentx and the first blocks take seconds, hence the generous timeouts.
export default defineConfig({
  test: {
    name: "relayer",
    include: ["src/**/*.spec.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
