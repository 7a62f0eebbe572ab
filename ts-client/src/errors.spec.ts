import { readFileSync } from "node:fs";
import { BroadcastTxError } from "@cosmjs/stargate";
import { describe, expect, it } from "vitest";

import { codespaceHint, explainError, GridledgerTxError, recogniseError, txErrorFromThrown } from "./errors.js";

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

  it("explains every x/delivery code and the new x/balancing ones", () => {
    for (let code = 2; code <= 21; code++) expect(explainError("delivery", code)).toBeDefined();
    expect(explainError("delivery", 22)).toBeUndefined();
    expect(explainError("delivery", 10)).toMatch(/current key/);
    expect(explainError("balancing", 31)).toMatch(/consent/);
    expect(explainError("balancing", 32)).toMatch(/retired/);
    expect(recogniseError("x: meter CH-1 already has a reading for period 5: meter already has a reading for the period")).toEqual({ codespace: "delivery", code: 16 });
  });

  it("recognises the reference price refusals as the chain words them", () => {
    // msg_server_reference.go's wrappings, as a failed simulation reports them.
    const participant =
      "failed to execute message; message index: 0: grid1x is not the grid operator: only the grid operator publishes reference prices: only the grid operator may do this";
    expect(recogniseError(participant)).toEqual({ codespace: "delivery", code: 20 });
    expect(explainError("delivery", 20)).toMatch(/^Only the grid operator publishes reference prices/);
    const past =
      "failed to execute message; message index: 0: from_period 5 is past its gate closure (the current period is 9): publish for a period that still trades: invalid reference price";
    expect(recogniseError(past)).toEqual({ codespace: "delivery", code: 21 });
    expect(explainError("delivery", 21)).toMatch(/from_period must still trade/);
  });

  it("explains every x/fiat code", () => {
    for (let code = 2; code <= 24; code++) expect(explainError("fiat", code)).toBeDefined();
    expect(explainError("fiat", 12)).toMatch(/attested reserve/);
    expect(explainError("fiat", 20)).toMatch(/locked as collateral/);
  });

  it("recognises x/fiat errors by their own text", () => {
    const log = "failed to execute message; message index: 0: minting 5 would take uchf.alpine outstanding to 15, above the attested reserve 10: issuance would exceed the attested reserve";
    expect(recogniseError(log)).toEqual({ codespace: "fiat", code: 12 });
    expect(recogniseError("redemption 1 was marked paid at height 9: redemption already marked paid")).toEqual({ codespace: "fiat", code: 19 });
  });

  it("settles shared texts by the failing message's module", () => {
    const log = "failed to execute message; message index: 1: x: signer is not the grid operator";
    const msgs = [
      { typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: {} },
      { typeUrl: "/gridledger.fiat.v1.MsgLockCollateral", value: {} },
    ];
    expect(codespaceHint(log, msgs)).toBe("fiat");
    expect(recogniseError(log, "fiat")).toEqual({ codespace: "fiat", code: 21 });
    expect(recogniseError(log)).toEqual({ codespace: "balancing", code: 2 });
    // The SDK's "insufficient funds" stays the SDK's unless an x/fiat message failed.
    expect(recogniseError("0uchf is smaller than 5uchf: insufficient funds")).toEqual({ codespace: "sdk", code: 5 });
    expect(recogniseError("cannot redeem 5uchf: insufficient funds", "fiat")).toEqual({ codespace: "fiat", code: 16 });
  });

  it("admits generic texts only for the failing message's module", () => {
    expect(recogniseError("owner \"x\": decoding bech32 failed: invalid address")).toBeUndefined();
    expect(recogniseError("owner \"x\": decoding bech32 failed: invalid address", "fiat")).toEqual({ codespace: "fiat", code: 3 });
    expect(recogniseError("amount must be positive: invalid amount", "fiat")).toEqual({ codespace: "fiat", code: 11 });
  });

  it("takes the only message as the failing one when the log names none", () => {
    expect(codespaceHint("boom", [{ typeUrl: "/gridledger.fiat.v1.MsgMint", value: {} }])).toBe("fiat");
    expect(codespaceHint("boom", [])).toBeUndefined();
    expect(codespaceHint("message index: 0: boom", [{ typeUrl: "/cosmos.gov.v1.MsgVote", value: {} }])).toBeUndefined();
  });

  it("explains every x/energy code", () => {
    for (let code = 2; code <= 31; code++) expect(explainError("energy", code)).toBeDefined();
    expect(explainError("energy", 11)).toMatch(/cancelled/);
    expect(explainError("energy", 18)).toMatch(/position limit/);
    expect(explainError("energy", 29)).toMatch(/until every token it backs is cancelled/);
    expect(explainError("energy", 30)).toMatch(/cannot be split or merged; keep one of its sides/);
    expect(explainError("energy", 31)).toMatch(/set category/);
    expect(explainError("energy", 32)).toMatch(/gate closure/);
    expect(explainError("energy", 66)).toMatch(/settled: its holder was charged/);
    expect(recogniseError("CO2 token 3 was consumed at the settlement of period 9: its holder grid1x was charged its 15 g: CO2 token was consumed at settlement")).toEqual({ codespace: "energy", code: 66 });
    expect(explainError("energy", 67)).toMatch(/withdraw its ask first/);
    expect(explainError("energy", 68)).toMatch(/divided into smaller CO2 tokens/);
    expect(recogniseError("CO2 token 4 is offered at -1 uchf.alpine per tonne: void its ask before dividing it: CO2 token is offered for sale")).toEqual({ codespace: "energy", code: 67 });
    expect(recogniseError("CO2 token 4 was divided into CO2 tokens [5 6]: use its parts: CO2 token was divided")).toEqual({ codespace: "energy", code: 68 });
    expect(explainError("energy", 33)).toMatch(/changes only with its purchase/);
    expect(explainError("energy", 36)).toMatch(/quote the purchase again/);
    expect(explainError("energy", 38)).toBeUndefined();
  });

  it("recognises x/energy errors, and x/fiat's under an energy message", () => {
    const buy = [{ typeUrl: "/gridledger.energy.v1.MsgBuySide", value: {} }];
    const notForSale = "message index: 0: the SIDE_CONSUMER side of token 3 is not offered: side is not for sale";
    expect(recogniseError(notForSale, codespaceHint(notForSale, buy))).toEqual({ codespace: "energy", code: 15 });
    expect(recogniseError("token 4 is TOKEN_STATUS_CANCELLED: token is not active")).toEqual({ codespace: "energy", code: 11 });
    // "invalid meter" is energy's, the longer balancing texts stay balancing's.
    expect(recogniseError("meter x belongs to y, not z: invalid meter")).toEqual({ codespace: "energy", code: 7 });
    expect(recogniseError("kind 3: invalid meter kind")).toEqual({ codespace: "balancing", code: 15 });
    // A purchase pays through x/fiat: its "insufficient funds" is fiat 16, not the SDK's.
    const poor = "message index: 0: payer grid1x has 0uchf.alpine available: insufficient funds";
    expect(recogniseError(poor, codespaceHint(poor, buy))).toEqual({ codespace: "fiat", code: 16 });
    expect(recogniseError("from is empty: invalid address", "energy")).toEqual({ codespace: "energy", code: 3 });
    expect(recogniseError("set wh_parts or split_after_period: invalid request", "energy")).toEqual({ codespace: "energy", code: 22 });
  });

  it("recognises the errors of aggregations, a missing category and a frozen token", () => {
    const committed =
      "cannot hand it over: the SIDE_CONSUMER side of token 4 backs token(s) [7] emitted against it; it is released when those are cancelled: side backs an aggregation or disaggregation";
    expect(recogniseError(committed)).toEqual({ codespace: "energy", code: 29 });
    expect(recogniseError("cannot merge token 7: it was emitted against the SIDE_CONSUMER sides of tokens [3 4]; ...: token was emitted by an aggregation or disaggregation")).toEqual({
      codespace: "energy",
      code: 30,
    });
    const noCategory = "message index: 0: set category: only a production or virtual producer meter implies it, and this token names neither: energy category missing or contradicted";
    expect(recogniseError(noCategory)).toEqual({ codespace: "energy", code: 31 });
    // balancing 7 keeps its own text.
    expect(recogniseError("category ENERGY_CATEGORY_UNSPECIFIED: invalid energy category")).toEqual({ codespace: "balancing", code: 7 });
    const frozen = "token 4 is TOKEN_PHASE_FROZEN: the gate of its first period 9 closed at 2026-12-02T18:00:00Z; only the grid operator acts on it now: token is frozen: its gate has closed";
    expect(recogniseError(frozen)).toEqual({ codespace: "energy", code: 32 });
  });

  // The table mirrors the chain's registrations; reading them keeps it from drifting when a module
  // registers a code or rewords one (the text is how a failed simulation is recognised).
  it.each([
    ["balancing", 15],
    ["fiat", 15],
    ["energy", 15],
    ["delivery", 15],
    ["settlement", 12],
    ["interchain", 12],
    ["invariants", 1],
  ] as const)("knows every error x/%s registers, by its registered text", (module, atLeast) => {
    const source = readFileSync(new URL(`../../chain/x/${module}/types/errors.go`, import.meta.url), "utf8");
    // Register, or RegisterWithGRPCCode when a query error has its own gRPC status (REST 400/404).
    const registered = [...source.matchAll(/errorsmod\.Register(?:WithGRPCCode)?\(ModuleName, (\d+), (?:codes\.\w+, )?"([^"]*)"\)/g)];
    expect(registered.length).toBeGreaterThan(atLeast);
    // Genesis errors stop a node at start; no transaction reaches them.
    const unexplained = new Set(["balancing:20"]);
    for (const [, code = "", description = ""] of registered) {
      if (unexplained.has(`${module}:${code}`)) continue;
      expect(explainError(module, Number(code)), `${module} ${code}`).toBeDefined();
      const found = { codespace: module, code: Number(code) };
      expect(recogniseError(`x: ${description}`, module), `${module} ${code} "${description}"`).toEqual(found);
      // Exactly that text: any shorter one is inside the text less its first or its last character.
      expect(recogniseError(`x: ${description.slice(1)}`, module), `${module} ${code}: shorter text`).not.toEqual(found);
      expect(recogniseError(`x: ${description.slice(0, -1)}`, module), `${module} ${code}: shorter text`).not.toEqual(found);
    }
  });
});
