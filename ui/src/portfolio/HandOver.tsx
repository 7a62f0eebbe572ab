/**
 * A partly signed transaction to hand to the other owner: the text to copy, and what they do
 * with it. With demo accounts both owners are in this browser: choosing the other account at the
 * top finds it waiting in its portfolio.
 */
import { useState } from "react";

import type { Prepared } from "./useJointAction.js";

export function HandOver({ prepared, name, demo }: { readonly prepared: Prepared; readonly name: (address: string) => string; readonly demo: boolean }) {
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  const other = name(prepared.waitingFor);
  return (
    <div className="hand-over" data-testid="hand-over">
      <p role="status" className="success">
        Signed by you. Nothing happens on the chain until {other} co-signs.
      </p>
      <p>
        Hand this text to {other}: they open their Portfolio, paste it under <em>Co-sign a transaction</em>, check what it does, sign and broadcast it. It stays valid until either of you
        sends another transaction.
        {demo ? ` With demo accounts, choose ${other} at the top of this page: the transaction is waiting in that portfolio.` : ""}
      </p>
      <label htmlFor="joint-tx-text" className="sr-only">
        Partly signed transaction
      </label>
      <textarea id="joint-tx-text" readOnly rows={4} value={prepared.text} data-testid="joint-tx-text" onFocus={(e) => e.target.select()} />
      <button
        type="button"
        onClick={() => {
          navigator.clipboard.writeText(prepared.text).then(
            () => setCopied("yes"),
            () => setCopied("failed"),
          );
        }}
      >
        {copied === "yes" ? "Copied" : "Copy"}
      </button>
      {copied === "failed" ? <span className="hint"> The browser did not allow copying: select the text and copy it yourself.</span> : null}
    </div>
  );
}
