/**
 * The bench's reads over the REST gateway (port 1317), beside the same reads through CosmJS's
 * QueryClient (abci_query over CometBFT's RPC).
 *
 * Why both: the two paths reach the same query handlers by different doors. An abci_query goes
 * through CometBFT's local ABCI client, which holds one mutex for every connection, so it waits
 * while the node runs FinalizeBlock and Commit. The REST gateway calls the SDK's in-process gRPC
 * server, which answers from the last committed version without that mutex. Timing both while
 * the node commits trades shows which wait is the block's (issue 17, reads during writes).
 */
import type { QueryOffersRequest, QueryPositionRequest } from "../../ts-client/src/generated/gridledger/energy/v1/query.js";

/** offersPath is the gateway URL path and query string of an Offers request (proto field names). */
export function offersPath(req: QueryOffersRequest): string {
  const q = new URLSearchParams();
  q.set("side", String(req.side));
  q.set("denom", req.denom);
  q.set("category", String(req.category));
  if (req.hasMinPrice) {
    q.set("has_min_price", "true");
    q.set("min_price_per_mwh", req.minPricePerMwh.toString());
  }
  if (req.hasMaxPrice) {
    q.set("has_max_price", "true");
    q.set("max_price_per_mwh", req.maxPricePerMwh.toString());
  }
  if (req.fromPeriod !== 0n) q.set("from_period", req.fromPeriod.toString());
  if (req.toPeriod !== 0n) q.set("to_period", req.toPeriod.toString());
  const page = req.pagination;
  if (page) {
    if (page.key.length > 0) q.set("pagination.key", Buffer.from(page.key).toString("base64"));
    if (page.limit !== 0n) q.set("pagination.limit", page.limit.toString());
  }
  return `/gridledger/energy/v1/offers?${q.toString()}`;
}

/** positionPath is the gateway URL path of a Position request. */
export function positionPath(req: QueryPositionRequest): string {
  const q = new URLSearchParams({ from_period: req.fromPeriod.toString(), to_period: req.toPeriod.toString() });
  return `/gridledger/energy/v1/owners/${encodeURIComponent(req.owner)}/position?${q.toString()}`;
}

/** balancePath is the gateway URL path of one bank balance. */
export function balancePath(address: string, denom: string): string {
  return `/cosmos/bank/v1beta1/balances/${encodeURIComponent(address)}/by_denom?${new URLSearchParams({ denom }).toString()}`;
}

/**
 * getJson fetches a gateway path and checks the answer is the query's, not an error: a failed
 * query answers fast, and a bench that timed errors would flatter the node.
 */
export async function getJson(rest: string, path: string, expectKey: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${rest}${path}`);
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok || !(expectKey in body)) {
    throw new Error(`REST ${path} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)} (expected a "${expectKey}" field)`);
  }
  return body;
}
