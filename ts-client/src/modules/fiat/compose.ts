/**
 * Builders from friendly inputs to complete EncodeObjects. GridledgerClient's typed methods use
 * them; callers use them directly to put several messages into one transaction with
 * `client.submit`, or to wrap the governance-only messages into a proposal with
 * `client.submitProposal`.
 */
import type { Coin } from "../../generated/cosmos/base/v1beta1/coin.js";
import {
  type BankEntityStatus,
  FeeKind,
  type FeeModel,
} from "../../generated/gridledger/fiat/v1/types.js";
import {
  msgApproveBankTypeUrl,
  type MsgApproveBankEncodeObject,
  msgAttestReserveTypeUrl,
  type MsgAttestReserveEncodeObject,
  msgDepositTypeUrl,
  type MsgDepositEncodeObject,
  msgLockCollateralTypeUrl,
  type MsgLockCollateralEncodeObject,
  msgMarkRedemptionPaidTypeUrl,
  type MsgMarkRedemptionPaidEncodeObject,
  msgMintTypeUrl,
  type MsgMintEncodeObject,
  msgRedeemTypeUrl,
  type MsgRedeemEncodeObject,
  msgUnlockCollateralTypeUrl,
  type MsgUnlockCollateralEncodeObject,
  msgUpdateBankTypeUrl,
  type MsgUpdateBankEncodeObject,
  msgWithdrawTypeUrl,
  type MsgWithdrawEncodeObject,
} from "./messages.js";

/**
 * Amount is a whole number of base units (e.g. 1 CHF = 1000000 of uchf.alpine). Pass a bigint or
 * a decimal string for anything above Number.MAX_SAFE_INTEGER; a number must be a safe integer.
 */
export type Amount = bigint | number | string;

/** CoinInput is a Coin whose amount may be any Amount; CosmJS's `coin(amount, denom)` fits. */
export interface CoinInput {
  readonly denom: string;
  readonly amount: Amount;
}

/**
 * FeeModelInput is a bank's fee per payment made through the market or settlement (plain bank
 * sends are free). Basis points are 1/10000 of the payment, 1..1000; the fee is rounded down.
 */
export type FeeModelInput =
  | { readonly kind: "none" }
  | { readonly kind: "basisPoints"; readonly basisPoints: number }
  | { readonly kind: "fixed"; readonly fixedAmount: Amount };

/** ApproveBankInput describes a bank entity for governance to approve. */
export interface ApproveBankInput {
  /** address is the bank's account: it attests reserves, mints and confirms payouts. */
  readonly address: string;
  /** denom is the new base denom, e.g. "uchf.alpine": 3-64 of a-z 0-9 . - starting with a letter. */
  readonly denom: string;
  /** displayDenom is the currency unit's denom in bank metadata, e.g. "chf.alpine". */
  readonly displayDenom: string;
  /** currency is the ISO 4217 code, e.g. "CHF". */
  readonly currency: string;
  /** exponent is the decimals between base denom and currency unit, 1-18, usually 6. */
  readonly exponent: number;
  readonly feeModel: FeeModelInput;
}

/** UpdateBankInput replaces a bank's fee model and status (active, or revoked: no more minting). */
export interface UpdateBankInput {
  readonly denom: string;
  readonly feeModel: FeeModelInput;
  readonly status: BankEntityStatus;
}

/** AttestReserveInput is a bank's reserve attestation; the bank signs. */
export interface AttestReserveInput {
  readonly denom: string;
  /** reserve is the fiat the bank holds, in base units; never below what is outstanding. */
  readonly reserve: Amount;
  /** statementHash is the SHA-256 (32 bytes) of the audit or account statement. */
  readonly statementHash: Uint8Array;
}

/** MintInput issues fiat against a deposit at the bank; the bank signs. */
export interface MintInput {
  readonly denom: string;
  /** recipient is an admitted, not excluded participant. */
  readonly recipient: string;
  readonly amount: Amount;
  /** depositReference is the bank's reference of the deposit, 1-64 of A-Z a-z 0-9 . _ : / - */
  readonly depositReference: string;
}

/**
 * toIntString writes an Amount as the decimal string a cosmos.Int carries. Strings are
 * normalised ("007" -> "7") so that what is signed is what the chain reads back.
 */
