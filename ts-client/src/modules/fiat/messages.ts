import type { EncodeObject, GeneratedType } from "@cosmjs/proto-signing";

import {
  MsgApproveBank,
  MsgAttestReserve,
  MsgDeposit,
  MsgLockCollateral,
  MsgMarkRedemptionPaid,
  MsgMint,
  MsgRedeem,
  MsgUnlockCollateral,
  MsgUpdateBank,
  MsgWithdraw,
} from "../../generated/gridledger/fiat/v1/tx.js";

// Type URLs are "/" + the proto full name; the chain's interface registry resolves Anys by them.
export const msgApproveBankTypeUrl = "/gridledger.fiat.v1.MsgApproveBank";
export const msgUpdateBankTypeUrl = "/gridledger.fiat.v1.MsgUpdateBank";
export const msgAttestReserveTypeUrl = "/gridledger.fiat.v1.MsgAttestReserve";
export const msgMintTypeUrl = "/gridledger.fiat.v1.MsgMint";
export const msgRedeemTypeUrl = "/gridledger.fiat.v1.MsgRedeem";
export const msgMarkRedemptionPaidTypeUrl = "/gridledger.fiat.v1.MsgMarkRedemptionPaid";
export const msgDepositTypeUrl = "/gridledger.fiat.v1.MsgDeposit";
export const msgWithdrawTypeUrl = "/gridledger.fiat.v1.MsgWithdraw";
export const msgLockCollateralTypeUrl = "/gridledger.fiat.v1.MsgLockCollateral";
export const msgUnlockCollateralTypeUrl = "/gridledger.fiat.v1.MsgUnlockCollateral";

/** msgRedeemResponseTypeUrl names MsgRedeemResponse in a transaction's msgResponses. */
export const msgRedeemResponseTypeUrl = "/gridledger.fiat.v1.MsgRedeemResponse";
/** msgMintResponseTypeUrl names MsgMintResponse in a transaction's msgResponses. */
export const msgMintResponseTypeUrl = "/gridledger.fiat.v1.MsgMintResponse";

/** fiatTypes are the registry entries of x/fiat's messages, as CosmJS's `bankTypes`. */
export const fiatTypes: ReadonlyArray<[string, GeneratedType]> = [
  [msgApproveBankTypeUrl, MsgApproveBank],
  [msgUpdateBankTypeUrl, MsgUpdateBank],
  [msgAttestReserveTypeUrl, MsgAttestReserve],
  [msgMintTypeUrl, MsgMint],
  [msgRedeemTypeUrl, MsgRedeem],
  [msgMarkRedemptionPaidTypeUrl, MsgMarkRedemptionPaid],
  [msgDepositTypeUrl, MsgDeposit],
  [msgWithdrawTypeUrl, MsgWithdraw],
  [msgLockCollateralTypeUrl, MsgLockCollateral],
  [msgUnlockCollateralTypeUrl, MsgUnlockCollateral],
];

// Values are Partial because the registry fills unset fields through fromPartial and the amino
// converters treat them as defaults. Nested messages (fee_model, amount coins) are the exception
// worth knowing: the chain's amino JSON encoder refuses them when they are missing from the
// protobuf bytes, so amino (Ledger) signatures only verify when they are set. The builders in
// compose.ts always set them.

/** MsgApproveBankEncodeObject approves a bank; only x/gov may sign it (submit it in a proposal). */
export interface MsgApproveBankEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgApproveBankTypeUrl;
  readonly value: Partial<MsgApproveBank>;
}

/** MsgUpdateBankEncodeObject changes a bank's fee model or status; x/gov only. */
export interface MsgUpdateBankEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgUpdateBankTypeUrl;
  readonly value: Partial<MsgUpdateBank>;
}

export interface MsgAttestReserveEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgAttestReserveTypeUrl;
  readonly value: Partial<MsgAttestReserve>;
}

export interface MsgMintEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgMintTypeUrl;
  readonly value: Partial<MsgMint>;
}

export interface MsgRedeemEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgRedeemTypeUrl;
  readonly value: Partial<MsgRedeem>;
}

export interface MsgMarkRedemptionPaidEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgMarkRedemptionPaidTypeUrl;
  readonly value: Partial<MsgMarkRedemptionPaid>;
}

export interface MsgDepositEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgDepositTypeUrl;
  readonly value: Partial<MsgDeposit>;
}

export interface MsgWithdrawEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgWithdrawTypeUrl;
  readonly value: Partial<MsgWithdraw>;
}

export interface MsgLockCollateralEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgLockCollateralTypeUrl;
  readonly value: Partial<MsgLockCollateral>;
}

export interface MsgUnlockCollateralEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgUnlockCollateralTypeUrl;
  readonly value: Partial<MsgUnlockCollateral>;
}

export function isMsgApproveBankEncodeObject(o: EncodeObject): o is MsgApproveBankEncodeObject {
  return o.typeUrl === msgApproveBankTypeUrl;
}

export function isMsgUpdateBankEncodeObject(o: EncodeObject): o is MsgUpdateBankEncodeObject {
  return o.typeUrl === msgUpdateBankTypeUrl;
}

export function isMsgAttestReserveEncodeObject(o: EncodeObject): o is MsgAttestReserveEncodeObject {
  return o.typeUrl === msgAttestReserveTypeUrl;
}

export function isMsgMintEncodeObject(o: EncodeObject): o is MsgMintEncodeObject {
  return o.typeUrl === msgMintTypeUrl;
}

export function isMsgRedeemEncodeObject(o: EncodeObject): o is MsgRedeemEncodeObject {
  return o.typeUrl === msgRedeemTypeUrl;
}

export function isMsgMarkRedemptionPaidEncodeObject(
  o: EncodeObject,
): o is MsgMarkRedemptionPaidEncodeObject {
  return o.typeUrl === msgMarkRedemptionPaidTypeUrl;
}

export function isMsgDepositEncodeObject(o: EncodeObject): o is MsgDepositEncodeObject {
  return o.typeUrl === msgDepositTypeUrl;
}

export function isMsgWithdrawEncodeObject(o: EncodeObject): o is MsgWithdrawEncodeObject {
  return o.typeUrl === msgWithdrawTypeUrl;
}

export function isMsgLockCollateralEncodeObject(
  o: EncodeObject,
): o is MsgLockCollateralEncodeObject {
  return o.typeUrl === msgLockCollateralTypeUrl;
}

export function isMsgUnlockCollateralEncodeObject(
  o: EncodeObject,
): o is MsgUnlockCollateralEncodeObject {
  return o.typeUrl === msgUnlockCollateralTypeUrl;
}
