/**
 * Which chains the UI knows and which one it shows: the network gridnet serves (/network.json,
 * next to the app) and chains entered by hand (RPC and REST URLs), kept in the browser.
 */
import { manualNetwork, type NetworkChain, type NetworkDescription, parseNetworkDescription } from "@gridledger/client";
import { useQuery } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";

import { loadSetting, saveSetting } from "../storage.js";

/** ManualChain is a chain entered by hand. */
export interface ManualChain {
  readonly chainId: string;
  readonly rpc: string;
  readonly rest: string;
}

export interface NetworkContextValue {
  /** network is gridnet's, undefined while loading or when the app is served without one. */
  readonly network: NetworkDescription | undefined;
  readonly loading: boolean;
  /** networkError says why network.json could not be read (undefined: there is none, or it was read). */
  readonly networkError: unknown;
  /** chains are gridnet's chains in tree order, then the ones entered by hand. */
  readonly chains: readonly NetworkChain[];
  readonly selected: NetworkChain | undefined;
  readonly select: (name: string) => void;
  /** addManual checks and adds a chain entered by hand, and selects it; it throws NetworkError. */
  readonly addManual: (input: ManualChain) => void;
  readonly removeManual: (chainId: string) => void;
  /** depth is a chain's distance from its root, for indenting the tree. */
  readonly depth: (chain: NetworkChain) => number;
}

const NetworkContext = createContext<NetworkContextValue | undefined>(undefined);

/** fetchNetwork reads /network.json; null when the server has none (404). */
async function fetchNetwork(): Promise<NetworkDescription | null> {
  const res = await fetch(`${import.meta.env.BASE_URL}network.json`, { cache: "no-store" });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`network.json: HTTP ${res.status}`);
  const type = res.headers.get("content-type") ?? "";
  // A static server without network.json answers with the app's index.html.
  if (!type.includes("json")) return null;
  return parseNetworkDescription(await res.json());
}

export function NetworkProvider({ children }: { readonly children: ReactNode }) {
  const query = useQuery({ queryKey: ["network.json"], queryFn: fetchNetwork, staleTime: Infinity, retry: 1 });
  const [manual, setManual] = useState<ManualChain[]>(() => loadSetting<ManualChain[]>("manualChains", []));
  const [selectedName, setSelectedName] = useState<string | undefined>(() => loadSetting<string | undefined>("chain", undefined));

  const chains = useMemo(() => {
    const fromNetwork = query.data?.chains ?? [];
    const entered = manual.flatMap((m) => {
      try {
        return manualNetwork(m).chains;
      } catch {
        return [];
      }
    });
    return [...fromNetwork, ...entered.filter((c) => !fromNetwork.some((n) => n.name === c.name))];
  }, [query.data, manual]);

  const select = useCallback((name: string) => {
    setSelectedName(name);
    saveSetting("chain", name);
  }, []);

  const addManual = useCallback(
    (input: ManualChain) => {
      const chain = manualNetwork(input).chains[0] as NetworkChain;
      const next = [...manual.filter((m) => m.chainId !== chain.chainId), { chainId: chain.chainId, rpc: chain.rpc, rest: chain.rest }];
      setManual(next);
      saveSetting("manualChains", next);
      select(chain.name);
    },
    [manual, select],
  );

  const removeManual = useCallback(
    (chainId: string) => {
      const next = manual.filter((m) => m.chainId !== chainId);
      setManual(next);
      saveSetting("manualChains", next);
    },
    [manual],
  );

  const depth = useCallback(
    (chain: NetworkChain): number => {
      let d = 0;
      let parent = chain.parent;
      while (parent !== undefined && d < chains.length) {
        d++;
        parent = chains.find((c) => c.name === parent)?.parent;
      }
      return d;
    },
    [chains],
  );

  const selected = chains.find((c) => c.name === selectedName) ?? chains[0];
  const value: NetworkContextValue = {
    network: query.data ?? undefined,
    loading: query.isPending,
    networkError: query.error ?? undefined,
    chains,
    selected,
    select,
    addManual,
    removeManual,
    depth,
  };
  return <NetworkContext.Provider value={value}>{children}</NetworkContext.Provider>;
}

export function useNetwork(): NetworkContextValue {
  const value = useContext(NetworkContext);
  if (value === undefined) throw new Error("useNetwork outside NetworkProvider");
  return value;
}