export function toIntString(value: Amount): string {
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw new Error(`amount ${String(value)} is not a safe integer: pass a bigint or a decimal string`);
  }
  if (typeof value === "string" && !/^-?\d+$/.test(value)) {
    throw new Error(`amount "${value}" is not a whole number of base units`);
  }
  return BigInt(value).toString();
}

/** toCoin turns a CoinInput into the generated Coin. */
export function toCoin(input: CoinInput): Coin {
  return { denom: input.denom, amount: toIntString(input.amount) };
}

/** feeModel turns a FeeModelInput into the generated FeeModel (fixed_amount "0" unless fixed). */
export function feeModel(input: FeeModelInput): FeeModel {
  switch (input.kind) {
    case "none":
      return { kind: FeeKind.FEE_KIND_NONE, basisPoints: 0, fixedAmount: "0" };
    case "basisPoints":
      return { kind: FeeKind.FEE_KIND_BASIS_POINTS, basisPoints: input.basisPoints, fixedAmount: "0" };
    case "fixed":
      return { kind: FeeKind.FEE_KIND_FIXED, basisPoints: 0, fixedAmount: toIntString(input.fixedAmount) };
  }
}

/** approveBankMsg builds the governance message; authority is the x/gov module address. */
export function approveBankMsg(authority: string, input: ApproveBankInput): MsgApproveBankEncodeObject {
  return {
    typeUrl: msgApproveBankTypeUrl,
    value: {
      authority,
      address: input.address,
      denom: input.denom,
      currency: input.currency,
      exponent: input.exponent,
      feeModel: feeModel(input.feeModel),
      displayDenom: input.displayDenom,
    },
  };
}

/** updateBankMsg builds the governance message; authority is the x/gov module address. */
export function updateBankMsg(authority: string, input: UpdateBankInput): MsgUpdateBankEncodeObject {
  return {
    typeUrl: msgUpdateBankTypeUrl,
    value: { authority, denom: input.denom, feeModel: feeModel(input.feeModel), status: input.status },
  };
}

export function attestReserveMsg(bank: string, input: AttestReserveInput): MsgAttestReserveEncodeObject {
  return {
    typeUrl: msgAttestReserveTypeUrl,
    value: {
      bank,
      denom: input.denom,
      reserve: toIntString(input.reserve),
      statementHash: input.statementHash,
    },
  };
}

export function mintMsg(bank: string, input: MintInput): MsgMintEncodeObject {
  return {
    typeUrl: msgMintTypeUrl,
    value: {
      bank,
      denom: input.denom,
      recipient: input.recipient,
      amount: toIntString(input.amount),
      depositReference: input.depositReference,
    },
  };
}

/** redeemMsg burns `amount` of the holder's fiat and asks its bank to pay it out. */
export function redeemMsg(holder: string, amount: CoinInput, payoutReference: string): MsgRedeemEncodeObject {
  return { typeUrl: msgRedeemTypeUrl, value: { holder, amount: toCoin(amount), payoutReference } };
}

export function markRedemptionPaidMsg(
  bank: string,
  redemptionId: bigint | number,
): MsgMarkRedemptionPaidEncodeObject {
  return { typeUrl: msgMarkRedemptionPaidTypeUrl, value: { bank, redemptionId: BigInt(redemptionId) } };
}

/** depositMsg moves fiat from the owner's account into its settlement account. */
export function depositMsg(owner: string, amount: CoinInput): MsgDepositEncodeObject {
  return { typeUrl: msgDepositTypeUrl, value: { owner, amount: toCoin(amount) } };
}

/** withdrawMsg moves unlocked fiat from the settlement account back to the owner. */
export function withdrawMsg(owner: string, amount: CoinInput): MsgWithdrawEncodeObject {
  return { typeUrl: msgWithdrawTypeUrl, value: { owner, amount: toCoin(amount) } };
}

/** lockCollateralMsg locks part of owner's settlement account; the grid operator signs. */
export function lockCollateralMsg(
  operator: string,
  owner: string,
  amount: CoinInput,
): MsgLockCollateralEncodeObject {
  return { typeUrl: msgLockCollateralTypeUrl, value: { operator, owner, amount: toCoin(amount) } };
}

/** unlockCollateralMsg releases collateral; the grid operator signs. */
export function unlockCollateralMsg(
  operator: string,
  owner: string,
  amount: CoinInput,
): MsgUnlockCollateralEncodeObject {
  return { typeUrl: msgUnlockCollateralTypeUrl, value: { operator, owner, amount: toCoin(amount) } };
}
