/**
 * A governance proposal that replaces a module's parameters, as the JSON file
 * `gridd tx gov submit-proposal <file>` reads: the parameters are x/gov's to change (the message's
 * authority is the gov module account), so the operator can only propose, never set them.
 */
import { BalancingParams, DeliveryParams, GOV_AUTHORITY } from "@gridledger/client";

export interface CoinLike {
  readonly denom: string;
  readonly amount: string;
}

export type ParamsProposal =
  | { readonly module: "balancing"; readonly params: BalancingParams }
  | { readonly module: "delivery"; readonly params: DeliveryParams };

/** proposalJson is the proposal file, with the module's current parameters to edit before submitting. */
export function proposalJson(p: ParamsProposal, deposit: readonly CoinLike[]): string {
  const params = p.module === "balancing" ? BalancingParams.toJSON(p.params) : DeliveryParams.toJSON(p.params);
  const file = {
    messages: [{ "@type": `/gridledger.${p.module}.v1.MsgUpdateParams`, authority: GOV_AUTHORITY, params }],
    metadata: "",
    deposit: deposit.map((c) => `${c.amount}${c.denom}`).join(","),
    title: `Change the ${p.module} parameters`,
    summary: `Replaces x/${p.module}'s parameters with the ones in this proposal (edit the values to change before submitting).`,
    expedited: false,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** submitCommand is the command that submits the file, signed by `from` (a key in gridd's keyring). */
export function submitCommand(chainId: string, file: string, from = "<your-key>"): string {
  return `gridd tx gov submit-proposal ${file} --from ${from} --chain-id ${chainId} --gas auto --gas-adjustment 1.4`;
}
