import { Co2IntensityBasis, type Co2Token, EnergyCategory, GridledgerTxError, type StandardCo2Intensity, TokenStatus } from "@gridledger/client";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { CHF_BANK, P0, token } from "../market/fixtures.js";
import { co2Preview, formatGrams, formatIntensity, gramsToStandard, readGrams } from "./co2.js";
import { Co2TokenForm, PublishForm, RateForm, readIntensity } from "./Co2Forms.js";

const type = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const button = (name: RegExp) => screen.getByRole("button", { name }) as HTMLButtonElement;
const refusal = (code: number, codespace = "energy") => new GridledgerTxError({ phase: "deliverTx", codespace, code, rawLog: "refused" });

// 4 periods x 250 kWh = 1 MWh carrying 600 kg: 600 g/kWh. The standard is 400 g/kWh.
const dirty = token({ id: 7n, co2Grams: 600_000n, producer: { owner: "grid1bob", meterId: "pv", ask: undefined }, consumer: { owner: "grid1bob", meterId: "v", ask: undefined } });
const standard: StandardCo2Intensity = { category: EnergyCategory.ENERGY_CATEGORY_SOLAR, period: P0, gramsPerMwh: 400_000n, basis: Co2IntensityBasis.CO2_INTENSITY_BASIS_PUBLISHED, basisPeriod: P0 - 10n };
const co2Token = (id: bigint, grams: bigint): Co2Token => ({
  id, owner: "grid1bob", grams, category: EnergyCategory.ENERGY_CATEGORY_COAL, originShard: "", splitFrom: 3n, firstPeriod: P0, lastPeriod: P0,
  status: TokenStatus.TOKEN_STATUS_ACTIVE, mergedInto: 0n, ask: undefined, createdHeight: 1n, denom: "uchf", duePeriod: P0, consumed: false, consumedPeriod: 0n, dividedFrom: 0n, dividedInto: [],
});

describe("CO2 figures", () => {
  it("formats grams and intensities as people read them", () => {
    expect(formatGrams(950n)).toBe("950 g");
    expect(formatGrams(1_500n)).toBe("1.5 kg");
    expect(formatGrams(2_000_000n)).toBe("2 t");
    expect(formatIntensity(41_000n)).toBe("41 g/kWh");
  });

  it("previews a split and a merge against the standard and says what the chain would refuse", () => {
    expect(co2Preview(600_000n, 1_000_000n, -200_000n, 400_000n)).toMatchObject({ after: 400_000n, intensityAfter: 400_000n, gap: 0n });
    expect(co2Preview(600_000n, 1_000_000n, 100_000n, 400_000n)).toMatchObject({ after: 700_000n, gap: 300_000n });
    expect(co2Preview(600_000n, 1_000_000n, -600_001n).problem).toBe("The token carries 600 kg; split at most that.");
    expect(co2Preview(600_000n, 1_000_000n, 0n).problem).toBe("Enter at least 1 g.");
    expect(co2Preview(2n ** 64n - 1n, 1n, 1n).problem).toContain("2^64");
    expect(gramsToStandard(600_000n, 1_000_000n, 400_000n)).toBe(200_000n);
    expect(gramsToStandard(100_000n, 1_000_000n, 400_000n)).toBe(-300_000n);
  });

  it("reads grams and intensities, refusing what the chain would", () => {
    expect(readGrams("1'500")).toEqual({ grams: 1_500n });
    expect(readGrams("0").error).toBe("Enter at least 1 g.");
    expect(readGrams("1.5").error).toBe("Enter whole grams, such as 1500.");
    expect(readGrams("18446744073709551616").error).toContain("more CO2");
    expect(readIntensity("41")).toEqual({ gramsPerMwh: 41_000n });
    expect(readIntensity("820.5")).toEqual({ gramsPerMwh: 820_500n });
    expect(readIntensity("-1").error).toContain("g/kWh");
  });
});

