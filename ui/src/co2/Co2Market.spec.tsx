import { type Co2Token, EnergyCategory, GridledgerTxError, TokenStatus } from "@gridledger/client";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { CHF_BANK, P0 } from "../market/fixtures.js";
import { co2BuyPreview, Co2Holdings, Co2Offers, stateText } from "./Co2Market.js";
import { co2State, co2TokenPrice, readDivision, rememberCo2, rememberedCo2 } from "./market.js";

const CHF = CHF_BANK.denom;
const co2 = (over: Partial<Co2Token> & { id: bigint }): Co2Token => ({
  owner: "grid1bob", grams: 500n, category: EnergyCategory.ENERGY_CATEGORY_SOLAR, originShard: "", splitFrom: 3n, firstPeriod: P0, lastPeriod: P0 + 3n,
  status: TokenStatus.TOKEN_STATUS_ACTIVE, mergedInto: 0n, ask: { forSale: false, pricePerTonne: 0n, denom: "" }, createdHeight: 1n, denom: CHF, duePeriod: P0 + 7n,
  consumed: false, consumedPeriod: 0n, dividedFrom: 0n, dividedInto: [], ...over,
});
const offered = (id: bigint, price: bigint, over: Partial<Co2Token> = {}) => co2({ id, ask: { forSale: true, pricePerTonne: price, denom: CHF }, ...over });
const names: Record<string, string> = { grid1bob: "Bob Solar AG", grid1alice: "Alice Trading" };
const nameOf = (a: string) => names[a] ?? a;
const refusal = (code: number) => new GridledgerTxError({ phase: "deliverTx", codespace: "energy", code, rawLog: "refused" });

describe("CO2 market figures", () => {
  it("prices a whole CO2 token as the chain does, toward zero", () => {
    expect(co2TokenPrice(-80_000_000n, 20_000n)).toBe(-1_600_000n);
    expect(co2TokenPrice(3n, 500_000n)).toBe(1n);
    expect(co2TokenPrice(-3n, 500_000n)).toBe(-1n);
  });

  it("previews a purchase: the buyer pays price and fee, or is paid at a negative price; the CO2 it then bears", () => {
    const pay = co2BuyPreview(offered(1n, 50_000_000n, { grams: 200_000n }), CHF_BANK.entity.feeModel!, 20_000_000n, 100n);
    expect(pay).toEqual({ price: 10_000_000n, fee: 5_000n, buyerPays: 10_005_000n, buyerReceives: 0n, availableAfter: 9_995_000n, co2Cost: 20_000_000n });
    const paid = co2BuyPreview(offered(1n, -80_000_000n, { grams: 20_000n }), CHF_BANK.entity.feeModel!, undefined, undefined);
    expect(paid).toEqual({ price: -1_600_000n, fee: 800n, buyerPays: 0n, buyerReceives: 1_600_000n });
    expect(co2BuyPreview(offered(1n, 0n), CHF_BANK.entity.feeModel!, 0n, 0n).fee).toBe(0n);
  });

  it("says what became of a CO2 token: consumed, divided and merged ones are not shown as held", () => {
    const unitOf = () => CHF_BANK;
    const say = (c: Co2Token) => stateText(co2State(c, "grid1bob"), nameOf, unitOf);
    expect(say(co2({ id: 1n }))).toBe("held, not offered");
    expect(say(offered(1n, -80_000_000n))).toBe("offered at CHF −80.00 per tonne");
    expect(say(co2({ id: 1n, owner: "grid1alice" }))).toBe("sold: now held by Alice Trading");
    expect(say(co2({ id: 1n, status: TokenStatus.TOKEN_STATUS_RETIRED, dividedInto: [4n, 5n] }))).toBe("divided into #4 and #5");
    expect(say(co2({ id: 1n, status: TokenStatus.TOKEN_STATUS_RETIRED, mergedInto: 12n }))).toBe("merged into token 12");
    expect(say(co2({ id: 1n, status: TokenStatus.TOKEN_STATUS_RETIRED, consumed: true, consumedPeriod: P0 + 7n, owner: "grid1alice" }))).toBe(
      `consumed at the settlement of period ${(P0 + 7n).toString()}: its grams were charged to you`,
    );
  });

  it("reads a division as the chain checks it: two parts of at least 1 g adding up to the token", () => {
    expect(readDivision("200", 500n)).toEqual({ parts: [200n, 300n] });
    expect(readDivision("", 500n)).toEqual({});
    expect(readDivision("500", 500n).error).toMatch(/first part must be less/);
    expect(readDivision("0", 500n).error).toBe("Enter at least 1 g.");
    expect(readDivision("2.5", 500n).error).toBe("Enter whole grams, such as 1500.");
  });
});

