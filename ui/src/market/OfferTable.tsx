/** The offers, sorted by a column people choose, each with a Buy button. */
import type { Offer, Sort, SortKey } from "./offers.js";
import { categoryName, sideAction, sideName } from "./categories.js";
import { formatEnergy, formatMoney, formatPrice, type FiatUnit } from "../format/units.js";
import { formatWindow } from "../format/periods.js";
import { priceFor } from "@gridledger/client";

export interface OfferTableProps {
  readonly offers: readonly Offer[];
  readonly unit: FiatUnit;
  readonly periodSeconds: bigint;
  readonly sort: Sort;
  readonly onSort: (sort: Sort) => void;
  readonly name: (address: string) => string;
  /** buyer is the connected account, undefined when none is. */
  readonly buyer: string | undefined;
  readonly onBuy: (offer: Offer) => void;
}

const COLUMNS: ReadonlyArray<{ key: SortKey | undefined; label: string; numeric?: true }> = [
  { key: "token", label: "Token" },
  { key: undefined, label: "What you buy" },
  { key: "delivery", label: "Delivery (your time)" },
  { key: "energy", label: "Energy", numeric: true },
  { key: "price", label: "Price", numeric: true },
  { key: undefined, label: "Total", numeric: true },
  { key: undefined, label: "Seller" },
  { key: undefined, label: "" },
];

export function OfferTable(props: OfferTableProps) {
  const { sort } = props;
  return (
    <div className="table-scroll" tabIndex={0} aria-label="Open offers">
      <table className="offers">
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const active = c.key !== undefined && sort.key === c.key;
              return (
                <th key={c.label || "action"} className={c.numeric ? "num" : undefined} aria-sort={active ? (sort.descending ? "descending" : "ascending") : undefined} scope="col">
                  {c.key === undefined ? (
                    c.label
                  ) : (
                    <button type="button" className="sort" onClick={() => props.onSort({ key: c.key as SortKey, descending: active ? !sort.descending : false })}>
                      {c.label}
                      <span aria-hidden="true">{active ? (sort.descending ? " ▼" : " ▲") : " ↕"}</span>
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {props.offers.map((o) => {
            const own = props.buyer === o.seller;
            const key = `${o.token.id.toString()}-${o.side}`;
            return (
              <tr key={key} data-testid={`offer-${key}`}>
                <td>#{o.token.id.toString()}</td>
                <td>
                  <span className={`category c${o.token.category}`}>{categoryName(o.token.category)}</span> {sideName(o.side)}
                  <div className="hint">you {sideAction(o.side)}</div>
                </td>
                <td>{formatWindow(o.token.firstPeriod, o.token.lastPeriod, props.periodSeconds)}</td>
                <td className="num">
                  {formatEnergy(o.totalWh)}
                  <div className="hint">{formatEnergy(o.token.whPerPeriod)} per period</div>
                </td>
                <td className="num">{formatPrice(o.pricePerMwh, props.unit)}</td>
                <td className="num">{formatMoney(priceFor(o.pricePerMwh, o.totalWh), props.unit)}</td>
                <td>{props.name(o.seller)}</td>
                <td>
                  <button
                    type="button"
                    className="primary"
                    disabled={props.buyer === undefined || own}
                    title={props.buyer === undefined ? "Choose an account to buy" : own ? "Your own offer" : undefined}
                    onClick={() => props.onBuy(o)}
                  >
                    {own ? "Yours" : "Buy"}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
