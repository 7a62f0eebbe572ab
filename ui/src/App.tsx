/**
 * The app: one query cache, the network, the chain on screen and the wallet, then the view the
 * URL names (#/market, #/issue, #/portfolio, #/fiat, #/delivery, #/settlement, #/co2, #/operator, #/network).
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { ChainProvider } from "./chain/ChainProvider.js";
import { Co2View } from "./co2/Co2View.js";
import { hashQueryKey } from "./chain/querykeys.js";
import { ErrorNote, Loading } from "./components/Status.js";
import { DeliveryView } from "./delivery/DeliveryView.js";
import { FiatView } from "./fiat/FiatView.js";
import { IssueView } from "./issue/IssueView.js";
import { Header } from "./Header.js";
import { MarketView } from "./market/MarketView.js";
import { BridgesSection } from "./network/Bridges.js";
import { NetworkView } from "./network/NetworkView.js";
import { OperatorView } from "./operator/OperatorView.js";
import { ChainSetup } from "./network/ChainSetup.js";
import { NetworkProvider, useNetwork } from "./network/NetworkProvider.js";
import { PortfolioView } from "./portfolio/PortfolioView.js";
import { SettlementView } from "./settlement/SettlementView.js";
import { WalletProvider } from "./wallet/WalletProvider.js";

const ROUTES = ["market", "issue", "portfolio", "fiat", "delivery", "settlement", "co2", "operator", "network"] as const;
type Route = (typeof ROUTES)[number];

function routeOf(hash: string): Route {
  const name = hash.replace(/^#\/?/, "");
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : "market";
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(routeOf(window.location.hash));
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return route;
}

function View({ route }: { readonly route: Route }) {
  switch (route) {
    case "issue":
      return <IssueView />;
    case "portfolio":
      return <PortfolioView />;
    case "fiat":
      return <FiatView />;
    case "delivery":
      return <DeliveryView />;
    case "settlement":
      return <SettlementView />;
    case "co2":
      return <Co2View />;
    case "operator":
      return <OperatorView />;
    case "network":
      return (
        <>
          <NetworkView />
          <BridgesSection />
        </>
      );
    default:
      return <MarketView />;
  }
}

/**
 * SkipToView lets a keyboard user jump over the header's menu and pickers to the view. A button,
 * not a link: the app's routes are hash links, so an in-page anchor would change the view.
 */
function SkipToView() {
  return (
    <button type="button" className="skip" onClick={() => document.getElementById("view")?.focus()}>
      Skip to the view
    </button>
  );
}

function Shell() {
  const route = useRoute();
  const { selected, loading, networkError } = useNetwork();
  if (loading) return <Loading label="Reading the network…" height="100vh" />;
  if (selected === undefined) {
    return (
      <main className="setup">
        <h1>gridledger</h1>
        {networkError === undefined ? (
          <p>No local network is served with this page. Start one with <code>npm start</code> and open the address it prints, or enter a chain:</p>
        ) : (
          <ErrorNote error={networkError} title="The network description could not be read." />
        )}
        <ChainSetup />
      </main>
    );
  }
  return (
    <ChainProvider key={`${selected.name}@${selected.rpc}`} chain={selected}>
      <WalletProvider>
        <SkipToView />
        <Header route={route} />
        <main id="view" tabIndex={-1}>
          <View route={route} />
        </main>
      </WalletProvider>
    </ChainProvider>
  );
}

export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { queryKeyHashFn: hashQueryKey, refetchOnWindowFocus: false } } });
}

export function App({ queryClient = createQueryClient() }: { readonly queryClient?: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <NetworkProvider>
        <Shell />
      </NetworkProvider>
    </QueryClientProvider>
  );
}
