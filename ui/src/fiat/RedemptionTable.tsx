/** A table of redemption requests: amount, payout reference, when requested, state, an action. */
import { type Redemption, RedemptionStatus } from "@gridledger/client";
import { type ReactNode } from "react";

import { type Bank } from "../chain/reads.js";
import { useNames } from "../components/useNames.js";
import { formatMoney } from "../format/units.js";
import "./fiat.css";

const statusWords = (r: Redemption) => (r.status === RedemptionStatus.REDEMPTION_STATUS_PAID ? "paid out" : r.status === RedemptionStatus.REDEMPTION_STATUS_PENDING ? "pending" : "unknown");

export function RedemptionTable({ rows, unitOf, action }: { readonly rows: readonly Redemption[]; readonly unitOf: (denom: string) => Bank | { denom: string; currency: string; exponent: number }; readonly action?: (r: Redemption) => ReactNode }) {
  const name = useNames();
  return (
    <div className="table-scroll" tabIndex={0} aria-label="Redemption requests">
      <table className="figures fiat-redemptions fiat-cardrows">
        <thead>
          <tr>
            <th scope="col">#</th>
            {action === undefined ? null : <th scope="col">Holder</th>}
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Payout reference</th>
            <th scope="col">Requested</th>
            <th scope="col">State</th>
            {action === undefined ? null : <th scope="col">Payout</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id.toString()} data-testid={`redemption-${r.id.toString()}`}>
              <td data-label="Request">#{r.id.toString()}</td>
              {action === undefined ? null : <td data-label="Holder">{name(r.holder)}</td>}
              <td data-label="Amount" className="num">{formatMoney(BigInt(r.amount || "0"), unitOf(r.denom))}</td>
              <td data-label="Payout reference">
                <code>{r.payoutReference}</code>
              </td>
              <td data-label="Requested">block {r.requestedHeight.toLocaleString("en-GB")}</td>
              <td data-label="State" data-testid="state">
                <span className={`fiat-state ${r.status === RedemptionStatus.REDEMPTION_STATUS_PAID ? "paid" : "pending"}`}>{statusWords(r)}</span>
                {r.paidHeight > 0n ? <span className="hint"> at block {r.paidHeight.toLocaleString("en-GB")}</span> : null}
              </td>
              {action === undefined ? null : <td data-label="Payout">{action(r)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
