import type { AminoMsg } from "@cosmjs/amino";
import type { AminoConverters } from "@cosmjs/stargate";

import {
  compact,
  omitBytes,
  omitNumber,
  omitString,
  omitUint64,
  parseBytes,
  parseUint64,
} from "../../aminojson.js";
import { Coin } from "../../generated/cosmos/base/v1beta1/coin.js";
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
import {
  type BankEntityStatus,
  type FeeKind,
  FeeModel,
} from "../../generated/gridledger/fiat/v1/types.js";
import {
  msgApproveBankTypeUrl,
  msgAttestReserveTypeUrl,
  msgDepositTypeUrl,
  msgLockCollateralTypeUrl,
  msgMarkRedemptionPaidTypeUrl,
  msgMintTypeUrl,
  msgRedeemTypeUrl,
  msgUnlockCollateralTypeUrl,
  msgUpdateBankTypeUrl,
  msgWithdrawTypeUrl,
} from "./messages.js";

// Field types are optional because the SDK omits default values (see ../../aminojson.ts);
// fields marked (amino.dont_omitempty) in the protos are required. Every cosmos.Int of x/fiat
// is dont_omitempty, so amounts are always written, "0" when empty.

/** AminoCoin is cosmos.base.v1beta1.Coin in amino JSON: amount always present, denom omitted when "". */
export interface AminoCoin {
  readonly denom?: string;
  /** amount is a cosmos.Int as a decimal string. */
  readonly amount: string;
}

/** AminoFeeModel is fiat.v1.FeeModel in amino JSON; nested, hence without {type, value}. */
export interface AminoFeeModel {
  readonly kind?: FeeKind;
  readonly basis_points?: number;
  /** fixed_amount is a cosmos.Int, always present, "0" unless the kind is fixed. */
  readonly fixed_amount: string;
}

export interface AminoMsgApproveBank extends AminoMsg {
  readonly type: "gridledger/MsgApproveBank";
  readonly value: {
    readonly authority?: string;
    readonly address?: string;
    readonly denom?: string;
    readonly currency?: string;
    readonly exponent?: number;
    /** fee_model is always present (dont_omitempty). */
    readonly fee_model: AminoFeeModel;
    readonly display_denom?: string;
  };
}

export interface AminoMsgUpdateBank extends AminoMsg {
  readonly type: "gridledger/MsgUpdateBank";
  readonly value: {
    readonly authority?: string;
    readonly denom?: string;
    readonly fee_model: AminoFeeModel;
    readonly status?: BankEntityStatus;
  };
}

export interface AminoMsgAttestReserve extends AminoMsg {
  readonly type: "gridledger/MsgAttestReserve";
  readonly value: {
    readonly bank?: string;
    readonly denom?: string;
    readonly reserve: string;
    /** statement_hash is base64. */
    readonly statement_hash?: string;
  };
}

export interface AminoMsgMint extends AminoMsg {
  readonly type: "gridledger/MsgMint";
  readonly value: {
    readonly bank?: string;
    readonly denom?: string;
    readonly recipient?: string;
    readonly amount: string;
    readonly deposit_reference?: string;
  };
}

export interface AminoMsgRedeem extends AminoMsg {
  readonly type: "gridledger/MsgRedeem";
  readonly value: {
    readonly holder?: string;
    readonly amount: AminoCoin;
    readonly payout_reference?: string;
  };
}

export interface AminoMsgMarkRedemptionPaid extends AminoMsg {
  readonly type: "gridledger/MsgMarkRedemptionPaid";
  readonly value: {
    readonly bank?: string;
    /** redemption_id is a uint64 as a decimal string. */
    readonly redemption_id?: string;
  };
}

export interface AminoMsgDeposit extends AminoMsg {
  readonly type: "gridledger/MsgDeposit";
  readonly value: { readonly owner?: string; readonly amount: AminoCoin };
}

export interface AminoMsgWithdraw extends AminoMsg {
  readonly type: "gridledger/MsgWithdraw";
  readonly value: { readonly owner?: string; readonly amount: AminoCoin };
}

export interface AminoMsgLockCollateral extends AminoMsg {
  readonly type: "gridledger/MsgLockCollateral";
  readonly value: { readonly operator?: string; readonly owner?: string; readonly amount: AminoCoin };
}

export interface AminoMsgUnlockCollateral extends AminoMsg {
  readonly type: "gridledger/MsgUnlockCollateral";
  readonly value: { readonly operator?: string; readonly owner?: string; readonly amount: AminoCoin };
}

export function isAminoMsgApproveBank(msg: AminoMsg): msg is AminoMsgApproveBank {
  return msg.type === "gridledger/MsgApproveBank";
}

export function isAminoMsgUpdateBank(msg: AminoMsg): msg is AminoMsgUpdateBank {
  return msg.type === "gridledger/MsgUpdateBank";
}

export function isAminoMsgAttestReserve(msg: AminoMsg): msg is AminoMsgAttestReserve {
  return msg.type === "gridledger/MsgAttestReserve";
}

