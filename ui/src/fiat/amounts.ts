/**
 * What the Fiat view's forms do before anything is signed: read the typed amount in the bank's
 * display unit, check it as the chain will (chain/x/fiat/keeper/msg_server_settlement.go and
 * msg_server_issuance.go), and work out what moves, the fee and the balances afterwards. Deposits,
 * withdrawals, redemptions and mints carry no bank fee: a bank charges its fee only on market and
 * settlement payments (x/fiat's Pay, see chain/x/fiat/spec/README.md "Fees").
 */
import { FeeKind, type FeeModel } from "@gridledger/client";

import { type FiatUnit, formatMoney } from "../format/units.js";

/** MAX_AMOUNT is the chain's limit on any amount: 2^128 base units. */
export const MAX_AMOUNT = 2n ** 128n;

export type MoveKind = "deposit" | "withdraw" | "redeem";

/** Holdings are a participant's coins of one denom, in base units. */
export interface Holdings {
  /** wallet is the spendable x/bank balance. */
  readonly wallet: bigint;
  /** settlement is the settlement account's balance, locked included. */
  readonly settlement: bigint;
  /** locked is the collateral the grid operator holds in the settlement account. */
  readonly locked: bigint;
}

/** ParsedAmount is a typed amount: its base units, or why it cannot be one. */
export type ParsedAmount = { readonly amount: bigint; readonly error?: undefined } | { readonly amount?: undefined; readonly error: string } | { readonly amount?: undefined; readonly error?: undefined };

/**
 * readAmount reads a display amount ("50", "12.50", "1'000.25") into base units. Empty text is
 * neither an amount nor an error (nothing typed yet). `allowZero` for a reserve, which may be 0.
 */
