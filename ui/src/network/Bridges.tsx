/**
 * Bridges (seed §4.1, §4.2): the links of the chain chosen at the top, each with its interface
 * accounts (the non-personal accounts through which the neighbour grid trades here) and, on a
 * parent, the link's capacity, the flow reserved and what is free in the current and next
 * periods, each way. The parent's grid operator sets a capacity here.
 */
import { BridgeDirection, currentPeriod, type GridledgerClient, type QueryBridgeUsageResponse, type QueryNeighbourhoodResponse } from "@gridledger/client";
import { type FormEvent, useId, useState } from "react";

import { useChainQuery } from "../chain/useChainQuery.js";
import { ErrorNote, Loading, shortAddress } from "../components/Status.js";
import { formatEnergy } from "../format/units.js";
import { useOperator, useOperatorAct } from "../operator/useOperator.js";
import { Redispatch } from "../hierarchy/Redispatch.js";
import { LinkFees } from "./LinkFees.js";
import "./bridges.css";

/** MAX_CAPACITY_WH is x/interchain's MaxBridgeCapacityWh (10^15 Wh). */
export const MAX_CAPACITY_WH = 1_000_000_000_000_000n;

/** LinkBridges is what the view shows of one link. */
export interface LinkBridges {
  readonly side: "parent" | "child";
  readonly chainId: string;
  readonly channelId: string;
  readonly interfaceAccount: string;
  /** usage of the current and next periods; absent on the link to the parent (its capacity is the parent's). */
  readonly usage?: QueryBridgeUsageResponse;
}

export interface BridgesRead {
  readonly period: bigint;
  readonly links: readonly LinkBridges[];
}

/** readBridges reads the chain's links and, for each child link, its usage in the current and next periods. */
export async function readBridges(client: Pick<GridledgerClient, "stargate" | "query">): Promise<BridgesRead> {
  const [n, period]: [QueryNeighbourhoodResponse, bigint] = await Promise.all([client.query.interchain.neighbourhood(), currentPeriod(client)]);
  const links: LinkBridges[] = [];
  if (n.parent?.link !== undefined) {
    const l = n.parent.link;
    links.push({ side: "parent", chainId: l.counterpartyChainId, channelId: l.energyChannelId, interfaceAccount: l.interfaceAccount });
  }
  for (const c of n.children) {
    if (c.link === undefined) continue;
    const l = c.link;
    links.push({ side: "child", chainId: l.counterpartyChainId, channelId: l.energyChannelId, interfaceAccount: l.interfaceAccount, usage: await client.query.interchain.bridgeUsage(l.energyChannelId, period, period + 1n) });
  }
  return { period, links };
}

const directionName = (d: BridgeDirection) => (d === BridgeDirection.BRIDGE_DIRECTION_UP ? "up (child → parent)" : "down (parent → child)");

/** BridgesTable shows the links, their interface accounts and, on child links, capacity and usage. */
export function BridgesTable({ read }: { readonly read: BridgesRead }) {
  if (read.links.length === 0) return <p className="hint">This chain has no link to another grid yet.</p>;
  return (
    <table className="bridges">
      <caption className="sr-only">Links with interface accounts and bridge capacities</caption>
      <thead>
        <tr>
          <th scope="col">Link</th>
          <th scope="col">Interface account here</th>
          <th scope="col">Direction</th>
          <th scope="col">Capacity per period</th>
          <th scope="col">Reserved, period {read.period.toString()}</th>
          <th scope="col">Reserved, period {(read.period + 1n).toString()}</th>
        </tr>
      </thead>
      <tbody>
        {read.links.map((l) => {
          const head = (rows: number) => (
            <>
              <th scope="row" rowSpan={rows}>
                {l.side === "parent" ? "Parent" : "Child"} {l.chainId} <span className="hint">over {l.channelId}</span>
              </th>
              <td rowSpan={rows} title={l.interfaceAccount}>
                <code>{shortAddress(l.interfaceAccount)}</code>
              </td>
            </>
          );
          if (l.usage === undefined) {
            return (
              <tr key={l.channelId} data-channel={l.channelId}>
                {head(1)}
                <td colSpan={4} className="hint">
                  The capacity of the link to the parent is set and kept on the parent chain.
                </td>
              </tr>
            );
          }
          const usage = l.usage.usage;
          return [BridgeDirection.BRIDGE_DIRECTION_UP, BridgeDirection.BRIDGE_DIRECTION_DOWN].map((d, i) => {
            const [now, next] = [read.period, read.period + 1n].map((p) => usage.find((u) => u.period === p && u.direction === d));
            const capacity = now?.capacityWh ?? next?.capacityWh ?? 0n;
            const cell = (u: typeof now) => (u === undefined ? "–" : `${formatEnergy(u.reservedWh)} (${formatEnergy(u.freeWh)} free)`);
            return (
              <tr key={`${l.channelId}-${d}`} data-channel={l.channelId} data-direction={d === BridgeDirection.BRIDGE_DIRECTION_UP ? "up" : "down"}>
                {i === 0 ? head(2) : null}
                <td>{directionName(d)}</td>
                <td>{capacity === 0n ? <span className="hint">none set: carries nothing</span> : formatEnergy(capacity)}</td>
                <td>{cell(now)}</td>
                <td>{cell(next)}</td>
              </tr>
            );
          });
        })}
      </tbody>
    </table>
  );
}

