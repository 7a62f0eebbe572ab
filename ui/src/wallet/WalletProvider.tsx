/**
 * The one wallet connection of the app: which account signs on the chain on screen, and its
 * signing client. A demo account chosen on one chain stays chosen on the others that have it.
 */
import { GridledgerClient } from "@gridledger/client";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";

import { useChain } from "../chain/ChainProvider.js";
import { loadSetting, saveSetting } from "../storage.js";
import { type ConnectedAccount, connectDemo, connectKeplr } from "./accounts.js";
import { useFiatUnits } from "../chain/reads.js";

export interface WalletContextValue {
  readonly account: ConnectedAccount | undefined;
  /** signer is a client that signs as `account`. */
  readonly signer: GridledgerClient | undefined;
  readonly connecting: boolean;
  readonly error: unknown;
  readonly useDemo: (name: string) => Promise<void>;
  readonly useKeplr: () => Promise<void>;
  readonly disconnect: () => void;
}

const WalletContext = createContext<WalletContextValue | undefined>(undefined);

type Saved = { kind: "demo"; name: string } | { kind: "keplr" } | undefined;

export function WalletProvider({ children }: { readonly children: ReactNode }) {
  const { chain, comet } = useChain();
  const fiat = useFiatUnits();
  const [account, setAccount] = useState<ConnectedAccount | undefined>(undefined);
  const [connecting, setConnecting] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const run = useCallback(async (connect: () => Promise<ConnectedAccount>, saved: Saved) => {
    setConnecting(true);
    setError(undefined);
    try {
      setAccount(await connect());
      saveSetting("account", saved);
    } catch (err) {
      setError(err);
    } finally {
      setConnecting(false);
    }
  }, []);

  const useDemo = useCallback(
    async (name: string) => {
      const demo = chain.demoAccounts.find((a) => a.name === name);
      if (demo === undefined) return setError(new Error(`${chain.name} has no demo account ${name}`));
      await run(() => connectDemo(demo), { kind: "demo", name });
    },
    [chain, run],
  );

  const useKeplr = useCallback(async () => {
    await run(() => connectKeplr(chain, fiat.data ?? []), { kind: "keplr" });
  }, [chain, fiat.data, run]);

  const disconnect = useCallback(() => {
    setAccount(undefined);
    saveSetting("account", undefined);
  }, []);

  // The account chosen before (this visit or the last) comes back on this chain when it exists here.
  useEffect(() => {
    const saved = loadSetting<Saved>("account", undefined);
    if (saved?.kind === "demo" && chain.demoAccounts.some((a) => a.name === saved.name)) void useDemo(saved.name);
    else setAccount(undefined);
    // Only when the chain changes; useDemo changes with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chain.chainId]);

  const signer = useMemo(
    () => (account === undefined ? undefined : GridledgerClient.createWithSigner(comet, account.signer, { broadcastPollIntervalMs: 500 })),
    [account, comet],
  );

  const value: WalletContextValue = { account, signer, connecting, error, useDemo, useKeplr, disconnect };
  return <WalletContext.Provider value={value}>{children}</WalletContext.Provider>;
}

/**
 * useSigningAddress is the connected account's address, or undefined when none is connected or
 * outside the WalletProvider (the provider's own reads): what chain queries are scoped to.
 */
export function useSigningAddress(): string | undefined {
  return useContext(WalletContext)?.account?.address;
}

export function useWallet(): WalletContextValue {
  const value = useContext(WalletContext);
  if (value === undefined) throw new Error("useWallet outside WalletProvider");
  return value;
}
