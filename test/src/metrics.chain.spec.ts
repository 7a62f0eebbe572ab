/**
 * A gridd node's metrics, scraped over HTTP the way Prometheus does (docs/operations/metrics.md):
 * CometBFT's on the node's own metrics port, the SDK's and the gridledger modules' own on the
 * REST API's /metrics?format=prometheus. A purchase on the market moves the trade counters.
 */
import { metricsOf, startTestChain, type TestChain } from "@gridledger/relayer";
import { Side } from "@gridledger/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHF, seedMarket, type SeededMarket } from "./support/market.js";
import { has, scrape, valueOf, type Sample } from "./support/prometheus.js";

describe("a node's Prometheus metrics", () => {
  let chain: TestChain;
  let market: SeededMarket;
  let urls: ReturnType<typeof metricsOf>;

  beforeAll(async () => {
    chain = await startTestChain({ name: "metrics" });
    urls = metricsOf(chain.spec.ports);
    market = await seedMarket(chain);
  });

  afterAll(async () => {
    market?.close();
    await chain?.stop();
  });

  it("serves CometBFT's consensus, state and mempool metrics, labelled with the chain id", async () => {
    const comet = await scrape(urls.comet);
    const height = comet.find((s) => s.name === "cometbft_consensus_height");
    expect(height?.labels.chain_id).toBe(chain.chainId);
    expect(height?.value).toBeGreaterThan(2);
    // cometbft_p2p_peers appears once a peer connects: the network suite checks it.
    for (const name of [
      "cometbft_consensus_latest_block_height",
      "cometbft_consensus_rounds",
      "cometbft_consensus_missing_validators",
      "cometbft_mempool_size",
      "cometbft_state_block_processing_time_count",
    ]) {
      expect(has(comet, name), name).toBe(true);
    }
    expect(valueOf(comet, "cometbft_consensus_validators")).toBe(1);
    expect(valueOf(comet, "cometbft_consensus_missing_validators")).toBe(0);
    // One process, one Prometheus registry: the metrics port carries the app's metrics too, so a
    // validator without the REST API is still fully observable (the guide relies on it).
    expect(valueOf(comet, "gridd_tx_count")).toBeGreaterThan(0);
  });

  it("serves the SDK's telemetry and the modules' counters, and counts a purchase once", async () => {
    const count = (samples: Sample[]) => ({
      buys: valueOf(samples, "gridd_energy_trades", { kind: "buy" }),
      boughtWh: valueOf(samples, "gridd_energy_traded_wh", { kind: "buy" }),
      txs: valueOf(samples, "gridd_tx_count"),
    });
    const before = await scrape(urls.app);
    // seedMarket's two issues, its offer and the bank's mints are already counted.
    expect(valueOf(before, "gridd_energy_tokens_issued")).toBe(2);
    expect(valueOf(before, "gridd_energy_offers", { side: "consumer" })).toBe(1);
    expect(valueOf(before, "gridd_fiat_minted", { denom: CHF })).toBe(1_500_000_000);
    expect(valueOf(before, "gridd_fiat_outstanding", { denom: CHF })).toBeGreaterThanOrEqual(1_500_000_000);
    const was = count(before);
    expect(was.txs).toBeGreaterThan(0);

    const alice = await market.client("alice");
    await alice.buySide(market.address("alice"), { tokenId: market.offered, side: Side.SIDE_CONSUMER, maxPricePerMwh: 85_000_000n, denom: CHF });

    const now = count(await scrape(urls.app));
    expect(now.buys - was.buys).toBe(1);
    expect(now.boughtWh - was.boughtWh).toBe(4 * 250_000); // four periods of 250 kWh
    expect(now.txs).toBeGreaterThan(was.txs);
  });
});
