#!/usr/bin/env node
// gridnet from the TypeScript sources (no build step): tsx compiles them on the fly.
import { register } from "tsx/esm/api";

register();
await import("../src/gridnet.ts");
