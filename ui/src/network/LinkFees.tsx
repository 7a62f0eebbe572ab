/**
 * Link fees beside bridge usage (ADR 024 §2): the grid-fee estimate per MWh this chain charges a
 * cross-grid purchase for crossing each of its child links, per currency (the ICS-20 base denom),
 * charged once per link at the quote. The parent's grid operator sets them here.
 */
import type { LinkFee } from "@gridledger/client";
import { type FormEvent, useId, useState } from "react";

import { type Bank, useFiatUnits } from "../chain/reads.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { ErrorNote } from "../components/Status.js";
import { formatPrice } from "../format/units.js";
import { useOperatorAct } from "../operator/useOperator.js";
import type { LinkBridges } from "./Bridges.js";

/** MAX_LINK_FEE is x/interchain's bound on a fee per MWh (10^24 base units). */
export const MAX_LINK_FEE = 10n ** 24n;

/** feeText shows a fee per MWh in its currency's unit when this chain has its bank, else in base units. */
export function feeText(fee: LinkFee, units: readonly Bank[]): string {
  const unit = units.find((u) => u.denom === fee.baseDenom);
  return unit === undefined ? `${fee.feePerMwh} ${fee.baseDenom} per MWh` : formatPrice(BigInt(fee.feePerMwh), unit);
}

/** LinkFeesTable lists the estimates by child link; a chain without child links charges none. */
export function LinkFeesTable({ fees, childLinks, units }: { readonly fees: readonly LinkFee[]; readonly childLinks: readonly LinkBridges[]; readonly units: readonly Bank[] }) {
  if (childLinks.length === 0) return <p className="hint">Grid fees for crossing this chain&apos;s link to its parent are set on the parent chain.</p>;
  return (
    <table className="bridges link-fees-table" aria-label="Grid fees per link">
      <thead>
        <tr>
          <th scope="col">Child link</th>
          <th scope="col">Grid fee a cross-grid purchase pays, per MWh (charged once per link)</th>
        </tr>
      </thead>
      <tbody>
        {childLinks.map((l) => {
          const own = fees.filter((f) => f.channelId === l.channelId);
          return (
            <tr key={l.channelId} data-fee-channel={l.channelId}>
              <th scope="row">
                {l.chainId} <span className="hint">over {l.channelId}</span>
              </th>
              <td>{own.length === 0 ? <span className="hint">none set: no purchase crosses this link</span> : own.map((f) => feeText(f, units)).join(", ")}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export interface LinkFeeInput {
  readonly channelId: string;
  readonly baseDenom: string;
  readonly feePerMwh: bigint;
}

/** checkLinkFee reads the form as the chain would check it: a child link, a denom, 0 (removes) to 10^24 base units. */
export function checkLinkFee(values: { channelId: string; baseDenom: string; fee: string }, childChannels: readonly string[]): { input?: LinkFeeInput; error?: string } {
  if (!childChannels.includes(values.channelId)) return { error: "Choose one of this chain's child links: the parent's grid operator sets a link's fee." };
  if (!/^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/.test(values.baseDenom.trim())) return { error: "Enter the currency's base denom as its own chain names it, e.g. uchf.alpine." };
  const t = values.fee.trim().replace(/[\s'’_,]/g, "");
  if (!/^\d+$/.test(t)) return { error: "Enter the fee per MWh in whole base units of the currency (0 removes it)." };
  const fee = BigInt(t);
  if (fee > MAX_LINK_FEE) return { error: "A link's fee is at most 10^24 base units per MWh." };
  return { input: { channelId: values.channelId, baseDenom: values.baseDenom.trim(), feePerMwh: fee } };
}

/** LinkFees reads the chain's estimates and lets its grid operator set one. */
export function LinkFees({ childLinks, acting }: { readonly childLinks: readonly LinkBridges[]; readonly acting: boolean }) {
  const id = useId();
  const fees = useChainQuery(["interchain", "link-fees"], (client) => client.query.interchain.linkFees(), { refresh: "slow" });
  const units = useFiatUnits();
  const set = useOperatorAct((signer, operator, input: LinkFeeInput) => signer.setLinkFee(operator, input.channelId, input.baseDenom, input.feePerMwh));
  const [values, setValues] = useState({ channelId: childLinks[0]?.channelId ?? "", baseDenom: units.data?.[0]?.denom ?? "", fee: "" });
  const [error, setError] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkLinkFee({ ...values, channelId: values.channelId || (childLinks[0]?.channelId ?? "") }, childLinks.map((l) => l.channelId));
    setError(checked.error);
    if (checked.input !== undefined && acting) set.mutate(checked.input);
  };
  return (
    <div className="link-fees-section">
      <h3>Grid fees per link</h3>
      {fees.error ? <ErrorNote error={fees.error} title="The link fees could not be read." /> : <LinkFeesTable fees={fees.data ?? []} childLinks={childLinks} units={units.data ?? []} />}
      {childLinks.length === 0 || !acting ? null : (
        <form className="capacity-form" onSubmit={submit} aria-label="Set a link fee">
          <label htmlFor={`${id}-link`}>Child link</label>
          <select id={`${id}-link`} value={values.channelId} onChange={(e) => setValues({ ...values, channelId: e.target.value })}>
            {childLinks.map((l) => (
              <option key={l.channelId} value={l.channelId}>
                {l.chainId} ({l.channelId})
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-denom`}>Currency (base denom)</label>
          <input id={`${id}-denom`} value={values.baseDenom} onChange={(e) => setValues({ ...values, baseDenom: e.target.value })} />
          <label htmlFor={`${id}-fee`}>Fee per MWh (base units)</label>
          <input id={`${id}-fee`} inputMode="numeric" value={values.fee} onChange={(e) => setValues({ ...values, fee: e.target.value })} />
          <button type="submit" disabled={set.isPending}>
            Set fee
          </button>
          {error === undefined ? null : (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
      {set.error ? <ErrorNote error={set.error} title="The fee was not set." /> : null}
    </div>
  );
}
