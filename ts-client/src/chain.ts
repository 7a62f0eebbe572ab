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
