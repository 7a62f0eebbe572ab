import { describe, expect, it } from "vitest";
import { applyGenesisSettings, BLOCK_MAX_GAS, bankDenomMetadata, replaceString, UGRID_METADATA, type GenesisBank } from "./genesis.js";

// The shape `gridd init` writes (SDK 0.53 AppGenesis), trimmed to what the edits touch.
function defaultGenesis() {
  return {
    app_name: "gridd",
    chain_id: "gridledger-dev-1",
    app_state: {
      bank: { params: { default_send_enabled: true }, balances: [], supply: [], denom_metadata: [], send_enabled: [] },
      staking: { params: { bond_denom: "stake", unbonding_time: "1814400s" } },
      mint: { params: { mint_denom: "stake" } },
      crisis: { constant_fee: { denom: "stake", amount: "1000" } },
      gov: {
        params: {
          min_deposit: [{ denom: "stake", amount: "10000000" }],
          expedited_min_deposit: [{ denom: "stake", amount: "50000000" }],
          max_deposit_period: "172800s",
          voting_period: "172800s",
          expedited_voting_period: "86400s",
        },
      },
      balancing: { params: { grid_operator: "" }, participants: [], meters: [] },
      energy: { params: { period_seconds: "900" } },
      delivery: {
        params: {
          reading_window_periods: "96",
          max_readings_per_tx: "1000",
          imbalance_margin_bps: 1000,
          imbalance_pricing: "IMBALANCE_PRICING_DUAL",
          min_market_wh: "1000000",
          max_reconcile_per_block: "2000",
        },
      },
      fiat: { banks: [], audit_entries: [], redemptions: [], settlement_accounts: [], next_audit_id: "1", next_redemption_id: "1" },
    },
    consensus: { params: { block: { max_bytes: "22020096" } } },
  };
}

const settings = {
  gridOperator: "grid1operator",
  periodSeconds: 60,
  gov: { votingPeriod: "10s", expeditedVotingPeriod: "5s", maxDepositPeriod: "10s" },
};

describe("applyGenesisSettings", () => {
  const { genesis, warnings } = applyGenesisSettings(defaultGenesis(), settings);
  const app = genesis.app_state as ReturnType<typeof defaultGenesis>["app_state"];

  it("replaces stake by ugrid in every module", () => {
    expect(JSON.stringify(app)).not.toContain('"stake"');
    expect(app.staking.params.bond_denom).toBe("ugrid");
    expect(app.mint.params.mint_denom).toBe("ugrid");
    expect(app.crisis.constant_fee.denom).toBe("ugrid");
    expect(app.gov.params.min_deposit[0]?.denom).toBe("ugrid");
  });

  it("adds ugrid denom metadata (display grid, exponent 6)", () => {
    expect(app.bank.denom_metadata).toEqual([UGRID_METADATA]);
  });

  it("sets the grid operator, the period and short gov periods", () => {
    expect(app.balancing.params.grid_operator).toBe("grid1operator");
    expect(app.energy.params.period_seconds).toBe("60");
    expect(app.gov.params.voting_period).toBe("10s");
    expect(app.gov.params.expedited_voting_period).toBe("5s");
    expect(app.gov.params.max_deposit_period).toBe("10s");
    expect(warnings).toEqual([]);
  });

  it("sets the gate closure only when asked, keeping gridd's default otherwise", () => {
    const energy = (g: ReturnType<typeof applyGenesisSettings>["genesis"]) =>
      (g.app_state as { energy: { params: Record<string, string> } }).energy.params;
    expect(energy(genesis)).toEqual({ period_seconds: "60" });
    expect(energy(applyGenesisSettings(defaultGenesis(), { ...settings, gateClosureSeconds: 30 }).genesis)).toEqual({
      period_seconds: "60",
      gate_closure_seconds: "30",
    });
  });

  it("overrides only the delivery parameters given, in proto JSON", () => {
    const delivery = (g: ReturnType<typeof applyGenesisSettings>["genesis"]) =>
      (g.app_state as { delivery: { params: Record<string, unknown> } }).delivery.params;
    expect(delivery(genesis)).toEqual(defaultGenesis().app_state.delivery.params);
    const edited = applyGenesisSettings(defaultGenesis(), {
      ...settings,
      deliveryParams: { readingWindowPeriods: 1, minMarketWh: 1_000, imbalanceMarginBps: 250, imbalancePricing: "single", maxReconcilePerBlock: 0 },
    }).genesis;
    expect(delivery(edited)).toEqual({
      reading_window_periods: "1",
      max_readings_per_tx: "1000",
      imbalance_margin_bps: 250,
      imbalance_pricing: "IMBALANCE_PRICING_SINGLE",
      min_market_wh: "1000",
      max_reconcile_per_block: "0",
    });
  });

  it("registers the relayers once and sets a block gas limit", () => {
    const relayer = "grid1relayer";
    const once = applyGenesisSettings(defaultGenesis(), { ...settings, relayers: [relayer] }).genesis;
    const twice = applyGenesisSettings(once, { ...settings, relayers: [relayer] }).genesis;
    expect((twice.app_state as { balancing: { relayers: string[] } }).balancing.relayers).toEqual([relayer]);
    expect(twice.consensus).toEqual({ params: { block: { max_bytes: "22020096", max_gas: BLOCK_MAX_GAS } } });
  });

  it("leaves the rest alone and does not mutate its input", () => {
    const input = defaultGenesis();
    applyGenesisSettings(input, settings);
    expect(input).toEqual(defaultGenesis());
    expect(genesis.consensus).toEqual({ params: { block: { max_bytes: "22020096", max_gas: BLOCK_MAX_GAS } } });
    expect(app.staking.params.unbonding_time).toBe("1814400s");
  });

  it("is idempotent (metadata is not duplicated)", () => {
    const twice = applyGenesisSettings(genesis, settings).genesis;
    expect(twice).toEqual(genesis);
  });

  it("creates missing gridledger module states and says so", () => {
    const g = defaultGenesis() as { app_state: Record<string, unknown> };
    delete g.app_state.balancing;
    const result = applyGenesisSettings(g, settings);
    expect((result.genesis.app_state as typeof app).balancing).toEqual({ params: { grid_operator: "grid1operator" }, participants: [], meters: [], relayers: [] });
    expect(result.warnings).toEqual([expect.stringContaining('no "balancing" module state')]);
  });

  it("refuses a file without app_state", () => {
    expect(() => applyGenesisSettings({}, settings)).toThrow(/gridd init/);
  });
});

