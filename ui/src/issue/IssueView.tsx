/**
 * Issue: a form for a new token, validated like the chain validates, defaults from the participant's meters, and a preview of what will be signed.
 */
import { Empty } from "../components/Status.js";

export function IssueView() {
  return (
    <div className="issue">
      <h1>Issue</h1>
      <Empty title="Coming soon" />
    </div>
  );
}
