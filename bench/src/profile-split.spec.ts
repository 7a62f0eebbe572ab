import { describe, expect, it } from "vitest";

import { splitProfile } from "./profile-split.js";

// Lines of a real `go tool pprof -top -cum` of gridd during bank sends (bench, 2026-12-04).
const TOP = `File: gridd
Type: cpu
Duration: 6s, Total samples = 6.87s (114.49%)
Showing nodes accounting for 0.18s, 2.62% of 6.87s total
      flat  flat%   sum%        cum   cum%
     0.03s  0.44%  0.44%      3.88s 56.48%  github.com/cosmos/cosmos-sdk/baseapp.(*BaseApp).runTx
     0.08s  1.16%  1.75%      3.11s 45.27%  github.com/gridledger/gridledger/chain/app.NewAnteHandler.ChainAnteDecorators.func3
         0     0%  2.62%      2.28s 33.19%  github.com/cosmos/cosmos-sdk/baseapp.(*BaseApp).CheckTx
         0     0%  2.77%      1.73s 25.18%  github.com/cosmos/cosmos-sdk/baseapp.(*BaseApp).FinalizeBlock
         0     0%  2.77%      1.05s 15.28%  runtime.gcBgMarkWorker
         0     0%  2.77%      1.05s 15.28%  runtime.gcBgMarkWorker.func2
         0     0% 47.45%      190ms  2.77%  github.com/cosmos/cosmos-sdk/baseapp.(*BaseApp).runMsgs
`;

describe("splitProfile", () => {
  it("gives each part its function's cumulative share of the samples, ms as well as s, and 0 for a part not sampled", () => {
    const { totalSeconds, shares } = splitProfile(TOP);
    expect(totalSeconds).toBe(6.87);
    expect(shares["CheckTx (ante only)"]).toBeCloseTo(2.28 / 6.87, 6);
    expect(shares["ante, CheckTx and blocks"]).toBeCloseTo(3.11 / 6.87, 6);
    expect(shares["FinalizeBlock"]).toBeCloseTo(1.73 / 6.87, 6);
    expect(shares["  message handlers"]).toBeCloseTo(0.19 / 6.87, 6);
    // The worker, not its closure listed below it.
    expect(shares["Go GC mark"]).toBeCloseTo(1.05 / 6.87, 6);
    expect(shares["Commit"]).toBe(0);
    expect(shares["state-sync snapshot"]).toBe(0);
  });

  it("refuses text that is not pprof's", () => {
    expect(() => splitProfile("no profile here")).toThrow(/Total samples/);
  });
});
