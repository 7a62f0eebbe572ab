/**
 * The conventional files integrators and wallets read about a chain: cosmos/chain-registry's
 * `chain.json` and `assetlist.json`, and Keplr's chain info, which is derived from those two so the
 * three never disagree. gridnet writes them for every chain it starts; the UI server serves them.
 */
import { BECH32_PREFIX, BOND_DENOM, COIN_TYPE } from "./chain.js";

/** DenomUnit is one unit of an asset: the base denom has exponent 0, the display unit its decimals. */
export interface DenomUnit {
  readonly denom: string;
  readonly exponent: number;
  readonly aliases?: readonly string[];
}

/** RegistryApi is one endpoint in chain.json's apis. */
export interface RegistryApi {
  readonly address: string;
  readonly provider: string;
}

/** FeeToken is chain.json's fees.fee_tokens[]: a denom and its gas prices. */
export interface FeeToken {
  readonly denom: string;
  readonly fixed_min_gas_price: number;
  readonly low_gas_price: number;
  readonly average_gas_price: number;
  readonly high_gas_price: number;
}

/** RegistryChain is chain.json, the fields of chain-registry's chain.schema.json that a gridledger chain fills. */
export interface RegistryChain {
  readonly $schema: string;
  /** chain_name is [a-z0-9]+ as the schema wants: "gridledger" and the chain's name without dashes. */
  readonly chain_name: string;
  readonly status: "live" | "upcoming" | "killed";
  readonly network_type: "mainnet" | "testnet" | "devnet";
  readonly pretty_name: string;
  readonly chain_type: "cosmos";
  readonly chain_id: string;
  readonly bech32_prefix: string;
  readonly daemon_name: string;
  readonly node_home: string;
  readonly key_algos: readonly string[];
  readonly slip44: number;
  readonly fees: { readonly fee_tokens: readonly FeeToken[] };
  readonly staking: { readonly staking_tokens: ReadonlyArray<{ readonly denom: string }> };
  readonly apis: { readonly rpc: readonly RegistryApi[]; readonly rest: readonly RegistryApi[]; readonly grpc: readonly RegistryApi[] };
}

/** RegistryAsset is one asset of assetlist.json (chain-registry's assetlist.schema.json). */
export interface RegistryAsset {
  readonly description: string;
  readonly denom_units: readonly DenomUnit[];
  readonly base: string;
  readonly name: string;
  readonly display: string;
  readonly symbol: string;
  readonly type_asset: "sdk.coin";
}

/** RegistryAssetList is assetlist.json. */
export interface RegistryAssetList {
  readonly $schema: string;
  readonly chain_name: string;
  readonly assets: readonly RegistryAsset[];
}

/** FiatCurrency is a bank's denom with its display unit, as x/fiat's BankEntity has it. */
export interface FiatCurrency {
  readonly denom: string;
  /** currency is the ISO code people read ("CHF"). */
  readonly currency: string;
  /** exponent is the decimals between the base denom and the display unit (6: 1 CHF = 10^6 uchf). */
  readonly exponent: number;
  /** displayDenom is the bank metadata's display unit ("chf.alpine"); the currency, lower case, when absent. */
  readonly displayDenom?: string;
}

/** RegistryChainInput is what chain.json says about where a chain answers. */
export interface RegistryChainInput {
  /** name is the chain's short name in its network ("regional-east"). */
  readonly name: string;
  readonly chainId: string;
  readonly rpc: string;
  readonly rest: string;
  /** grpc is host:port, as gRPC clients take it. */
  readonly grpc?: string;
  /** level is the grid level, which the pretty name mentions when known. */
  readonly level?: string;
}

export interface RegistryOptions {
  /** gasPrice in ugrid per gas unit; local chains take 0. */
  readonly gasPrice?: number;
  readonly networkType?: RegistryChain["network_type"];
  /** provider names who runs the endpoints ("gridnet (this machine)"). */
  readonly provider?: string;
  /** nodeHome is where gridd keeps the chain's data. */
  readonly nodeHome?: string;
}

