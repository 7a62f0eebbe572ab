import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readState, writeState, type NetworkState } from "./state.js";

describe("the state file", () => {
  let home = "";
  afterEach(async () => {
    if (home) await rm(home, { recursive: true, force: true });
  });

  it("survives writes at the same moment (links opened in parallel record themselves together)", async () => {
    home = await mkdtemp(join(tmpdir(), "gridnet-state-"));
    const state = {
      version: 1,
      name: "t",
      topologyFile: "t.yaml",
      home,
      updatedAt: new Date(0).toISOString(),
      chains: [],
      links: [],
      hermes: { binary: "hermes", home: join(home, "hermes"), config: "c", logFile: "l", restPort: 1, telemetryPort: 2 },
    } as NetworkState;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        state.links = [...state.links, { parent: "root", child: `child-${i}`, channels: [] }];
        return writeState(state);
      }),
    );
    const back = await readState(home);
    expect(back?.links.map((l) => l.child)).toHaveLength(20);
    expect((await readdir(home)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
