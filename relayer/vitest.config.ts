import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.spec.ts"],
          exclude: ["src/**/*.chain.spec.ts"],
        },
      },
      {
        // Suites named *.chain.spec.ts start real gridd nodes: init, gentx and the first blocks take time.
        test: {
          name: "chain",
          include: ["src/**/*.chain.spec.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