export function isAminoMsgMint(msg: AminoMsg): msg is AminoMsgMint {
  return msg.type === "gridledger/MsgMint";
}

export function isAminoMsgRedeem(msg: AminoMsg): msg is AminoMsgRedeem {
  return msg.type === "gridledger/MsgRedeem";
}

export function isAminoMsgMarkRedemptionPaid(msg: AminoMsg): msg is AminoMsgMarkRedemptionPaid {
  return msg.type === "gridledger/MsgMarkRedemptionPaid";
}

export function isAminoMsgDeposit(msg: AminoMsg): msg is AminoMsgDeposit {
  return msg.type === "gridledger/MsgDeposit";
}

export function isAminoMsgWithdraw(msg: AminoMsg): msg is AminoMsgWithdraw {
  return msg.type === "gridledger/MsgWithdraw";
}

export function isAminoMsgLockCollateral(msg: AminoMsg): msg is AminoMsgLockCollateral {
  return msg.type === "gridledger/MsgLockCollateral";
}

export function isAminoMsgUnlockCollateral(msg: AminoMsg): msg is AminoMsgUnlockCollateral {
  return msg.type === "gridledger/MsgUnlockCollateral";
}

/**
 * intToAmino writes a dont_omitempty cosmos.Int: the SDK encoder writes an empty one as "0"
 * (cosmosIntEncoder) and every other value as the string on the wire.
 */
export function intToAmino(value: string): string {
  return value === "" ? "0" : value;
}

/** coinToAmino writes a dont_omitempty Coin; an unset one is written as {"amount":"0"}. */
export function coinToAmino(coin: Coin | undefined): AminoCoin {
  const c = coin ?? Coin.fromPartial({});
  return compact({ denom: omitString(c.denom), amount: intToAmino(c.amount) });
}

export function coinFromAmino(coin: AminoCoin): Coin {
  return { denom: coin.denom ?? "", amount: coin.amount };
}

/** feeModelToAmino writes a dont_omitempty FeeModel; fixed_amount is always present. */
export function feeModelToAmino(fee: FeeModel | undefined): AminoFeeModel {
  const f = fee ?? FeeModel.fromPartial({});
  return compact({
    kind: omitNumber(f.kind),
    basis_points: omitNumber(f.basisPoints),
    fixed_amount: intToAmino(f.fixedAmount),
  });
}

export function feeModelFromAmino(fee: AminoFeeModel): FeeModel {
  return { kind: fee.kind ?? 0, basisPoints: fee.basis_points ?? 0, fixedAmount: fee.fixed_amount };
}

// Each toAmino first normalises its input with the generated fromPartial, the same step the
// protobuf registry takes, so a partial EncodeObject value signs exactly what gets encoded.
// fromAmino always sets nested messages, so the body CosmJS encodes for amino signing carries
// them and the chain's encoder reproduces the signed JSON.

