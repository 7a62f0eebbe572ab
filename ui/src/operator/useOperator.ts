/**
 * Who the grid operator is (x/balancing's grid_operator parameter), whether the connected account
 * is it, and the operator's acts as mutations that refresh the chain's reads when they end.
 */
import type { GridledgerClient } from "@gridledger/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { chainKey, useChain } from "../chain/ChainProvider.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { useWallet } from "../wallet/WalletProvider.js";

/** useBalancingParams reads the grid operator and the transaction limits; they change by governance only. */
export function useBalancingParams() {
  return useChainQuery(["balancing", "params"], (client) => client.query.balancing.params(), { refresh: "slow" });
}

export interface OperatorState {
  /** operator is the grid operator's address, undefined while it loads. */
  readonly operator: string | undefined;
  /** acting is true when the connected account is the grid operator: the console may sign. */
  readonly acting: boolean;
}

export function useOperator(): OperatorState {
  const { account } = useWallet();
  const params = useBalancingParams();
  const operator = params.data?.gridOperator;
  return { operator, acting: operator !== undefined && account?.address === operator };
}

/**
 * useOperatorAct signs one of the operator's acts with the connected account (which must be the
 * grid operator) and, whatever the outcome, reads the chain again.
 */
export function useOperatorAct<I, T>(act: (signer: GridledgerClient, operator: string, input: I) => Promise<T>) {
  const { chain } = useChain();
  const { account, signer } = useWallet();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: I) => {
      if (signer === undefined || account === undefined) throw new Error("Choose the grid operator's account at the top first.");
      return act(signer, account.address, input);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: chainKey(chain) }),
  });
}
