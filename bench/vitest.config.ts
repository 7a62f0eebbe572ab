import { defineConfig } from "vitest/config";

// The smoke spec runs the whole benchmark at small sizes against a real gridd node: it checks
// that every step works and the result file is complete, never how fast anything is.
export default defineConfig({
  test: {
    name: "bench",
    include: ["src/**/*.spec.ts"],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