describe("the CO2 tokens an account held in this browser", () => {
  beforeEach(() => localStorage.clear());

  it("are remembered per chain and owner, by id", () => {
    expect(rememberCo2("c1", "grid1bob", [12n, 3n])).toEqual(["3", "12"]);
    expect(rememberCo2("c1", "grid1bob", [4n])).toEqual(["3", "4", "12"]);
    expect(rememberedCo2("c1", "grid1alice")).toEqual([]);
    expect(rememberedCo2("c2", "grid1bob")).toEqual([]);
    localStorage.setItem("gridledger.co2.seen.c1.grid1alice", JSON.stringify(["5", 6, "x"]));
    expect(rememberedCo2("c1", "grid1alice")).toEqual(["5"]);
  });
});

describe("the CO2 offers", () => {
  afterEach(cleanup);
  const props = { units: [CHF_BANK], nameOf, rateOf: () => 100n, availableOf: () => 5_000_000n };

  it("says when nothing is offered", () => {
    render(<Co2Offers offers={[]} me="grid1alice" {...props} />);
    expect(screen.getByText("No CO2 token is offered for sale.")).toBeTruthy();
  });

  it("lists offers with grams, price, seller; buys one only after the review", async () => {
    const buy = vi.fn(async () => undefined);
    render(<Co2Offers offers={[offered(3n, -80_000_000n, { grams: 20_000n }), offered(4n, 5_000_000n, { owner: "grid1alice" })]} me="grid1alice" buy={buy} {...props} />);
    const row = within(screen.getByTestId("co2-offer-3"));
    expect(row.getByText("20 kg")).toBeTruthy();
    expect(row.getByText("CHF −80.00 per tonne")).toBeTruthy();
    expect(row.getByText("Bob Solar AG")).toBeTruthy();
    expect(within(screen.getByTestId("co2-offer-4")).queryByRole("button")).toBeNull(); // her own
    fireEvent.click(screen.getByRole("button", { name: "Buy CO2 token 3" }));
    expect(buy).not.toHaveBeenCalled();
    expect(screen.getByTestId("co2-buy-price").textContent).toBe("CHF −80.00 per tonne × 20 kg = CHF −1.60");
    expect(screen.getByTestId("co2-buy-total").textContent).toBe("CHF 1.60");
    expect(screen.getByText("You receive")).toBeTruthy();
    expect(screen.getByTestId("co2-buy-co2").textContent).toBe(`20 kg × the CO2 rate = CHF 2.00 at the settlement of period ${(P0 + 7n).toString()}, unless you merge or sell it before`);
    fireEvent.click(screen.getByRole("button", { name: "Confirm: buy CO2 token 3" }));
    await waitFor(() => expect(screen.getByTestId("co2-buy-done").textContent).toMatch(/^You bought CO2 token 3 \(20 kg\)/));
    expect(buy).toHaveBeenCalledWith(expect.objectContaining({ id: 3n }));
  });

  it("warns before a purchase the settlement account cannot pay, and shows a refusal as a sentence", async () => {
    const buy = vi.fn(async () => {
      throw refusal(15);
    });
    const { rerender } = render(<Co2Offers offers={[offered(3n, 50_000_000n, { grams: 200_000n })]} me="grid1alice" buy={buy} {...props} availableOf={() => 1n} />);
    fireEvent.click(screen.getByRole("button", { name: "Buy CO2 token 3" }));
    expect(screen.getByRole("alert").textContent).toMatch(/deposit more/);
    expect((screen.getByRole("button", { name: "Confirm: buy CO2 token 3" }) as HTMLButtonElement).disabled).toBe(true);
    rerender(<Co2Offers offers={[offered(3n, 50_000_000n, { grams: 200_000n })]} me="grid1alice" buy={buy} {...props} availableOf={() => 20_000_000n} />);
    fireEvent.click(screen.getByRole("button", { name: "Confirm: buy CO2 token 3" }));
    await waitFor(() => expect(screen.getByText("Refused.")).toBeTruthy());
    expect(document.body.textContent).toMatch(/not offered|not for sale/i);
  });
});

