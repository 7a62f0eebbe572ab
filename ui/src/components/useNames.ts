/** Names for addresses: a participant's display name, a demo account's name, or the short address. */
import { useCallback } from "react";

import { useChain } from "../chain/ChainProvider.js";
import { useParticipants } from "../chain/reads.js";
import { shortAddress } from "./Status.js";

export function useNames(): (address: string) => string {
  const { chain } = useChain();
  const participants = useParticipants();
  return useCallback(
    (address: string) => {
      const participant = participants.data?.get(address);
      if (participant !== undefined) return participant.displayName;
      const demo = chain.demoAccounts.find((a) => a.address === address);
      return demo?.name ?? shortAddress(address);
    },
    [chain, participants.data],
  );
}
