/**
 * The tree of chains: each chain under its parent with its height and whether it advances, its
 * validators up, the channels of its link to the parent with their states and pending packets;
 * and the relayer's health. Presentational: NetworkView reads the data.
 */
import type { ChannelStatus, LinkStatus } from "@gridledger/client";

import { Empty } from "../components/Status.js";
import { Invariants } from "./Invariants.js";
import { type ChainRow, chainHealth, chainTree, channelWord, formatTimeOfDay, type Health, heightKey, type HeightSeen, hermesWords, type NetworkRead, type TreeEntry } from "./status.js";

const HEALTH_WORDS: Readonly<Record<Health, string>> = {
  advancing: "advancing",
  stalled: "stalled",
  down: "down",
  checking: "checking…",
};

const REGISTRY_FILES = ["chain.json", "assetlist.json", "keplr.json"] as const;

export interface NetworkTreeProps {
  readonly read: NetworkRead;
  readonly seen: ReadonlyMap<string, HeightSeen>;
  /** now is when the data was read (health is judged at that instant). */
  readonly now: number;
  /** registryBase: where the server serves the chains' registry files (gridnet only). */
  readonly registryBase?: string;
}

export function NetworkTree({ read, seen, now, registryBase }: NetworkTreeProps) {
  if (read.chains.length === 0) return <Empty title="No chains in this network">Start one with <code>npm start</code>.</Empty>;
  const tree = chainTree(read.chains);
  return (
    <>
      {read.hermes === undefined ? null : <Relayer read={read} />}
      <ul className="chain-tree" aria-label="Chains">
        {tree.map((entry) => (
          <ChainNode key={entry.chain.name} entry={entry} read={read} seen={seen} now={now} {...(registryBase === undefined ? {} : { registryBase })} />
        ))}
      </ul>
    </>
  );
}

function Relayer({ read }: { readonly read: NetworkRead }) {
  const hermes = read.hermes;
  if (hermes === undefined) return null;
  const words = hermesWords(hermes);
  const pending = (read.links ?? []).flatMap((l) => l.channels).reduce((n, c) => n + (c.pendingDown ?? 0) + (c.pendingUp ?? 0), 0);
  return (
    <section className="card relayer" aria-label="Relayer">
      <div className="card-head">
        <h2>Relayer (Hermes)</h2>
        <span className={`health ${words.ok ? "health-advancing" : "health-down"}`}>{words.ok ? "healthy" : "not relaying"}</span>
      </div>
      <p className="relayer-words">{words.text}</p>
      <p className="hint">
        {pending === 0 ? "No packet waits to be relayed." : `${pending} packet${pending === 1 ? "" : "s"} sent and not yet acknowledged.`}{" "}
        {read.supervisor?.pid === undefined ? "No supervisor runs: Hermes is not restarted if it dies." : "A supervisor restarts Hermes if it dies."}
      </p>
    </section>
  );
}

function ChainNode({ entry, read, seen, now, registryBase }: { readonly entry: TreeEntry; readonly read: NetworkRead; readonly seen: ReadonlyMap<string, HeightSeen>; readonly now: number; readonly registryBase?: string }) {
  const c = entry.chain;
  const seenHere = seen.get(heightKey(c));
  const health = chainHealth(c, seenHere, now);
  const link = read.links?.find((l) => l.child === c.name);
  return (
    <li>
      <section className={`chain-node card chain-${health}`} aria-label={`Chain ${c.name}`} data-health={health}>
        <div className="chain-head">
          <h2>{c.name}</h2>
          {c.level === undefined ? null : <span className="badge level">{c.level}</span>}
          <span className={`health health-${health}`} title={healthTitle(health, seenHere)}>
            {HEALTH_WORDS[health]}
          </span>
        </div>
        <dl className="chain-facts">
          <div>
            <dt>Height</dt>
            <dd className="num height">{c.height === undefined ? "—" : c.height.toLocaleString("en-GB")}</dd>
          </div>
          <div>
            <dt>Validators up</dt>
            <dd>{validatorsText(c)}</dd>
          </div>
          <div>
            <dt>Chain id</dt>
            <dd>
              <code>{c.chainId}</code>
            </dd>
          </div>
        </dl>
        {health === "stalled" && seenHere !== undefined ? <p className="warning">No new block since {formatTimeOfDay(seenHere.since)}: the chain has stopped. Check it with <code>npx gridnet status</code>.</p> : null}
        {health === "down" ? <p className="error-note">{c.error === undefined ? "No node of this chain answers." : `Its RPC at ${c.rpc} does not answer.`} Start the network with <code>npm start</code> or <code>npx gridnet up</code>.</p> : null}
        {c.nodes === undefined || c.nodes.length < 2 ? null : <Nodes chain={c} />}
        {read.source === "gridnet" ? <Invariants chain={c.name} check={c.invariants} /> : null}
        {link === undefined ? null : <Channels link={link} />}
        {registryBase === undefined ? null : (
          <p className="registry hint">
            For wallets and integrators:{" "}
            {REGISTRY_FILES.map((f, i) => (
              <span key={f}>
                {i === 0 ? "" : " · "}
                <a href={`${registryBase}chains/${encodeURIComponent(c.name)}/${f}`}>{f}</a>
              </span>
            ))}
          </p>
        )}
      </section>
      {entry.children.length === 0 ? null : (
        <ul className="chain-children" aria-label={`Chains under ${c.name}`}>
          {entry.children.map((child) => (
            <ChainNode key={child.chain.name} entry={child} read={read} seen={seen} now={now} {...(registryBase === undefined ? {} : { registryBase })} />
          ))}
        </ul>
      )}
    </li>
  );
}

