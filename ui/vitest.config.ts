import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Component and unit tests of the UI in a simulated DOM (happy-dom); the browser tests against a
// live chain are test/src/ui.chain.spec.ts.
export default defineConfig({
  resolve: { alias: { "@gridledger/client": fileURLToPath(new URL("../ts-client/src/index.ts", import.meta.url)) } },
  test: {
    name: "ui",
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["src/**/*.spec.{ts,tsx}"],
    environment: "happy-dom",
  },
});