export function readAmount(text: string, unit: FiatUnit, allowZero = false): ParsedAmount {
  const cleaned = text.trim().replace(/[\s'’_]/g, "");
  if (cleaned === "") return {};
  if (/^[-−]/.test(cleaned)) return { error: "Enter an amount above zero." };
  // A comma groups thousands in "1,234.50"; alone ("12,50") it is the decimal separator.
  const normalised = /^\d{1,3}(,\d{3})+(\.\d*)?$/.test(cleaned) ? cleaned.replace(/,/g, "") : cleaned.replace(",", ".");
  const match = /^(\d*)(?:\.(\d*))?$/.exec(normalised);
  if (match === null || normalised === "." || normalised === "") return { error: `Enter an amount in ${unit.currency}, such as 50 or 12.50.` };
  const [, whole = "", fraction = ""] = match;
  if (fraction.length > unit.exponent) {
    return { error: `${unit.currency} has ${unit.exponent} decimal${unit.exponent === 1 ? "" : "s"} at most; ${cleaned} has ${fraction.length}.` };
  }
  const amount = BigInt(whole || "0") * 10n ** BigInt(unit.exponent) + BigInt(fraction.padEnd(unit.exponent, "0") || "0");
  if (amount === 0n && !allowZero) return { error: "Enter an amount above zero." };
  if (amount > MAX_AMOUNT) return { error: "This amount is larger than the chain accepts (2^128 base units)." };
  return { amount };
}

/** REFERENCE: the chain's references (deposit, payout): 1-64 of A-Z a-z 0-9 . _ : / - (types/validation.go). */
const REFERENCE = /^[A-Za-z0-9._:/-]{1,64}$/;

/** referenceError says what is wrong with a bank reference, or undefined when the chain accepts it. */
export function referenceError(text: string, what: string): string | undefined {
  if (text === "") return `Enter the ${what}.`;
  if (text.length > 64) return `The ${what} has ${text.length} characters; the chain keeps at most 64.`;
  if (!REFERENCE.test(text)) return `The ${what} may hold only letters, digits and . _ : / - (no spaces, names or IBANs: it is the bank's own reference).`;
  return undefined;
}

/** feeRule says how the bank charges, and that this action is not charged. */
export function feeRule(model: FeeModel | undefined, unit: FiatUnit): string {
  switch (model?.kind) {
    case FeeKind.FEE_KIND_BASIS_POINTS:
      return `the bank charges ${model.basisPoints} basis point${model.basisPoints === 1 ? "" : "s"} on market and settlement payments only`;
    case FeeKind.FEE_KIND_FIXED:
      return `the bank charges ${formatMoney(BigInt(model.fixedAmount || "0"), unit)} per market or settlement payment only`;
    default:
      return "this bank charges no fee";
  }
}

/** Change is one balance before and after the action. */
export interface Change {
  readonly label: string;
  readonly before: bigint;
  readonly after: bigint;
}

/** MovePreview is what a deposit, withdrawal or redemption does, worked out before signing. */
export interface MovePreview {
  readonly kind: MoveKind;
  readonly amount: bigint;
  /** fee is the bank's fee on this action: 0, since only market and settlement payments pay one. */
  readonly fee: bigint;
  /** changes are the balances the action moves, in the order money flows. */
  readonly changes: readonly Change[];
  /** problem is the sentence why the chain would refuse it; undefined when it would not. */
  readonly problem: string | undefined;
}

/**
 * movePreview works out a deposit, withdrawal or redemption of `amount` from the holdings.
 * `admitted` is false when the account is no admitted participant (or was excluded): the chain
 * refuses its deposits, while withdrawals and redemptions stay open to it.
 */
export function movePreview(kind: MoveKind, amount: bigint, holdings: Holdings, unit: FiatUnit, admitted = true): MovePreview {
  const money = (x: bigint) => formatMoney(x, unit);
  const available = holdings.settlement - holdings.locked;
  const wallet = (delta: bigint): Change => ({ label: "Wallet", before: holdings.wallet, after: holdings.wallet + delta });
  const settlement = (delta: bigint): Change => ({ label: "Settlement account", before: holdings.settlement, after: holdings.settlement + delta });
  let problem: string | undefined;
  let changes: Change[];
  switch (kind) {
    case "deposit":
      changes = [wallet(-amount), settlement(amount)];
      if (!admitted) problem = "This account is not an admitted participant on this chain (or it was excluded): the chain refuses its deposits. Ask the grid operator to admit it.";
      else if (amount > holdings.wallet) problem = `Your wallet holds ${money(holdings.wallet)}: deposit at most that.`;
      break;
    case "withdraw":
      changes = [settlement(-amount), wallet(amount)];
      if (amount > holdings.settlement) problem = `Your settlement account holds ${money(holdings.settlement)}: withdraw at most that.`;
      else if (amount > available)
        problem = `${money(holdings.locked)} of your settlement account is locked as collateral by the grid operator: withdraw at most ${money(available)}, or ask the operator to unlock it.`;
      break;
    case "redeem":
      changes = [wallet(-amount)];
      if (amount > holdings.wallet)
        problem = `Your wallet holds ${money(holdings.wallet)}: redeem at most that${holdings.settlement > 0n ? " (withdraw from the settlement account first to redeem more)" : ""}.`;
      break;
  }
  return { kind, amount, fee: 0n, changes, problem };
}

/** BankTotals are a bank entity's figures, in base units. */
export interface BankTotals {
  readonly reserve: bigint;
  readonly minted: bigint;
  readonly burned: bigint;
  readonly feesReceived: bigint;
}

export const outstanding = (t: BankTotals) => t.minted - t.burned;

/** MintPreview is what minting to a participant does to the bank's issuance. */
export interface MintPreview {
  readonly amount: bigint;
  readonly outstanding: Change;
  readonly reserve: bigint;
  readonly problem: string | undefined;
}

export function mintPreview(amount: bigint, totals: BankTotals, unit: FiatUnit): MintPreview {
  const before = outstanding(totals);
  const after = before + amount;
  const headroom = totals.reserve - before;
  return {
    amount,
    outstanding: { label: "Outstanding", before, after },
    reserve: totals.reserve,
    problem:
      after > totals.reserve
        ? `This would take the outstanding ${unit.currency} to ${formatMoney(after, unit)}, above the attested reserve of ${formatMoney(totals.reserve, unit)}: mint at most ${formatMoney(headroom > 0n ? headroom : 0n, unit)}, or attest a larger reserve first.`
        : undefined,
  };
}

/** AttestPreview is what a new reserve attestation changes. */
export interface AttestPreview {
  readonly reserve: Change;
  readonly headroomAfter: bigint;
  readonly problem: string | undefined;
}

export function attestPreview(reserve: bigint, totals: BankTotals, unit: FiatUnit): AttestPreview {
  const out = outstanding(totals);
  return {
    reserve: { label: "Reserve", before: totals.reserve, after: reserve },
    headroomAfter: reserve - out,
    problem: reserve < out ? `The reserve may not fall below the ${formatMoney(out, unit)} outstanding: attest at least that.` : undefined,
  };
}

/** hashError says what is wrong with a statement hash typed as hex, or undefined for 32 bytes. */
export function hashError(hex: string): string | undefined {
  if (hex === "") return "Enter the statement's SHA-256, or choose the statement file to hash it here.";
  if (!/^[0-9a-fA-F]*$/.test(hex)) return "The SHA-256 is written in hexadecimal: 0-9 and a-f only.";
  if (hex.length !== 64) return `A SHA-256 has 64 hexadecimal digits; this has ${hex.length}.`;
  return undefined;
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