describe("the CO2 authority's forms", () => {
  afterEach(cleanup);

  it("publishes a standard intensity from an open period, in g/MWh", async () => {
    const submit = vi.fn(async () => undefined);
    render(<PublishForm firstOpen={P0} submit={submit} />);
    expect(button(/publish/i).disabled).toBe(true);
    type(/from period/i, (P0 - 1n).toString());
    type(/intensity \(g\/kwh\)/i, "820.5");
    expect(screen.getByText(/has passed its gate closure/)).toBeTruthy();
    expect(button(/publish/i).disabled).toBe(true);
    type(/from period/i, P0.toString());
    fireEvent.change(screen.getByLabelText(/category/i), { target: { value: String(EnergyCategory.ENERGY_CATEGORY_COAL) } });
    fireEvent.click(button(/publish/i));
    await waitFor(() => expect(screen.getByTestId("publish-done").textContent).toBe(`Published 820.5 g/kWh for Coal from period ${P0.toString()}.`));
    expect(submit).toHaveBeenCalledWith(EnergyCategory.ENERGY_CATEGORY_COAL, P0, 820_500n);
  });

  it("says why the chain refused a publication by someone else", async () => {
    render(<PublishForm firstOpen={P0} submit={async () => Promise.reject(refusal(60))} />);
    type(/intensity \(g\/kwh\)/i, "41");
    fireEvent.click(button(/publish/i));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("Only the CO2 authority governance appointed may publish"));
  });

  it("sets a rate per gram, shows it per tonne, allows zero and refuses a negative one", async () => {
    const submit = vi.fn(async () => undefined);
    render(<RateForm units={[CHF_BANK]} submit={submit} />);
    type(/rate per gram/i, "-5");
    expect(screen.getByText(/cannot be negative/)).toBeTruthy();
    expect(button(/set rate/i).disabled).toBe(true);
    type(/rate per gram/i, "0");
    expect(screen.getByTestId("rate-per-tonne").textContent).toBe("CHF 0.00 per tonne of CO2 consumed: no payment.");
    type(/rate per gram/i, "100");
    expect(screen.getByTestId("rate-per-tonne").textContent).toBe("CHF 100.00 per tonne of CO2 consumed.");
    fireEvent.click(button(/set rate/i));
    await waitFor(() => expect(screen.getByTestId("rate-done").textContent).toBe("The CO2 rate in CHF is now CHF 100.00 per tonne."));
    expect(submit).toHaveBeenCalledWith(CHF_BANK.denom, 100n);
  });
});

describe("splitting and merging CO2", () => {
  afterEach(cleanup);

  function show(co2Tokens: Co2Token[] = [], split = vi.fn(async () => ({ tokenId: 8n, co2TokenId: 2n })), merge = vi.fn(async () => 9n)) {
    render(<Co2TokenForm tokens={[dirty]} co2Tokens={co2Tokens} standardFor={() => standard} split={split} merge={merge} />);
    return { split, merge };
  }

  it("previews the intensity after a split against the standard and signs it", async () => {
    const { split } = show();
    expect(screen.getByTestId("co2-gap").textContent).toBe("200 g/kWh above the standard.");
    fireEvent.click(button(/split 200 kg: down to the standard/i));
    expect(screen.getByTestId("co2-grams").textContent).toBe("600 kg → 400 kg");
    expect(screen.getByTestId("co2-intensity").textContent).toBe("600 g/kWh → 400 g/kWh");
    expect(screen.getByTestId("co2-standard").textContent).toBe(`400 g/kWh (published from period ${new Intl.NumberFormat().format(P0 - 10n)})`);
    expect(screen.getByTestId("co2-gap").textContent).toBe("At the standard.");
    fireEvent.click(screen.getAllByRole("button", { name: /split co2 off/i }).at(-1) as HTMLButtonElement);
    await waitFor(() => expect(screen.getByTestId("co2-done").textContent).toBe("Split 200 kg off token 7: token 8 replaces it, and CO2 token 2 holds the 200 kg."));
    expect(split).toHaveBeenCalledWith(7n, 200_000n);
  });

  it("holds back a split of more CO2 than the token carries", () => {
    const { split } = show();
    type(/co2 to split off/i, "600001");
    expect(screen.getByRole("alert").textContent).toBe("The token carries 600 kg; split at most that.");
    expect((screen.getAllByRole("button", { name: /split co2 off/i }).at(-1) as HTMLButtonElement).disabled).toBe(true);
    expect(split).not.toHaveBeenCalled();
  });

  it("merges the CO2 tokens picked and shows the intensity after", async () => {
    const { merge } = show([co2Token(2n, 50_000n), co2Token(3n, 25_000n)]);
    fireEvent.click(button(/merge co2 tokens in/i));
    fireEvent.click(screen.getByLabelText(/co2 token 2 /i));
    fireEvent.click(screen.getByLabelText(/co2 token 3 /i));
    expect(screen.getByTestId("co2-grams").textContent).toBe("600 kg → 675 kg");
    expect(screen.getByTestId("co2-gap").textContent).toBe("275 g/kWh above the standard.");
    fireEvent.click(button(/merge co2 in/i));
    await waitFor(() => expect(screen.getByTestId("co2-done").textContent).toBe("Merged 75 kg into token 7: token 9 replaces it."));
    expect(merge).toHaveBeenCalledWith(7n, [2n, 3n]);
  });

  it("offers no merge without CO2 tokens, and says why the chain refused a split", async () => {
    show([], vi.fn(async () => Promise.reject(refusal(61))));
    expect(button(/merge co2 tokens in/i).disabled).toBe(true);
    type(/co2 to split off/i, "10");
    fireEvent.click(screen.getAllByRole("button", { name: /split co2 off/i }).at(-1) as HTMLButtonElement);
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("The CO2 amount does not fit"));
  });
});
