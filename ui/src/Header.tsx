/**
 * The bar on every page: the chain on screen (gridnet's tree, chains entered by hand), whether
 * blocks arrive live, and the account that signs (demo accounts marked as test keys, or Keplr).
 */
import { useEffect, useRef, useState } from "react";

import { useChain } from "./chain/ChainProvider.js";
import { ErrorNote, shortAddress, TestKeyBadge } from "./components/Status.js";
import { useParticipants } from "./chain/reads.js";
import { ChainSetup } from "./network/ChainSetup.js";
import { useNetwork } from "./network/NetworkProvider.js";
import { keplr } from "./wallet/keplr.js";
import { useWallet } from "./wallet/WalletProvider.js";

const ADD_CHAIN = "\u0000add";

/** VIEWS are the app's pages in the order of the menu: route and label. */
const VIEWS: readonly (readonly [string, string])[] = [
  ["market", "Market"],
  ["issue", "Issue"],
  ["portfolio", "Portfolio"],
  ["fiat", "Fiat"],
  ["delivery", "Delivery"],
  ["settlement", "Settlement"],
  ["co2", "CO2"],
  ["operator", "Operator"],
  ["network", "Network"],
];

function ChainPicker() {
  const { chains, selected, select, depth } = useNetwork();
  const [adding, setAdding] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (adding && dialog.current !== null && !dialog.current.open && typeof dialog.current.showModal === "function") dialog.current.showModal();
  }, [adding]);
  return (
    <>
      <label htmlFor="chain" className="sr-only">
        Chain
      </label>
      <select
        id="chain"
        value={selected?.name ?? ""}
        onChange={(e) => {
          if (e.target.value === ADD_CHAIN) setAdding(true);
          else select(e.target.value);
        }}
      >
        {chains.map((c) => (
          <option key={c.name} value={c.name}>
            {"\u00a0\u00a0".repeat(depth(c))}
            {depth(c) > 0 ? "└ " : ""}
            {c.name}
            {c.level === undefined ? "" : ` (${c.level})`}
          </option>
        ))}
        <option value={ADD_CHAIN}>Add a chain by hand…</option>
      </select>
      {adding ? (
        <dialog ref={dialog} className="dialog" aria-label="Add a chain" onClose={() => setAdding(false)}>
          <h2>Add a chain</h2>
          <ChainSetup onDone={() => setAdding(false)} />
        </dialog>
      ) : null}
    </>
  );
}

function Live() {
  const { height, live, chain } = useChain();
  const label =
    live === "websocket" ? "live" : live === "polling" ? "polling" : live === "down" ? "node not answering" : "connecting";
  return (
    <span className={`live live-${live}`} data-testid="live" title={live === "down" ? `${chain.rpc} does not answer` : `new blocks by ${live}`}>
      <span className="dot" aria-hidden="true" /> {height === undefined ? "" : `block ${height.toLocaleString()} · `}
      {label}
    </span>
  );
}

function AccountPicker() {
  const { chain } = useChain();
  const { account, connecting, error, useDemo, useKeplr, disconnect } = useWallet();
  const participants = useParticipants();
  const hasKeplr = keplr() !== undefined;
  const value = account === undefined ? "" : account.kind === "keplr" ? "keplr" : `demo:${account.name}`;
  return (
    <div className="account">
      <label htmlFor="account" className="sr-only">
        Account
      </label>
      <select
        id="account"
        value={value}
        disabled={connecting}
        onChange={(e) => {
          const v = e.target.value;
          if (v === "") disconnect();
          else if (v === "keplr") void useKeplr();
          else void useDemo(v.slice("demo:".length));
        }}
      >
        <option value="">{connecting ? "Connecting…" : "Choose an account…"}</option>
        {chain.demoAccounts.length === 0 ? null : (
          <optgroup label="Demo accounts of this local network: TEST KEYS">
            {chain.demoAccounts.map((a) => {
              const p = participants.data?.get(a.address);
              return (
                <option key={a.name} value={`demo:${a.name}`}>
                  {a.name}
                  {p === undefined ? "" : ` · ${p.displayName}`} (test key)
                </option>
              );
            })}
          </optgroup>
        )}
        <optgroup label="Wallet">
          <option value="keplr" disabled={!hasKeplr}>
            {hasKeplr ? "Keplr" : "Keplr (not installed)"}
          </option>
        </optgroup>
      </select>
      {account === undefined ? null : (
        <span className="who" data-testid="account" data-address={account.address}>
          <code title={account.address}>{shortAddress(account.address)}</code> {account.testKey ? <TestKeyBadge /> : null}
        </span>
      )}
      {error === undefined ? null : <ErrorNote error={error} rpc={chain.rpc} />}
    </div>
  );
}

export function Header({ route }: { readonly route: string }) {
  return (
    <header className="top">
      <a className="brand" href="#/market">
        grid<span>ledger</span>
      </a>
      <nav aria-label="Views">
        {VIEWS.map(([path, label]) => (
          <a key={path} href={`#/${path}`} aria-current={route === path ? "page" : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <div className="pickers">
        <ChainPicker />
        <Live />
        <AccountPicker />
      </div>
    </header>
  );
}
