/** Reads every view needs: the chain's currencies, the market's parameters, its participants, an owner's meters. */
import type { BankEntity } from "@gridledger/client";

import type { FiatUnit } from "../format/units.js";
import { readPages } from "./pages.js";
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
    async (client) => new Map((await readPages((page) => client.query.balancing.participants(page), (p) => p.participants, 2_000)).map((p) => [p.address, p])),
    { refresh: "slow" },
  );
}

/** useOwnMeters lists an owner's metering points (the Issue view's defaults, the Delivery view's readings). */
export function useOwnMeters(owner: string) {
  return useChainQuery(["balancing", "meters", owner], (client) => readPages((page) => client.query.balancing.meters({ owner, ...page }), (p) => p.meters, 1_000), {
    enabled: owner !== "",
    refresh: "slow",
  });
}

/** Holding is an account's money in one fiat denom: its wallet, its settlement account and what of that is locked. */
export interface Holding {
  readonly denom: string;
  readonly wallet: bigint;
  readonly settlement: bigint;
  readonly locked: bigint;
}

/** useHoldings reads an owner's money in each of `denoms` (undefined while the denoms load). */
export function useHoldings(owner: string, denoms: readonly string[] | undefined) {
  return useChainQuery(
    ["fiat", "holdings", owner, denoms ?? []],
    (client) =>
      Promise.all(
        (denoms ?? []).map(async (denom): Promise<Holding> => {
          const [wallet, account] = await Promise.all([client.query.bank.balance(owner, denom), client.query.fiat.settlementAccount(owner, denom)]);
          return { denom, wallet: BigInt(wallet.amount), settlement: BigInt(account.balance || "0"), locked: BigInt(account.locked || "0") };
        }),
      ),
    { enabled: owner !== "" && denoms !== undefined },
  );
}
