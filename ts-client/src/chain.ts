import { sha256 } from "@cosmjs/crypto";
import { toBech32, toUtf8 } from "@cosmjs/encoding";

/** BECH32_PREFIX is the human-readable part of gridd account addresses (grid1...). */
export const BECH32_PREFIX = "grid";

/** BOND_DENOM is the staking and fee denomination. */
export const BOND_DENOM = "ugrid";

/** COIN_TYPE is the BIP-44 coin type of gridd keys: 118 as on the Hub, so Ledger and Keplr work. */
export const COIN_TYPE = 118;

/**
 * DEFAULT_GAS_PRICE is what dev nodes accept (minimum gas price 0ugrid). Production chains
 * may require more; pass `gasPrice` to GridledgerClient.connectWithSigner then.
 */
export const DEFAULT_GAS_PRICE = `0${BOND_DENOM}`;

/**
 * moduleAddress is the account address of an SDK module account: the first 20 bytes of
 * sha256(name), as x/auth derives it (authtypes.NewModuleAddress).
 */
export function moduleAddress(name: string, prefix: string = BECH32_PREFIX): string {
  return toBech32(prefix, sha256(toUtf8(name)).slice(0, 20));
}

/** GOV_AUTHORITY is the x/gov module account: the authority of governance-only messages. */
export const GOV_AUTHORITY = moduleAddress("gov");

/** FIAT_SETTLEMENT_ACCOUNT escrows every settlement account; its balance per denom is their sum. */
export const FIAT_SETTLEMENT_ACCOUNT = moduleAddress("fiat_settlement");
