/**
 * Keplr, the browser wallet, as far as the UI uses it: suggest a gridledger chain (chain info
 * from @gridledger/client's keplrChainInfo), enable it, and sign with the key Keplr holds.
 * Ledger through Keplr signs amino JSON; getOfflineSignerAuto picks what the key can do.
 */
import type { KeplrChainInfo } from "@gridledger/client";
import type { OfflineSigner } from "@cosmjs/proto-signing";

/** Keplr is the part of window.keplr the UI calls. */
export interface Keplr {
  experimentalSuggestChain(chainInfo: KeplrChainInfo): Promise<void>;
  enable(chainId: string): Promise<void>;
  getOfflineSignerAuto(chainId: string): Promise<OfflineSigner>;
  getKey(chainId: string): Promise<{ readonly name: string; readonly bech32Address: string }>;
}

declare global {
  interface Window {
    keplr?: Keplr;
  }
}

/** keplr returns the extension, or undefined when it is not installed. */
export function keplr(): Keplr | undefined {
  return typeof window === "undefined" ? undefined : window.keplr;
}