describe("your CO2 tokens", () => {
  afterEach(cleanup);

  it("says when there are none", () => {
    render(<Co2Holdings tokens={[]} me="grid1bob" units={[CHF_BANK]} nameOf={nameOf} />);
    expect(screen.getByText("You hold no CO2 tokens.")).toBeTruthy();
  });

  it("shows past CO2 tokens with their state and acts only on live ones", () => {
    const tokens = [
      co2({ id: 1n, status: TokenStatus.TOKEN_STATUS_RETIRED, mergedInto: 9n }),
      co2({ id: 2n, status: TokenStatus.TOKEN_STATUS_RETIRED, dividedInto: [3n, 4n] }),
      offered(3n, -80_000_000n, { grams: 200n, dividedFrom: 2n }),
      co2({ id: 4n, grams: 300n, dividedFrom: 2n }),
    ];
    render(<Co2Holdings tokens={tokens} me="grid1bob" units={[CHF_BANK]} nameOf={nameOf} setAsk={vi.fn()} divide={vi.fn()} />);
    expect(screen.getByTestId("co2-state-1").textContent).toBe("merged into token 9");
    expect(screen.getByTestId("co2-state-2").textContent).toBe("divided into #3 and #4");
    expect(within(screen.getByTestId("co2-token-1")).queryByRole("button")).toBeNull();
    expect(within(screen.getByTestId("co2-token-2")).queryByRole("button")).toBeNull();
    expect(within(screen.getByTestId("co2-token-3")).getByText("part of #2")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Divide CO2 token 3" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole("button", { name: "Withdraw offer" })).toBeTruthy();
  });

  it("divides a CO2 token into the grams entered and the rest", async () => {
    const divide = vi.fn(async () => [5n, 6n]);
    render(<Co2Holdings tokens={[co2({ id: 4n })]} me="grid1bob" units={[CHF_BANK]} nameOf={nameOf} setAsk={vi.fn()} divide={divide} />);
    fireEvent.click(screen.getByRole("button", { name: "Divide CO2 token 4" }));
    const form = within(screen.getByRole("form", { name: "Divide CO2 token 4" }));
    fireEvent.change(form.getByLabelText("First part (g)"), { target: { value: "500" } });
    expect(form.getByText(/first part must be less/)).toBeTruthy();
    expect((form.getByRole("button", { name: "Divide" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(form.getByLabelText("First part (g)"), { target: { value: "200" } });
    expect(form.getByTestId("co2-divide-preview").textContent).toMatch(/^500 g → 200 g \+ 300 g/);
    fireEvent.click(form.getByRole("button", { name: "Divide" }));
    await waitFor(() => expect(screen.getByTestId("co2-holding-done").textContent).toBe("Divided CO2 token 4 into #5 (200 g) and #6 (300 g)."));
    expect(divide).toHaveBeenCalledWith(4n, [200n, 300n]);
  });

  it("offers a CO2 token at a negative price per tonne, and shows the chain's refusal as a sentence", async () => {
    const setAsk = vi.fn(async () => {
      throw refusal(67);
    });
    render(<Co2Holdings tokens={[co2({ id: 4n, grams: 20_000n })]} me="grid1bob" units={[CHF_BANK]} nameOf={nameOf} setAsk={setAsk} divide={vi.fn()} />);
    fireEvent.click(screen.getByRole("button", { name: "Offer CO2 token 4" }));
    const form = within(screen.getByRole("form", { name: "Offer CO2 token 4" }));
    fireEvent.change(form.getByLabelText("Price per tonne (CHF)"), { target: { value: "-80" } });
    expect(form.getByTestId("co2-offer-preview").textContent).toMatch(/^The buyer of the whole token is paid CHF 1.60 by you/);
    fireEvent.click(form.getByRole("button", { name: "Offer" }));
    await waitFor(() => expect(screen.getByText(/withdraw its ask first/)).toBeTruthy());
    expect(setAsk).toHaveBeenCalledWith(4n, { pricePerTonne: -80_000_000n, denom: CHF });
  });
});
