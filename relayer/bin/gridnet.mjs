#!/usr/bin/env node
// gridnet from the TypeScript sources (no build step): tsx compiles them on the fly.
import { register } from "tsx/esm/api";

register();
try {
  await import("../src/gridnet.ts");
} catch (err) {
  // @gridledger/client resolves to its build, which a fresh clone does not have yet.
  if (err?.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("@gridledger/client")) {
    process.stderr.write("gridnet needs the TypeScript packages built: run `npm start` once, or `npx tsc -b ts-client relayer`\n");
    process.exit(1);
  }
  throw err;
}
