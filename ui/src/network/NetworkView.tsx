/**
 * Network: the tree of chains with heights, validators up, channels, pending packets and relayer
 * health, refreshed every few seconds. With a gridnet network the server's /status.json (`gridnet
 * status --json`) says it all; for a chain entered by hand the view reads each chain's RPC.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { ErrorNote, Loading } from "../components/Status.js";
import "./network.css";
import { useNetwork } from "./NetworkProvider.js";
import { NetworkTree } from "./NetworkTree.js";
import { fetchGridnetStatus, fromGridnet, type HeightSeen, type NetworkRead, formatTimeOfDay, readOverRpc, STATUS_REFRESH_MS, trackHeights } from "./status.js";

export function NetworkView() {
  const { chains, network } = useNetwork();
  const gridnet = useQuery({ queryKey: ["status.json"], queryFn: () => fetchGridnetStatus(), refetchInterval: STATUS_REFRESH_MS, retry: 1 });
  const useRpc = gridnet.data === null;
  const rpc = useQuery({
    queryKey: ["network-over-rpc", chains.map((c) => `${c.name}@${c.rpc}`)],
    queryFn: () => readOverRpc(chains),
    enabled: useRpc,
    refetchInterval: STATUS_REFRESH_MS,
  });
  const read: NetworkRead | undefined = gridnet.data ? fromGridnet(gridnet.data) : useRpc ? rpc.data : undefined;
  const readAt = gridnet.data ? gridnet.dataUpdatedAt : rpc.dataUpdatedAt;
  const error = gridnet.data === undefined ? gridnet.error : useRpc ? rpc.error : gridnet.error;

  const [seen, setSeen] = useState<ReadonlyMap<string, HeightSeen>>(new Map());
  useEffect(() => {
    if (read !== undefined) setSeen((before) => trackHeights(before, read.chains, readAt));
    // Every read has its own readAt; `read` is derived from the same data, so it is not a dependency.
  }, [readAt]);

  const title = network === undefined || read?.source === "rpc" ? "Network" : `Network “${network.name}”`;
  return (
    <div className="network">
      <div className="view-head">
        <h1>{title}</h1>
        <span className="hint" aria-live="polite">
          {read === undefined ? "" : `${read.source === "gridnet" ? "gridnet status" : "read from each chain's RPC"}, ${formatTimeOfDay(readAt)}; refreshed every ${STATUS_REFRESH_MS / 1000} s`}
        </span>
      </div>
      {read === undefined ? (
        error !== null && error !== undefined ? (
          <ErrorNote error={error} title="The network's status could not be read." />
        ) : (
          <Loading label="Reading the network's status…" height="20rem" />
        )
      ) : (
        <>
          {error === null || error === undefined ? null : <ErrorNote error={error} title={`The last refresh failed; this is the status of ${formatTimeOfDay(readAt)}.`} />}
          {read.source === "rpc" ? (
            <p className="hint">
              This page is not served by gridnet, so links, pending packets and the relayer are not known here; heights and validators come from each chain&apos;s RPC.
            </p>
          ) : null}
          <NetworkTree read={read} seen={seen} now={readAt} {...(read.source === "gridnet" ? { registryBase: import.meta.env.BASE_URL } : {})} />
        </>
      )}
    </div>
  );
}
