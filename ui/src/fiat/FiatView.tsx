/**
 * Fiat: balances, settlement account deposit and withdrawal, redemption requests and their state; for a bank, reserve, minted, burned and fees.
 */
import { Empty } from "../components/Status.js";

export function FiatView() {
  return (
    <div className="fiat">
      <h1>Fiat</h1>
      <Empty title="Coming soon" />
    </div>
  );
}