function healthTitle(health: Health, seen: HeightSeen | undefined): string {
  switch (health) {
    case "advancing":
      return "New blocks keep coming.";
    case "stalled":
      return `The height has not risen since ${seen === undefined ? "the first read" : formatTimeOfDay(seen.since)}.`;
    case "down":
      return "No height could be read.";
    default:
      return "Waiting for a second read to see the height rise.";
  }
}

function validatorsText(c: ChainRow): string {
  const v = c.validators;
  if (v === undefined) return "—";
  return v.how === "nodes" ? `${v.up} of ${v.total}` : `${v.up} of ${v.total} signed the last block`;
}

function Nodes({ chain }: { readonly chain: ChainRow }) {
  return (
    <ul className="nodes" aria-label={`Validator nodes of ${chain.name}`}>
      {(chain.nodes ?? []).map((n) => {
        const up = n.pid !== undefined && n.height !== undefined;
        return (
          <li key={n.index} className={up ? "node-up" : "node-down"}>
            validator {n.index}: {up ? `height ${n.height?.toLocaleString("en-GB") ?? ""}` : n.pid === undefined ? "stopped" : "not answering"}
          </li>
        );
      })}
    </ul>
  );
}

function pendingText(c: ChannelStatus): string {
  const part = (n: number | undefined, dir: string) => (n === undefined ? `? ${dir}` : `${n} ${dir}`);
  return `pending ${part(c.pendingDown, "down")}, ${part(c.pendingUp, "up")}`;
}

/** LinkedNote says, for an energy channel, whether both grid operators recorded the link (x/interchain). */
function LinkedNote({ channel, parent, child }: { readonly channel: ChannelStatus; readonly parent: string; readonly child: string }) {
  const { linkedOnParent: p, linkedOnChild: c } = channel;
  if (p === true && c === true) return <span className="channel-linked">, linked on both chains</span>;
  const missing = [p === true ? undefined : parent, c === true ? undefined : child].filter((x): x is string => x !== undefined);
  const unknown = p === undefined || c === undefined;
  return (
    <span className="channel-problem">
      , {unknown ? "link record unread" : "not linked yet"} on {missing.join(" and ")}: <code>npx gridnet up</code> links it
    </span>
  );
}

function Channels({ link }: { readonly link: LinkStatus }) {
  return (
    <div className="channels">
      <h3>Link to {link.parent}</h3>
      {link.channels.length === 0 ? (
        <p className="warning">No channel open yet: <code>npx gridnet up</code> opens it.</p>
      ) : (
        <ul aria-label={`Channels between ${link.parent} and ${link.child}`}>
          {link.channels.map((c) => {
            const open = c.parentState === "STATE_OPEN" && c.childState === "STATE_OPEN";
            const waiting = (c.pendingDown ?? 0) + (c.pendingUp ?? 0);
            return (
              <li key={`${c.parentChannel}-${c.childChannel}`} className={open ? "channel-open" : "channel-closed"}>
                <span className="channel-ids">
                  {c.type}: {link.parent} <code>{c.parentChannel}</code> ↔ {link.child} <code>{c.childChannel}</code>
                </span>{" "}
                <span className={`channel-state ${open ? "" : "channel-problem"}`}>
                  {channelWord(c.parentState)} / {channelWord(c.childState)}
                </span>
                , <span className={waiting > 0 ? "channel-pending" : ""}>{pendingText(c)}</span>
                {c.type === "energy" ? <LinkedNote channel={c} parent={link.parent} child={link.child} /> : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