/** GRID_ASSET is the staking and fee token, as x/bank's genesis metadata has it. */
export const GRID_ASSET: RegistryAsset = {
  description: "The staking and fee token of gridledger chains",
  denom_units: [
    { denom: BOND_DENOM, exponent: 0, aliases: ["microgrid"] },
    { denom: "grid", exponent: 6 },
  ],
  base: BOND_DENOM,
  name: "Grid",
  display: "grid",
  symbol: "GRID",
  type_asset: "sdk.coin",
};

/** registryChainName turns a chain's name into chain-registry's [a-z0-9]+ form, prefixed "gridledger". */
export function registryChainName(name: string): string {
  const compact = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  return compact.startsWith("gridledger") ? compact : `gridledger${compact}`;
}

/** registryChain is a chain's chain.json. */
export function registryChain(chain: RegistryChainInput, options: RegistryOptions = {}): RegistryChain {
  const gasPrice = options.gasPrice ?? 0;
  const provider = options.provider ?? "gridledger";
  const api = (address: string | undefined): RegistryApi[] => (address === undefined ? [] : [{ address, provider }]);
  return {
    $schema: "../chain.schema.json",
    chain_name: registryChainName(chain.name),
    status: "live",
    network_type: options.networkType ?? "devnet",
    pretty_name: chain.level === undefined || chain.level === chain.name ? `gridledger ${chain.name}` : `gridledger ${chain.name} (${chain.level})`,
    chain_type: "cosmos",
    chain_id: chain.chainId,
    bech32_prefix: BECH32_PREFIX,
    daemon_name: "gridd",
    node_home: options.nodeHome ?? "$HOME/.gridd",
    key_algos: ["secp256k1"],
    slip44: COIN_TYPE,
    fees: {
      fee_tokens: [{ denom: BOND_DENOM, fixed_min_gas_price: gasPrice, low_gas_price: gasPrice, average_gas_price: gasPrice, high_gas_price: gasPrice }],
    },
    staking: { staking_tokens: [{ denom: BOND_DENOM }] },
    apis: { rpc: api(chain.rpc), rest: api(chain.rest), grpc: api(chain.grpc) },
  };
}

/** fiatAsset is a bank's denom as an asset: base unit exponent 0, the display unit with the bank's exponent. */
export function fiatAsset(fiat: FiatCurrency): RegistryAsset {
  if (!Number.isInteger(fiat.exponent) || fiat.exponent < 1 || fiat.exponent > 18) {
    throw new Error(`${fiat.denom}: exponent ${fiat.exponent} must be an integer in 1..18, as x/fiat requires`);
  }
  const display = fiat.displayDenom ?? fiat.currency.toLowerCase();
  return {
    description: `${fiat.currency} tokenised 1:1 by a bank on gridledger`,
    denom_units: [
      { denom: fiat.denom, exponent: 0 },
      { denom: display, exponent: fiat.exponent },
    ],
    base: fiat.denom,
    name: `${fiat.currency} (${fiat.denom})`,
    display,
    symbol: fiat.currency.toUpperCase(),
    type_asset: "sdk.coin",
  };
}

/** registryAssetList is a chain's assetlist.json: GRID, then every fiat denom of the chain. */
export function registryAssetList(chainName: string, fiat: readonly FiatCurrency[]): RegistryAssetList {
  return { $schema: "../assetlist.schema.json", chain_name: registryChainName(chainName), assets: [GRID_ASSET, ...fiat.map(fiatAsset)] };
}

/** KeplrCurrency is a currency in Keplr's chain info. */
export interface KeplrCurrency {
  readonly coinDenom: string;
  readonly coinMinimalDenom: string;
  readonly coinDecimals: number;
}

