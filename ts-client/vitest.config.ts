import { defineConfig } from "vitest/config";

// The specs under src/ are unit tests: codecs and converters, no running chain.
export default defineConfig({
  test: {
    include: ["src/**/*.spec.ts"],
    environment: "node",
  },
});