export interface CapacityValues {
  readonly channelId: string;
  readonly direction: BridgeDirection;
  /** mwh is typed in MWh per period. */
  readonly mwh: string;
}

export interface CapacityInput {
  readonly channelId: string;
  readonly direction: BridgeDirection;
  readonly whPerPeriod: bigint;
}

/** checkCapacity turns the form into the message's input, or says what is wrong, as the chain would. */
export function checkCapacity(values: CapacityValues, childChannels: readonly string[]): { input?: CapacityInput; error?: string } {
  if (childChannels.length === 0) return { error: "This chain has no child link: a link's capacity is set by the parent chain's grid operator, on the parent chain." };
  if (!childChannels.includes(values.channelId)) return { error: "Choose one of this chain's child links." };
  const t = values.mwh.trim().replace(/[\s'’_,]/g, "");
  const m = /^(\d+)(?:\.(\d{0,6}))?$/.exec(t);
  if (m === null) return { error: "Enter the capacity in MWh per period, e.g. 50 (up to six decimals: whole Wh)." };
  const wh = BigInt(m[1] ?? "0") * 1_000_000n + BigInt((m[2] ?? "").padEnd(6, "0") || "0");
  if (wh === 0n) return { error: "A capacity is at least 1 Wh per period; a link without one carries nothing, and a capacity cannot be removed, only lowered." };
  if (wh > MAX_CAPACITY_WH) return { error: "A capacity is at most 10^15 Wh (1 TWh) per period." };
  return { input: { channelId: values.channelId, direction: values.direction, whPerPeriod: wh } };
}

/** CapacityForm lets the parent's grid operator set a child link's capacity each way. */
export function CapacityForm({ childLinks, acting, onSet, busy }: { readonly childLinks: readonly LinkBridges[]; readonly acting: boolean; readonly onSet: (input: CapacityInput) => void; readonly busy?: boolean }) {
  const id = useId();
  const channels = childLinks.map((l) => l.channelId);
  const [values, setValues] = useState<CapacityValues>({ channelId: channels[0] ?? "", direction: BridgeDirection.BRIDGE_DIRECTION_UP, mwh: "" });
  const [error, setError] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { input, error: problem } = checkCapacity(values, channels);
    setError(problem);
    if (input !== undefined && acting) onSet(input);
  };
  return (
    <form className="capacity-form" onSubmit={submit} aria-label="Set a bridge capacity">
      <label htmlFor={`${id}-link`}>Child link</label>
      <select id={`${id}-link`} value={values.channelId} onChange={(e) => setValues({ ...values, channelId: e.target.value })} disabled={channels.length === 0}>
        {childLinks.map((l) => (
          <option key={l.channelId} value={l.channelId}>
            {l.chainId} ({l.channelId})
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-dir`}>Direction</label>
      <select id={`${id}-dir`} value={values.direction} onChange={(e) => setValues({ ...values, direction: Number(e.target.value) as BridgeDirection })}>
        <option value={BridgeDirection.BRIDGE_DIRECTION_UP}>{directionName(BridgeDirection.BRIDGE_DIRECTION_UP)}</option>
        <option value={BridgeDirection.BRIDGE_DIRECTION_DOWN}>{directionName(BridgeDirection.BRIDGE_DIRECTION_DOWN)}</option>
      </select>
      <label htmlFor={`${id}-mwh`}>Capacity (MWh per period)</label>
      <input id={`${id}-mwh`} inputMode="decimal" value={values.mwh} aria-invalid={error !== undefined} onChange={(e) => setValues({ ...values, mwh: e.target.value })} />
      <button type="submit" disabled={!acting || busy === true} title={acting ? undefined : "Only the grid operator of this chain may set a capacity."}>
        Set capacity
      </button>
      {error === undefined ? null : (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {acting ? null : <p className="hint">Choose this chain&apos;s grid operator account at the top to set a capacity.</p>}
    </form>
  );
}

/** BridgesSection reads the chosen chain's links and offers the capacity form to its operator. */
export function BridgesSection() {
  const bridges = useChainQuery(["interchain", "bridges"], (client) => readBridges(client));
  const { acting } = useOperator();
  const set = useOperatorAct((signer, operator, input: CapacityInput) => signer.setBridgeCapacity(operator, input.channelId, input.direction, input.whPerPeriod));
  const childLinks = bridges.data?.links.filter((l) => l.side === "child") ?? [];
  return (
    <section className="bridges-section" aria-label="Links and bridge capacities">
      <h2>Links and bridge capacities</h2>
      {bridges.data === undefined ? (
        bridges.error ? (
          <ErrorNote error={bridges.error} title="The chain's links could not be read." />
        ) : (
          <Loading label="Reading the chain's links…" height="6rem" />
        )
      ) : (
        <>
          <BridgesTable read={bridges.data} />
          <LinkFees childLinks={childLinks} acting={acting} />
          <CapacityForm childLinks={childLinks} acting={acting} onSet={(input) => set.mutate(input)} busy={set.isPending} />
          {set.error ? <ErrorNote error={set.error} title="The capacity was not set." /> : null}
          {set.isSuccess ? <p className="hint">Capacity set (previously {formatEnergy(set.data)} per period).</p> : null}
          <Redispatch acting={acting} />
        </>
      )}
    </section>
  );
}
