/**
 * The token sides the account holds, one row each: the token, the side, its delivery window and
 * energy, its offer (AskEditor), a box to select it for merging or aggregating, and the token's
 * actions (split, cancel) on the first row of each token.
 */
import { Side, type Token } from "@gridledger/client";

import type { Bank } from "../chain/reads.js";
import { formatWindow } from "../format/periods.js";
import { formatEnergy } from "../format/units.js";
import { categoryName, SIDES, sideName } from "../market/categories.js";
import { sideOf } from "./actions.js";
import { AskEditor } from "./AskEditor.js";
import { GridFees } from "./GridFees.js";

export const sideKey = (token: bigint, side: Side) => `${token.toString()}-${side}`;

export interface SidesTableProps {
  readonly tokens: readonly Token[];
  readonly owner: string;
  readonly periodSeconds: bigint;
  readonly banks: readonly Bank[];
  readonly unitOf: (denom: string) => Bank | undefined;
  readonly selected: ReadonlySet<string>;
  readonly onSelect: (token: Token, side: Side, on: boolean) => void;
  readonly onSplit: (token: Token) => void;
  readonly onCancel: (token: Token) => void;
  /** open says whether participants may still act on the token (its gate is open). */
  readonly open: (token: Token) => boolean;
}

const list = (ids: readonly bigint[]) => ids.map((x) => `#${x.toString()}`).join(", ");

export function SidesTable(props: SidesTableProps) {
  return (
    <div className="table-scroll" tabIndex={0} aria-label="Your token sides">
      <table className="offers sides" data-testid="sides">
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Select</span>
            </th>
            <th scope="col">Token</th>
            <th scope="col">Side</th>
            <th scope="col">Delivery (your time)</th>
            <th scope="col" className="num">
              Energy
            </th>
            <th scope="col">Offer</th>
            <th scope="col">Token actions</th>
          </tr>
        </thead>
        <tbody>
          {props.tokens.flatMap((t) => {
            const held = SIDES.filter((s) => sideOf(t, s)?.owner === props.owner);
            return held.map((side, i) => {
              const key = sideKey(t.id, side);
              const backs = t.backs?.tokenIds ?? [];
              const sources = t.backedBy?.tokenIds ?? [];
              const open = props.open(t);
              return (
                <tr key={key} data-testid={`side-${key}`}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select the ${sideName(side)} of token #${t.id.toString()}`}
                      checked={props.selected.has(key)}
                      onChange={(e) => props.onSelect(t, side, e.target.checked)}
                      disabled={!open}
                    />
                  </td>
                  <td>
                    #{t.id.toString()}
                    {sources.length > 0 ? <div className="hint">issued against {list(sources)}</div> : null}
                    {backs.length > 0 && (t.backs?.side ?? Side.SIDE_UNSPECIFIED) === side ? <div className="hint">backs {list(backs)}</div> : null}
                    {side === Side.SIDE_CONSUMER ? <GridFees tokenId={t.id} fees={t.gridFees} unitOf={props.unitOf} /> : null}
                  </td>
                  <td>
                    <span className={`category c${t.category}`}>{categoryName(t.category)}</span> {sideName(side)}
                  </td>
                  <td>{formatWindow(t.firstPeriod, t.lastPeriod, props.periodSeconds)}</td>
                  <td className="num">{formatEnergy(t.whPerPeriod)} per period</td>
                  <td>
                    <AskEditor token={t} side={side} ask={sideOf(t, side)?.ask} banks={props.banks} unitOf={props.unitOf} />
                  </td>
                  <td>
                    {!open ? (
                      <span className="hint">gate closed</span>
                    ) : i === 0 ? (
                      <span className="token-actions">
                        <button type="button" onClick={() => props.onSplit(t)} aria-label={`Split token #${t.id.toString()}`}>
                          Split…
                        </button>
                        <button type="button" onClick={() => props.onCancel(t)} aria-label={`Cancel token #${t.id.toString()}`}>
                          Cancel…
                        </button>
                      </span>
                    ) : (
                      <span className="hint">see the row above</span>
                    )}
                  </td>
                </tr>
              );
            });
          })}
        </tbody>
      </table>
    </div>
  );
}
