/** Entering a chain by hand: its chain id, RPC and REST URLs (checked before they are kept). */
import { useId, useState } from "react";

import { ErrorNote } from "../components/Status.js";
import { useNetwork } from "./NetworkProvider.js";

export function ChainSetup({ onDone }: { readonly onDone?: () => void }) {
  const id = useId();
  const { addManual } = useNetwork();
  const [form, setForm] = useState({ chainId: "", rpc: "http://127.0.0.1:26657", rest: "http://127.0.0.1:1317" });
  const [error, setError] = useState<unknown>(undefined);
  const input = (name: keyof typeof form, label: string, hint: string) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input id={`${id}-${name}`} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} aria-describedby={`${id}-${name}-hint`} />
      <span className="hint" id={`${id}-${name}-hint`}>
        {hint}
      </span>
    </div>
  );
  return (
    <form
      className="chain-setup"
      aria-label="Add a chain"
      onSubmit={(e) => {
        e.preventDefault();
        try {
          addManual(form);
          setError(undefined);
          onDone?.();
        } catch (err) {
          setError(err);
        }
      }}
    >
      {input("chainId", "Chain id", "e.g. gridledger-dev-1 (bash scripts/devnode.sh)")}
      {input("rpc", "RPC URL", "CometBFT RPC; its websocket brings new blocks")}
      {input("rest", "REST URL", "Cosmos SDK REST API, for wallets")}
      {error === undefined ? null : <ErrorNote error={error} />}
      <div className="dialog-actions">
        {onDone === undefined ? null : (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        )}
        <button type="submit" className="primary">
          Use this chain
        </button>
      </div>
    </form>
  );
}
