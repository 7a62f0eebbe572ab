/**
 * The accounts the UI signs with, behind one small interface: local demo accounts (TEST ONLY
 * keys from gridnet, for local networks) and Keplr. docs/adr/012-web-ui-wallets-and-live-data.md
 * says why this is CosmJS directly rather than graz or cosmos-kit.
 */
import { BECH32_PREFIX, type DemoAccount, type FiatCurrency, keplrChainInfo, type NetworkChain } from "@gridledger/client";
import { DirectSecp256k1HdWallet, type OfflineSigner } from "@cosmjs/proto-signing";

import { keplr } from "./keplr.js";

/** ConnectedAccount is an account the UI can sign with. */
export interface ConnectedAccount {
  readonly kind: "demo" | "keplr";
  /** name is the demo account's name or the Keplr key's. */
  readonly name: string;
  readonly address: string;
  readonly signer: OfflineSigner;
  /** testKey: the key is public (a demo account); it must never hold value. */
  readonly testKey: boolean;
}

/** connectDemo derives a demo account's key in the browser. TEST ONLY. */
export async function connectDemo(account: DemoAccount): Promise<ConnectedAccount> {
  const signer = await DirectSecp256k1HdWallet.fromMnemonic(account.mnemonic, { prefix: BECH32_PREFIX });
  const [first] = await signer.getAccounts();
  if (first === undefined || first.address !== account.address) {
    throw new Error(`the demo key of ${account.name} does not derive its address ${account.address}: network.json is inconsistent`);
  }
  return { kind: "demo", name: account.name, address: first.address, signer, testKey: true };
}

/** connectKeplr suggests the chain to Keplr (the user approves it once) and connects its key. */
export async function connectKeplr(chain: NetworkChain, fiat: readonly FiatCurrency[]): Promise<ConnectedAccount> {
  const wallet = keplr();
  if (wallet === undefined) throw new Error("Keplr is not installed in this browser: install the Keplr extension, or use a demo account on a local network.");
  await wallet.experimentalSuggestChain(keplrChainInfo(chain, fiat));
  await wallet.enable(chain.chainId);
  const signer = await wallet.getOfflineSignerAuto(chain.chainId);
  const key = await wallet.getKey(chain.chainId);
  return { kind: "keplr", name: key.name, address: key.bech32Address, signer, testKey: false };
}