/** createFiatAminoConverters returns the amino converters of every x/fiat Msg. */
export function createFiatAminoConverters(): AminoConverters {
  return {
    [msgApproveBankTypeUrl]: {
      aminoType: "gridledger/MsgApproveBank",
      toAmino: (value: Partial<MsgApproveBank>): AminoMsgApproveBank["value"] => {
        const m = MsgApproveBank.fromPartial(value);
        return compact({
          authority: omitString(m.authority),
          address: omitString(m.address),
          denom: omitString(m.denom),
          currency: omitString(m.currency),
          exponent: omitNumber(m.exponent),
          fee_model: feeModelToAmino(m.feeModel),
          display_denom: omitString(m.displayDenom),
        });
      },
      fromAmino: (value: AminoMsgApproveBank["value"]): MsgApproveBank => ({
        authority: value.authority ?? "",
        address: value.address ?? "",
        denom: value.denom ?? "",
        currency: value.currency ?? "",
        exponent: value.exponent ?? 0,
        feeModel: feeModelFromAmino(value.fee_model),
        displayDenom: value.display_denom ?? "",
      }),
    },
    [msgUpdateBankTypeUrl]: {
      aminoType: "gridledger/MsgUpdateBank",
      toAmino: (value: Partial<MsgUpdateBank>): AminoMsgUpdateBank["value"] => {
        const m = MsgUpdateBank.fromPartial(value);
        return compact({
          authority: omitString(m.authority),
          denom: omitString(m.denom),
          fee_model: feeModelToAmino(m.feeModel),
          status: omitNumber(m.status),
        });
      },
      fromAmino: (value: AminoMsgUpdateBank["value"]): MsgUpdateBank => ({
        authority: value.authority ?? "",
        denom: value.denom ?? "",
        feeModel: feeModelFromAmino(value.fee_model),
        status: value.status ?? 0,
      }),
    },
    [msgAttestReserveTypeUrl]: {
      aminoType: "gridledger/MsgAttestReserve",
      toAmino: (value: Partial<MsgAttestReserve>): AminoMsgAttestReserve["value"] => {
        const m = MsgAttestReserve.fromPartial(value);
        return compact({
          bank: omitString(m.bank),
          denom: omitString(m.denom),
          reserve: intToAmino(m.reserve),
          statement_hash: omitBytes(m.statementHash),
        });
      },
      fromAmino: (value: AminoMsgAttestReserve["value"]): MsgAttestReserve => ({
        bank: value.bank ?? "",
        denom: value.denom ?? "",
        reserve: value.reserve,
        statementHash: parseBytes(value.statement_hash),
      }),
    },
    [msgMintTypeUrl]: {
      aminoType: "gridledger/MsgMint",
      toAmino: (value: Partial<MsgMint>): AminoMsgMint["value"] => {
        const m = MsgMint.fromPartial(value);
        return compact({
          bank: omitString(m.bank),
          denom: omitString(m.denom),
          recipient: omitString(m.recipient),
          amount: intToAmino(m.amount),
          deposit_reference: omitString(m.depositReference),
        });
      },
      fromAmino: (value: AminoMsgMint["value"]): MsgMint => ({
        bank: value.bank ?? "",
        denom: value.denom ?? "",
        recipient: value.recipient ?? "",
        amount: value.amount,
        depositReference: value.deposit_reference ?? "",
      }),
    },
    [msgRedeemTypeUrl]: {
      aminoType: "gridledger/MsgRedeem",
      toAmino: (value: Partial<MsgRedeem>): AminoMsgRedeem["value"] => {
        const m = MsgRedeem.fromPartial(value);
        return compact({
          holder: omitString(m.holder),
          amount: coinToAmino(m.amount),
          payout_reference: omitString(m.payoutReference),
        });
      },
      fromAmino: (value: AminoMsgRedeem["value"]): MsgRedeem => ({
        holder: value.holder ?? "",
        amount: coinFromAmino(value.amount),
        payoutReference: value.payout_reference ?? "",
      }),
    },
    [msgMarkRedemptionPaidTypeUrl]: {
      aminoType: "gridledger/MsgMarkRedemptionPaid",
      toAmino: (value: Partial<MsgMarkRedemptionPaid>): AminoMsgMarkRedemptionPaid["value"] => {
        const m = MsgMarkRedemptionPaid.fromPartial(value);
        return compact({ bank: omitString(m.bank), redemption_id: omitUint64(m.redemptionId) });
      },
      fromAmino: (value: AminoMsgMarkRedemptionPaid["value"]): MsgMarkRedemptionPaid => ({
        bank: value.bank ?? "",
        redemptionId: parseUint64(value.redemption_id),
      }),
    },
    [msgDepositTypeUrl]: {
      aminoType: "gridledger/MsgDeposit",
      toAmino: (value: Partial<MsgDeposit>): AminoMsgDeposit["value"] => {
        const m = MsgDeposit.fromPartial(value);
        return compact({ owner: omitString(m.owner), amount: coinToAmino(m.amount) });
      },
      fromAmino: (value: AminoMsgDeposit["value"]): MsgDeposit => ({
        owner: value.owner ?? "",
        amount: coinFromAmino(value.amount),
      }),
    },
    [msgWithdrawTypeUrl]: {
      aminoType: "gridledger/MsgWithdraw",
      toAmino: (value: Partial<MsgWithdraw>): AminoMsgWithdraw["value"] => {
        const m = MsgWithdraw.fromPartial(value);
        return compact({ owner: omitString(m.owner), amount: coinToAmino(m.amount) });
      },
      fromAmino: (value: AminoMsgWithdraw["value"]): MsgWithdraw => ({
        owner: value.owner ?? "",
        amount: coinFromAmino(value.amount),
      }),
    },
    [msgLockCollateralTypeUrl]: {
      aminoType: "gridledger/MsgLockCollateral",
      toAmino: (value: Partial<MsgLockCollateral>): AminoMsgLockCollateral["value"] => {
        const m = MsgLockCollateral.fromPartial(value);
        return compact({
          operator: omitString(m.operator),
          owner: omitString(m.owner),
          amount: coinToAmino(m.amount),
        });
      },
      fromAmino: (value: AminoMsgLockCollateral["value"]): MsgLockCollateral => ({
        operator: value.operator ?? "",
        owner: value.owner ?? "",
        amount: coinFromAmino(value.amount),
      }),
    },
    [msgUnlockCollateralTypeUrl]: {
      aminoType: "gridledger/MsgUnlockCollateral",
      toAmino: (value: Partial<MsgUnlockCollateral>): AminoMsgUnlockCollateral["value"] => {
        const m = MsgUnlockCollateral.fromPartial(value);
        return compact({
          operator: omitString(m.operator),
          owner: omitString(m.owner),
          amount: coinToAmino(m.amount),
        });
      },
      fromAmino: (value: AminoMsgUnlockCollateral["value"]): MsgUnlockCollateral => ({
        operator: value.operator ?? "",
        owner: value.owner ?? "",
        amount: coinFromAmino(value.amount),
      }),
    },
  };
}
