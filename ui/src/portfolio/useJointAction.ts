/**
 * Signing the portfolio's actions with the connected account: alone (one signature), or as the
 * first of two owners (prepareJointly: the partly signed transaction is handed to the other).
 */
import type { EncodeObject } from "@cosmjs/proto-signing";
import { encodePartlySignedTx } from "@gridledger/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { chainKey, useChain } from "../chain/ChainProvider.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { rememberJointTx, waitingFor } from "./jointtx.js";

/** Prepared is a partly signed transaction to hand over, as text. */
export interface Prepared {
  readonly text: string;
  readonly waitingFor: string;
}

/** useSign runs an action with the connected account's signing client and refreshes the chain's reads after. */
export function useSign<T>(run: (signer: NonNullable<ReturnType<typeof useWallet>["signer"]>, address: string) => Promise<T>) {
  const { chain } = useChain();
  const { account, signer } = useWallet();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      if (signer === undefined || account === undefined) throw new Error("Choose an account first.");
      return run(signer, account.address);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: chainKey(chain) }),
  });
}

/** usePrepareJoint signs messages as their first owner and keeps the result for the other (what: for the list). */
export function usePrepareJoint(messages: () => EncodeObject[], what: string) {
  const { chain } = useChain();
  return useSign(async (signer, address): Promise<Prepared> => {
    const tx = await signer.prepareJointly(address, messages());
    const text = encodePartlySignedTx(tx);
    const next = waitingFor(tx) ?? "";
    rememberJointTx({ chainId: chain.chainId, waitingFor: next, text, what });
    return { text, waitingFor: next };
  });
}
