import { EnergyCategory, KeyAlgorithm, meterPublicKey, Role } from "@gridledger/client";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { AdmitForm, checkAdmit, EMPTY_ADMIT } from "./AdmitForm.js";
import { KeyField } from "./MetersSection.js";
import { toHex } from "./validation.js";

const DAVE = "grid1w9x4e6qv7ysl3j5sdu4ypm4kx4pft0hqdsz0kr";

describe("the admit form", () => {
  afterEach(cleanup);

  it("turns what is typed into the message: limit in Wh, roles and categories in the chain's order", () => {
    const { input, errors } = checkAdmit({
      address: ` ${DAVE} `,
      legalId: "12X-DAVE-TRADE-1",
      displayName: "Dave Trading GmbH",
      roles: [Role.ROLE_TRADER, Role.ROLE_CONSUMER],
      positionLimit: "1'000",
      tradedCategories: [EnergyCategory.ENERGY_CATEGORY_WIND, EnergyCategory.ENERGY_CATEGORY_SOLAR],
    });
    expect(errors).toEqual({});
    expect(input).toEqual({
      address: DAVE,
      legalId: "12X-DAVE-TRADE-1",
      displayName: "Dave Trading GmbH",
      roles: [Role.ROLE_CONSUMER, Role.ROLE_TRADER],
      positionLimitWh: 1_000_000n,
      tradedCategories: [EnergyCategory.ENERGY_CATEGORY_SOLAR, EnergyCategory.ENERGY_CATEGORY_WIND],
    });
  });

  it("says what is wrong with each field and signs nothing", () => {
    const onAdmit = vi.fn();
    render(<AdmitForm onAdmit={onAdmit} />);
    fireEvent.click(screen.getByRole("button", { name: "Admit participant" }));
    expect(onAdmit).not.toHaveBeenCalled();
    expect(screen.getByText("Enter the account's address (grid1…).")).toBeDefined();
    expect(screen.getByText("Enter the company's legal identifier, e.g. its 16-character EIC code.")).toBeDefined();
    expect(screen.getByText("Enter the company's trading name.")).toBeDefined();
    expect(screen.getByText("Grant at least one role.")).toBeDefined();
    expect(screen.getByLabelText("Account address").getAttribute("aria-invalid")).toBe("true");

    fireEvent.change(screen.getByLabelText("Account address"), { target: { value: "cosmos1abc" } });
    fireEvent.change(screen.getByLabelText("Legal identifier (EIC, LEI)"), { target: { value: "x" } });
    fireEvent.click(screen.getByLabelText("Producer"));
    fireEvent.click(screen.getByLabelText("Solar"));
    expect(screen.getByText("This is not a grid1… account address; copy it from the participant's wallet.")).toBeDefined();
    expect(screen.getByText(/3-35 upper-case letters/)).toBeDefined();
    // Typed in lower case, shown as the chain wants it.
    expect((screen.getByLabelText("Legal identifier (EIC, LEI)") as HTMLInputElement).value).toBe("X");
    expect(screen.getByText(/Only traders and retailers trade categories/)).toBeDefined();
    expect(screen.queryByText("Grant at least one role.")).toBeNull();
  });

  it("admits a valid participant with what was typed", () => {
    const onAdmit = vi.fn();
    render(<AdmitForm onAdmit={onAdmit} />);
    fireEvent.change(screen.getByLabelText("Account address"), { target: { value: DAVE } });
    fireEvent.change(screen.getByLabelText("Legal identifier (EIC, LEI)"), { target: { value: "12x-dave-trade-1" } });
    fireEvent.change(screen.getByLabelText("Trading name"), { target: { value: "Dave Trading GmbH" } });
    fireEvent.change(screen.getByLabelText("Position limit (kWh per period)"), { target: { value: "1000" } });
    expect(screen.getByText("at most 1 MWh open in any period")).toBeDefined();
    fireEvent.click(screen.getByLabelText("Trader"));
    fireEvent.click(within(screen.getByRole("group", { name: /Traded categories/ })).getByLabelText("Solar"));
    fireEvent.click(screen.getByRole("button", { name: "Admit participant" }));
    expect(onAdmit).toHaveBeenCalledTimes(1);
    expect(onAdmit).toHaveBeenCalledWith({
      address: DAVE,
      legalId: "12X-DAVE-TRADE-1",
      displayName: "Dave Trading GmbH",
      roles: [Role.ROLE_TRADER],
      positionLimitWh: 1_000_000n,
      tradedCategories: [EnergyCategory.ENERGY_CATEGORY_SOLAR],
    });
  });

  it("refuses an account that is already a participant, and signs nothing when not the operator", () => {
    const onAdmit = vi.fn();
    const { rerender } = render(<AdmitForm onAdmit={onAdmit} known={(a) => a === DAVE} />);
    fireEvent.change(screen.getByLabelText("Account address"), { target: { value: DAVE } });
    fireEvent.click(screen.getByRole("button", { name: "Admit participant" }));
    expect(screen.getByText("This account is already a participant; change it in the table instead.")).toBeDefined();
    rerender(<AdmitForm onAdmit={onAdmit} disabled />);
    expect((screen.getByRole("button", { name: "Admit participant" }) as HTMLButtonElement).disabled).toBe(true);
    expect(checkAdmit(EMPTY_ADMIT).input).toBeUndefined();
    expect(onAdmit).not.toHaveBeenCalled();
  });
});

function KeyHarness({ initial }: { readonly initial: KeyAlgorithm }) {
  const [algorithm, setAlgorithm] = useState(initial);
  const [text, setText] = useState("");
  return <KeyField algorithm={algorithm} setAlgorithm={setAlgorithm} text={text} setText={setText} label="Public key" />;
}

describe("the meter key field", () => {
  afterEach(cleanup);

  it("tells at once whether the chain takes the key for the chosen algorithm", async () => {
    render(<KeyHarness initial={KeyAlgorithm.KEY_ALGORITHM_ED25519} />);
    const input = screen.getByLabelText("Public key");
    expect(screen.getByText("From the meter's data sheet or secure element, in hex or base64.")).toBeDefined();
    const secp = await meterPublicKey({ algorithm: KeyAlgorithm.KEY_ALGORITHM_SECP256K1, privkey: new Uint8Array(32).fill(5) });
    fireEvent.change(input, { target: { value: toHex(secp) } });
    expect(screen.getByText("An ed25519 key is 32 bytes (64 hex digits); this one is 33 bytes.")).toBeDefined();
    expect(input.getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(screen.getByLabelText("Key algorithm"), { target: { value: String(KeyAlgorithm.KEY_ALGORITHM_SECP256K1) } });
    expect(screen.getByText("33 bytes: a valid secp256k1 key.")).toBeDefined();
    expect(input.getAttribute("aria-invalid")).toBe("false");
    fireEvent.change(input, { target: { value: `02${"00".repeat(32)}` } });
    expect(screen.getByText("These 33 bytes are not a point of the secp256k1 curve; check the key.")).toBeDefined();
  });
});
