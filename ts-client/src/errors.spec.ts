import { BroadcastTxError } from "@cosmjs/stargate";
import { describe, expect, it } from "vitest";

import { explainError, GridledgerTxError, recogniseError, txErrorFromThrown } from "./errors.js";

// A failed simulation as SDK v0.53 reports it: the msg server's error wrapped by baseapp, then by
// the tx service into a gRPC status, then by ABCI query into sdk code 6.
const simulateLog =
  "rpc error: code = Unknown desc = failed to execute message; message index: 0: " +
  "address grid1abc: legal identifier already admitted with gas used: '51234': unknown request";

describe("errors", () => {
  it("explains registered codes and leaves unknown ones alone", () => {
    expect(explainError("balancing", 8)).toMatch(/already a participant/);
    expect(explainError("balancing", 999)).toBeUndefined();
  });

  it("recognises the most specific registered error in a log", () => {
    expect(recogniseError(simulateLog)).toEqual({ codespace: "balancing", code: 9 });
    expect(recogniseError("something: invalid request")).toBeUndefined();
  });

  it("turns a failed simulation into a GridledgerTxError", () => {
    const error = txErrorFromThrown(new Error(`Query failed with (6): ${simulateLog}`));
    expect(error).toBeInstanceOf(GridledgerTxError);
    expect(error).toMatchObject({ phase: "simulate", codespace: "balancing", code: 9, rawLog: simulateLog });
  });

  it("keeps the query's code when the log is not recognised", () => {
    const error = txErrorFromThrown(new Error("Query failed with (6): rpc error: strange"));
    expect(error).toMatchObject({ phase: "simulate", codespace: "sdk", code: 6 });
    expect((error as GridledgerTxError).explanation).toMatch(/rejected/);
  });

  it("turns a CheckTx failure into a GridledgerTxError", () => {
    const error = txErrorFromThrown(new BroadcastTxError(13, "sdk", "insufficient fees"));
    expect(error).toMatchObject({ phase: "checkTx", codespace: "sdk", code: 13 });
    expect((error as GridledgerTxError).message).toMatch(/^The fee is below/);
  });

  it("passes other errors through", () => {
    const network = new Error("fetch failed");
    expect(txErrorFromThrown(network)).toBe(network);
  });
});
