import { defineConfig } from "vitest/config";
import { sourceAliases, src } from "./vitest.aliases.js";

// Suites against a whole gridnet (several chains and Hermes). They run on their own, after the
// other suites, because one network already keeps two cores busy.
export default defineConfig({
  resolve: { alias: sourceAliases },
  // Run with -c from the repository root: the root is this folder either way.
  root: src("."),
  test: {
    name: "network",
    include: ["src/**/*.net.spec.ts"],
    fileParallelism: false,
    testTimeout: 400_000,
    // Bringing the network up: 7 nodes, seeding, three links' channels.
    hookTimeout: 1_200_000,
  },
});
