import { EnergyCategory, periodAt, Side } from "@gridledger/client";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { CHF_BANK } from "./fixtures.js";
import { EMPTY_FORM, OfferFilters, parseForm } from "./OfferFilters.js";

describe("the offer filters", () => {
  afterEach(cleanup);

  it("turn what is typed into the chain's filter: base units, periods of local days", () => {
    const { filter, errors } = parseForm({ ...EMPTY_FORM, side: String(Side.SIDE_CONSUMER), category: String(EnergyCategory.ENERGY_CATEGORY_WIND), minPrice: "50", maxPrice: "85.5", fromDay: "2026-12-04", toDay: "2026-12-04" }, [CHF_BANK], 900n);
    expect(errors).toEqual({});
    expect(filter).toMatchObject({ denom: "uchf.alpine", side: Side.SIDE_CONSUMER, category: EnergyCategory.ENERGY_CATEGORY_WIND, minPrice: 50_000_000n, maxPrice: 85_500_000n });
    expect(filter.fromPeriod).toBe(periodAt(new Date(2026, 11, 4), 900n));
    expect((filter.toPeriod ?? 0n) - (filter.fromPeriod ?? 0n)).toBe(95n); // 96 quarter hours (no DST change on 4 Dec)
  });

  it("name the field that does not parse and leave it out of the filter", () => {
    const { filter, errors } = parseForm({ ...EMPTY_FORM, minPrice: "cheap", maxPrice: "10", fromDay: "2026-12-05", toDay: "2026-12-04" }, [CHF_BANK], 900n);
    expect(errors.minPrice).toBe("Enter an amount in CHF per MWh, such as 85.50.");
    expect(errors.toDay).toBe("The last day is before the first.");
    expect(filter.minPrice).toBeUndefined();
    expect(filter.maxPrice).toBe(10_000_000n);
    expect(filter.fromPeriod).toBeUndefined();
  });

  it("apply a price when it is left or confirmed, and a choice at once", () => {
    const onChange = vi.fn();
    render(<OfferFilters form={EMPTY_FORM} onChange={onChange} banks={[CHF_BANK]} errors={{}} />);
    fireEvent.change(screen.getByLabelText("Category"), { target: { value: String(EnergyCategory.ENERGY_CATEGORY_HYDRO) } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ category: String(EnergyCategory.ENERGY_CATEGORY_HYDRO) }));
    const lowest = screen.getByLabelText("Lowest price (CHF/MWh)");
    fireEvent.change(lowest, { target: { value: "60" } });
    expect(onChange).toHaveBeenCalledTimes(1);
    fireEvent.blur(lowest);
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ minPrice: "60" }));
  });
});