describe("applyGenesisSettings with genesis banks", () => {
  const chf: GenesisBank = {
    address: "grid1bank",
    denom: "uchf.alpine",
    displayDenom: "chf.alpine",
    currency: "CHF",
    exponent: 6,
    fee: { kind: "basisPoints", basisPoints: 5 },
  };
  const eur: GenesisBank = { ...chf, denom: "ueur.north", displayDenom: "eur.north", currency: "EUR", exponent: 2, fee: { kind: "fixed", fixedAmount: "25" } };
  const { genesis, warnings } = applyGenesisSettings(defaultGenesis(), { ...settings, banks: [chf, eur] });
  const app = genesis.app_state as Record<string, Record<string, unknown>>;

  it("writes approved, empty bank entities into app_state.fiat.banks", () => {
    expect(app.fiat?.banks).toEqual([
      {
        denom: "uchf.alpine",
        address: "grid1bank",
        currency: "CHF",
        exponent: 6,
        fee_model: { kind: "FEE_KIND_BASIS_POINTS", basis_points: 5, fixed_amount: "0" },
        status: "BANK_ENTITY_STATUS_ACTIVE",
        reserve: "0",
        minted: "0",
        burned: "0",
        display_denom: "chf.alpine",
        fees_received: "0",
      },
      expect.objectContaining({
        denom: "ueur.north",
        fee_model: { kind: "FEE_KIND_FIXED", basis_points: 0, fixed_amount: "25" },
      }),
    ]);
    expect(app.fiat?.next_audit_id).toBe("1");
    expect(warnings).toEqual([]);
  });

  it("prices imbalances from the first period at the demo reference price in the first bank's currency, once", () => {
    const prices = [
      { category: "ENERGY_CATEGORY_UNSPECIFIED", from_period: "0", price_per_mwh: "80000000", denom: "uchf.alpine", height: "0" },
    ];
    expect(app.delivery?.reference_prices).toEqual(prices);
    const again = applyGenesisSettings(genesis, { ...settings, banks: [eur] }).genesis.app_state as Record<string, Record<string, unknown>>;
    expect(again.delivery?.reference_prices).toEqual(prices);
  });

  it("adds each bank's denom metadata next to ugrid's, as x/fiat writes it on approval", () => {
    expect(app.bank?.denom_metadata).toEqual([UGRID_METADATA, bankDenomMetadata(chf), bankDenomMetadata(eur)]);
    expect(bankDenomMetadata(chf)).toEqual({
      description: "CHF tokenised 1:1 by the bank entity grid1bank",
      denom_units: [
        { denom: "uchf.alpine", exponent: 0, aliases: [] },
        { denom: "chf.alpine", exponent: 6, aliases: [] },
      ],
      base: "uchf.alpine",
      display: "chf.alpine",
      name: "CHF (uchf.alpine)",
      symbol: "CHF",
      uri: "",
      uri_hash: "",
    });
  });

  it("is idempotent and leaves fiat alone without banks", () => {
    expect(applyGenesisSettings(genesis, { ...settings, banks: [chf, eur] }).genesis).toEqual(genesis);
    const plain = applyGenesisSettings(defaultGenesis(), settings).genesis.app_state as typeof app;
    expect(plain.fiat).toEqual(defaultGenesis().app_state.fiat);
  });
});

describe("replaceString", () => {
  it("replaces whole strings only", () => {
    expect(replaceString({ a: ["stake", "stakes", { b: "stake" }] }, "stake", "ugrid")).toEqual({ a: ["ugrid", "stakes", { b: "ugrid" }] });
  });
});
