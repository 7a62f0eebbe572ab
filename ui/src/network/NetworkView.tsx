/**
 * Network: the tree of chains with heights, validators, channels, pending packets and relayer health, refreshed live.
 */
import { Empty } from "../components/Status.js";

export function NetworkView() {
  return (
    <div className="network">
      <h1>Network</h1>
      <Empty title="Coming soon" />
    </div>
  );
}
