/**
 * A bank's fee on a settlement payment, as the chain computes it (chain/x/fiat/types/validation.go
 * FeeModel.Fee): the payer pays it on top of the amount, to the denom's bank.
 */
import { FeeKind, type FeeModel } from "../../generated/gridledger/fiat/v1/types.js";
import type { Amount } from "./compose.js";

/** bankFee is the fee of `model` on a payment of `amount` base units; basis points round down. */
export function bankFee(model: FeeModel, amount: Amount): bigint {
  switch (model.kind) {
    case FeeKind.FEE_KIND_BASIS_POINTS:
      return (BigInt(amount) * BigInt(model.basisPoints)) / 10_000n;
    case FeeKind.FEE_KIND_FIXED:
      return BigInt(model.fixedAmount);
    default:
      return 0n;
  }
}
