import { defineConfig } from "vitest/config";
import { sourceAliases } from "./vitest.aliases.js";

// End-to-end suites start real gridd nodes; they read the workspace packages from
// source so a test never runs against a stale build.
export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    name: "e2e",
    include: ["src/**/*.spec.ts"],
    exclude: ["src/**/*.net.spec.ts", "**/node_modules/**"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
