/** Offer a side at a price, change the price, or withdraw the offer (x/energy set-ask). */
import type { Ask, Side, Token } from "@gridledger/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";

import { chainKey, useChain } from "../chain/ChainProvider.js";
import { ErrorNote } from "../components/Status.js";
import { formatAmount, formatPrice, parseAmount } from "../format/units.js";
import type { Bank } from "../chain/reads.js";
import { useWallet } from "../wallet/WalletProvider.js";

export function AskEditor(props: { readonly token: Token; readonly side: Side; readonly ask: Ask | undefined; readonly banks: readonly Bank[]; readonly unitOf: (denom: string) => Bank | undefined }) {
  const id = useId();
  const { chain } = useChain();
  const { account, signer } = useWallet();
  const queryClient = useQueryClient();
  const forSale = props.ask?.forSale === true;
  const current = forSale ? props.unitOf(props.ask?.denom ?? "") : undefined;
  const [editing, setEditing] = useState(false);
  const [denom, setDenom] = useState(current?.denom ?? props.token.faceValuePerMwh?.denom ?? props.banks[0]?.denom ?? "");
  const unit = props.banks.find((b) => b.denom === denom) ?? props.banks[0];
  const [price, setPrice] = useState(() =>
    forSale && current !== undefined && props.ask !== undefined ? formatAmount(props.ask.pricePerMwh, current.exponent, "en-US").replace(/,/g, "") : "",
  );
  const parsed = unit === undefined ? undefined : parseAmount(price, unit.exponent);
  const save = useMutation({
    mutationFn: async (ask: { pricePerMwh: bigint; denom: string } | null) => {
      if (signer === undefined || account === undefined) throw new Error("Choose an account first.");
      return signer.setAsk(account.address, props.token.id, props.side, ask);
    },
    onSuccess: () => setEditing(false),
    onSettled: () => queryClient.invalidateQueries({ queryKey: chainKey(chain) }),
  });

  if (!editing) {
    return (
      <div className="ask">
        <span data-testid="ask-state">{forSale && current !== undefined && props.ask !== undefined ? `for sale at ${formatPrice(props.ask.pricePerMwh, current)}` : "not for sale"}</span>{" "}
        <button type="button" onClick={() => setEditing(true)} disabled={save.isPending}>
          {forSale ? "Change price" : "Offer…"}
        </button>
        {forSale ? (
          <button type="button" onClick={() => save.mutate(null)} disabled={save.isPending}>
            {save.isPending ? "Withdrawing…" : "Withdraw offer"}
          </button>
        ) : null}
        {save.isError ? <ErrorNote error={save.error} rpc={chain.rpc} /> : null}
      </div>
    );
  }
  return (
    <form
      className="ask"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed !== undefined && unit !== undefined) save.mutate({ pricePerMwh: parsed, denom: unit.denom });
      }}
    >
      <label htmlFor={`${id}-price`}>Price per MWh</label>
      <select aria-label="Currency" value={unit?.denom ?? ""} onChange={(e) => setDenom(e.target.value)} disabled={props.banks.length < 2}>
        {props.banks.map((b) => (
          <option key={b.denom} value={b.denom}>
            {b.currency}
          </option>
        ))}
      </select>
      <input id={`${id}-price`} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} aria-invalid={price !== "" && parsed === undefined} placeholder="85.00" autoFocus />
      <button type="submit" className="primary" disabled={parsed === undefined || save.isPending}>
        {save.isPending ? "Signing…" : "Offer"}
      </button>
      <button type="button" onClick={() => setEditing(false)} disabled={save.isPending}>
        Cancel
      </button>
      {price !== "" && parsed === undefined ? <span className="field-error">Enter an amount such as 85.50 (a negative price pays the buyer).</span> : null}
      {save.isError ? <ErrorNote error={save.error} rpc={chain.rpc} /> : null}
    </form>
  );
}
