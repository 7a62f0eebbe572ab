/** Reads every view needs: the chain's currencies, the market's parameters, its participants. */
import type { BankEntity, Participant } from "@gridledger/client";

import type { FiatUnit } from "../format/units.js";
import { useChainQuery } from "./useChainQuery.js";

/** Bank is a bank entity with the unit its denom is shown in. */
export type Bank = FiatUnit & { readonly entity: BankEntity };

/** useFiatUnits lists the chain's fiat denoms (its approved banks) with their display units. */
export function useFiatUnits() {
  return useChainQuery(
    ["fiat", "banks"],
    async (client): Promise<Bank[]> => {
      const { banks } = await client.query.fiat.banks();
      return banks.map((b) => ({ denom: b.denom, currency: b.currency, exponent: b.exponent, entity: b }));
    },
    { refresh: "slow" },
  );
}

/** useEnergyParams reads the market's parameters (period length); they change by governance only. */
export function useEnergyParams() {
  return useChainQuery(["energy", "params"], (client) => client.query.energy.params(), { refresh: "slow" });
}

/** useParticipants maps the chain's participants by address (for names instead of addresses). */
export function useParticipants() {
  return useChainQuery(
    ["balancing", "participants"],
    async (client) => {
      const out = new Map<string, Participant>();
      let key: Uint8Array | undefined;
      do {
        const page = await client.query.balancing.participants(key === undefined ? {} : { paginationKey: key });
        for (const p of page.participants) out.set(p.address, p);
        key = page.pagination?.nextKey !== undefined && page.pagination.nextKey.length > 0 ? page.pagination.nextKey : undefined;
      } while (key !== undefined && out.size < 2_000);
      return out;
    },
    { refresh: "slow" },
  );
}

