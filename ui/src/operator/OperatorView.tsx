/**
 * Operator console: participants, meters, market rules, reference prices, redispatch and reconciliation progress.
 */
import { Empty } from "../components/Status.js";

export function OperatorView() {
  return (
    <div className="operator">
      <h1>Operator</h1>
      <Empty title="Coming soon" />
    </div>
  );
}