/** KeplrChainInfo is what Keplr's experimentalSuggestChain takes for a gridledger chain. */
export interface KeplrChainInfo {
  readonly chainId: string;
  readonly chainName: string;
  readonly rpc: string;
  readonly rest: string;
  readonly bip44: { readonly coinType: number };
  readonly bech32Config: Readonly<Record<"bech32PrefixAccAddr" | "bech32PrefixAccPub" | "bech32PrefixValAddr" | "bech32PrefixValPub" | "bech32PrefixConsAddr" | "bech32PrefixConsPub", string>>;
  readonly currencies: readonly KeplrCurrency[];
  readonly feeCurrencies: ReadonlyArray<KeplrCurrency & { readonly gasPriceStep: { readonly low: number; readonly average: number; readonly high: number } }>;
  readonly stakeCurrency: KeplrCurrency;
  readonly features: readonly string[];
}

/** keplrCurrency is an asset as Keplr shows it: its symbol, in its display unit's decimals. */
export function keplrCurrency(asset: RegistryAsset): KeplrCurrency {
  const display = asset.denom_units.find((u) => u.denom === asset.display);
  if (display === undefined) throw new Error(`asset ${asset.base}: its display unit ${asset.display} is not among its denom units`);
  return { coinDenom: asset.symbol, coinMinimalDenom: asset.base, coinDecimals: display.exponent };
}

/**
 * keplrFromRegistry derives Keplr's chain info from chain.json and assetlist.json: the first RPC and
 * REST endpoints, slip44 as the coin type, the bech32 prefixes, every asset as a currency, the fee
 * tokens with their gas prices and the staking token.
 */
export function keplrFromRegistry(chain: RegistryChain, assets: RegistryAssetList): KeplrChainInfo {
  const asset = (denom: string): KeplrCurrency => {
    const found = assets.assets.find((a) => a.base === denom);
    if (found === undefined) throw new Error(`chain ${chain.chain_id}: ${denom} is not in its asset list`);
    return keplrCurrency(found);
  };
  const first = (list: readonly RegistryApi[], what: string): string => {
    const address = list[0]?.address;
    if (address === undefined) throw new Error(`chain ${chain.chain_id} lists no ${what} endpoint`);
    return address;
  };
  const stake = chain.staking.staking_tokens[0];
  if (stake === undefined) throw new Error(`chain ${chain.chain_id} lists no staking token`);
  const p = chain.bech32_prefix;
  return {
    chainId: chain.chain_id,
    chainName: chain.pretty_name,
    rpc: first(chain.apis.rpc, "RPC"),
    rest: first(chain.apis.rest, "REST"),
    bip44: { coinType: chain.slip44 },
    bech32Config: {
      bech32PrefixAccAddr: p,
      bech32PrefixAccPub: `${p}pub`,
      bech32PrefixValAddr: `${p}valoper`,
      bech32PrefixValPub: `${p}valoperpub`,
      bech32PrefixConsAddr: `${p}valcons`,
      bech32PrefixConsPub: `${p}valconspub`,
    },
    currencies: assets.assets.map(keplrCurrency),
    feeCurrencies: chain.fees.fee_tokens.map((t) => ({ ...asset(t.denom), gasPriceStep: { low: t.low_gas_price, average: t.average_gas_price, high: t.high_gas_price } })),
    stakeCurrency: asset(stake.denom),
    features: [],
  };
}

/** ChainFiles are the three files about one chain. */
export interface ChainFiles {
  readonly chain: RegistryChain;
  readonly assetlist: RegistryAssetList;
  readonly keplr: KeplrChainInfo;
}

/** chainFiles builds chain.json and assetlist.json for a chain and derives Keplr's chain info from them. */
export function chainFiles(chain: RegistryChainInput, fiat: readonly FiatCurrency[], options: RegistryOptions = {}): ChainFiles {
  const registry = registryChain(chain, options);
  const assetlist = registryAssetList(chain.name, fiat);
  return { chain: registry, assetlist, keplr: keplrFromRegistry(registry, assetlist) };
}
