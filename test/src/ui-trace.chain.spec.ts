/**
 * The Delivery view's "Origin of your energy" panel in Chromium against a gridd node with
 * 10-second periods: bob's two solar plants (in Zurich and Bern) sell their consumer sides to
 * carol, a retailer, who aggregates them into one product, disaggregates it into lots and sells
 * one lot to alice. Alice's panel shows her energy traced back through carol to the two plants,
 * with the chain's exact shares (largest remainder) and CO2, the same as @gridledger/client's
 * traceability helper, for the whole delivery and for a narrower range, and still after the
 * periods were delivered; the gridd CLI shows the same. Screenshots go to test/artifacts/ui/ and
 * docs/ui/origin.png.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { fromRfc3339WithNanoseconds } from "@cosmjs/tendermint-rpc";
import {
  admitParticipantMsg,
  BECH32_PREFIX,
  EnergyCategory,
  GridledgerClient,
  KeyAlgorithm,
  MeteringPointKind,
  MeterKind,
  mintMsg,
  registerMeterMsg,
  Role,
  Side,
  TokenPhase,
} from "@gridledger/client";
import { ensureUiBuild, startTestChain, type TestChain, type UiServer } from "@gridledger/relayer";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, openPage, requireChromium, serveUiFor } from "./support/browser.js";

const DOCS = fileURLToPath(new URL("../../docs/ui/", import.meta.url));
const CHF = "uchf.alpine";
const PERIOD_SECONDS = 10n;
const GATE_CLOSURE_SECONDS = 5n;
const SOLAR = EnergyCategory.ENERGY_CATEGORY_SOLAR;
const PV_ZH = "UI-TR-PV-ZH";
const PV_BE = "UI-TR-PV-BE";
const LOAD = "UI-TR-LOAD-ALICE";
const log = (m: string) => process.stderr.write(`[ui trace e2e] ${m}\n`);

describe("the Delivery view's origin panel in Chromium against a gridd node", () => {
  let chain: TestChain;
  let server: UiServer;
  let browser: Browser;
  let page: Page;
  let reader: GridledgerClient;
  const clients: GridledgerClient[] = [];
  const addr: Record<string, string> = {};
  let period = 0n; // the first of the two delivery periods

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  async function connect(name: string): Promise<GridledgerClient> {
    const account = chain.accounts[name];
    if (account === undefined) throw new Error(`no account ${name}`);
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(account.mnemonic, { prefix: BECH32_PREFIX });
    const client = await GridledgerClient.connectWithSigner(chain.rpc, wallet, { broadcastPollIntervalMs: 250 });
    clients.push(client);
    return client;
  }

  async function blockTime(): Promise<bigint> {
    const block = await reader.stargate.getBlock();
    return BigInt(Math.floor(fromRfc3339WithNanoseconds(block.header.time).getTime() / 1000));
  }

  /** cells are the texts of an origin row's cells. */
  const cells = (i: number) => page.getByTestId(`origin-${i}`).locator("td").allTextContents().then((t) => t.map((s) => s.trim()));

  /** setRange types a period range into the panel. */
  async function setRange(from: bigint, to: bigint) {
    await page.getByTestId("origin-from").fill(from.toString());
    await page.getByTestId("origin-to").fill(to.toString());
  }

  beforeAll(async () => {
    await requireChromium();
    const [started] = await Promise.all([
      startTestChain({ name: "uitrace", periodSeconds: Number(PERIOD_SECONDS), gateClosureSeconds: Number(GATE_CLOSURE_SECONDS) }),
      ensureUiBuild(log),
    ]);
    chain = started;
    for (const [name, account] of Object.entries(chain.accounts)) if (account !== undefined) addr[name] = account.address;
    reader = await GridledgerClient.connect(chain.rpc);
    const [operator, bank, bob, carol, alice] = await Promise.all([connect("operator"), connect("bank"), connect("bob"), connect("carol"), connect("alice")]);
    const meter = (id: string, owner: string, kind: MeterKind, area: string, category?: EnergyCategory) =>
      registerMeterMsg(addr.operator!, {
        id,
        owner: addr[owner]!,
        kind,
        category,
        pointKind: MeteringPointKind.METERING_POINT_KIND_COMPANY,
        location: { area, gridNode: `${area}-node-7` },
        keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519,
        publicKey: new Uint8Array(32).fill(id.length),
      });
    const admit = (name: string, displayName: string, legalId: string, roles: Role[], tradedCategories: EnergyCategory[] = []) =>
      admitParticipantMsg(addr.operator!, { address: addr[name]!, legalId, displayName, roles, positionLimitWh: 1_000_000, tradedCategories });
    await operator.submit(addr.operator!, [
      admit("bob", "Bob Solar AG", "12X-UIT-BOB-001", [Role.ROLE_PRODUCER, Role.ROLE_TRADER], [SOLAR]),
      admit("carol", "Carol Retail AG", "12X-UIT-CAROL-1", [Role.ROLE_RETAILER, Role.ROLE_TRADER], [SOLAR]),
      admit("alice", "Alice Bakery GmbH", "12X-UIT-ALICE-1", [Role.ROLE_CONSUMER]),
      meter(PV_ZH, "bob", MeterKind.METER_KIND_PRODUCTION, "CH-ZH", SOLAR),
      meter(PV_BE, "bob", MeterKind.METER_KIND_PRODUCTION, "CH-BE", SOLAR),
      meter(LOAD, "alice", MeterKind.METER_KIND_CONSUMPTION, "CH-ZH"),
    ]);
    await bank.attestReserve(addr.bank!, { denom: CHF, reserve: 1_000_000_000n, statementHash: new Uint8Array(32).fill(1) });
    await bank.submit(addr.bank!, [
      mintMsg(addr.bank!, { denom: CHF, recipient: addr.carol!, amount: 10_000_000, depositReference: "DEP-CAROL" }),
      mintMsg(addr.bank!, { denom: CHF, recipient: addr.alice!, amount: 10_000_000, depositReference: "DEP-ALICE" }),
    ]);
    await Promise.all([carol.deposit(addr.carol!, { denom: CHF, amount: 5_000_000 }), alice.deposit(addr.alice!, { denom: CHF, amount: 5_000_000 })]);

    // Far enough ahead that every step below happens before the gate closes.
    period = (await blockTime()) / PERIOD_SECONDS + 9n;
    const issue = (producerMeterId: string, whPerPeriod: bigint, co2Grams: bigint) =>
      bob.issueToken(addr.bob!, {
        firstPeriod: period,
        lastPeriod: period + 1n,
        whPerPeriod,
        producerMeterId,
        co2Grams,
        faceValuePerMwh: { denom: CHF, amount: 80_000_000n },
        consumerAsk: { pricePerMwh: 80_000_000n, denom: CHF },
      });
    const zh = await issue(PV_ZH, 3_000n, 300n); // 6 kWh, 300 g
    const be = await issue(PV_BE, 1_000n, 200n); // 2 kWh, 200 g
    for (const tokenId of [zh, be]) await carol.buySide(addr.carol!, { tokenId, side: Side.SIDE_CONSUMER, maxPricePerMwh: 80_000_000n, denom: CHF });
    const product = await carol.aggregateSides(addr.carol!, { side: Side.SIDE_CONSUMER, sourceTokenIds: [zh, be], faceValuePerMwh: { denom: CHF, amount: 90_000_000n } });
    const [lot] = await carol.disaggregateSide(addr.carol!, {
      side: Side.SIDE_CONSUMER,
      sourceTokenId: product,
      whParts: [3_000n, 1_000n],
      faceValuePerMwh: { denom: CHF, amount: 95_000_000n },
    });
    if (lot === undefined) throw new Error("the disaggregation emitted nothing");
    await carol.setAsk(addr.carol!, lot, Side.SIDE_CONSUMER, { pricePerMwh: 95_000_000n, denom: CHF });
    await alice.buySide(addr.alice!, { tokenId: lot, side: Side.SIDE_CONSUMER, maxPricePerMwh: 95_000_000n, denom: CHF, meterId: LOAD });

    server = await serveUiFor(chain, "ui-trace-e2e");
    ({ browser, page } = await openPage(log));
    await page.goto(`${server.url}#/delivery`);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail" && page !== undefined) await shot(`failed-trace-${context.task.name.slice(0, 40).replace(/\W+/g, "-")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const c of clients) c.disconnect();
    reader?.disconnect();
    await chain?.stop();
  });

  it("traces alice's lot back through carol to bob's two plants, as the client helper does", async () => {
    // The lot is 3,000 Wh of carol's 4,000 Wh product (3,000 from Zurich, 1,000 from Bern) over two
    // periods: 6 kWh, and 375 g of the product's 500 g. Zurich 4.5 kWh and 281.25 g, Bern 1.5 kWh
    // and 93.75 g: largest remainder gives the gram left to Bern's .75.
    const whole = await reader.query.energy.traceability(addr.alice!, period, period + 1n);
    expect(whole).toEqual({
      consumedWh: 6_000n,
      co2Grams: 375n,
      consumedTokens: 1n,
      pages: 1,
      origins: [
        { category: SOLAR, originShard: chain.chainId, area: "CH-BE", balancing: false, wh: 1_500n, co2Grams: 94n },
        { category: SOLAR, originShard: chain.chainId, area: "CH-ZH", balancing: false, wh: 4_500n, co2Grams: 281n },
      ],
      intermediaries: [{ address: addr.carol!, emitted: true, splitOrMerged: false, resold: true }],
    });

    // The gridd CLI (autocli) shows the same.
    const { stdout } = await promisify(execFile)(chain.spec.binary, [
      "query", "energy", "traceability", addr.alice!, period.toString(), (period + 1n).toString(), "--output", "json", "--node", chain.rpc,
    ]);
    expect(JSON.parse(stdout)).toMatchObject({
      consumed_wh: "6000",
      co2_grams: "375",
      origins: [
        { category: "ENERGY_CATEGORY_SOLAR", origin_shard: chain.chainId, area: "CH-BE", wh: "1500", co2_grams: "94" },
        { category: "ENERGY_CATEGORY_SOLAR", origin_shard: chain.chainId, area: "CH-ZH", wh: "4500", co2_grams: "281" },
      ],
      intermediaries: [{ address: addr.carol, emitted: true, resold: true }],
    });

    await page.locator("#account").selectOption("demo:alice");
    await expect.poll(() => page.getByTestId("account").getAttribute("data-address").catch(() => null), { timeout: 20_000 }).toBe(addr.alice);
    const panel = page.getByTestId("origin-panel");
    await panel.getByRole("heading", { name: "Origin of your energy" }).waitFor({ timeout: 20_000 });
    // The default range (as far around now as one query goes) holds the whole delivery.
    await expect.poll(() => page.getByTestId("origin-summary").textContent().catch(() => null), { timeout: 30_000 }).toBe(
      "6 kWh consumed from 2 origins · 375 g CO₂ (62.5 g/kWh)",
    );
    expect(await cells(0)).toEqual(["Solar", chain.chainId, "CH-BE", "1.5 kWh", "25.0 %", "94 g", "62.7 g/kWh"]);
    expect(await cells(1)).toEqual(["Solar", chain.chainId, "CH-ZH", "4.5 kWh", "75.0 %", "281 g", "62.4 g/kWh"]);
    expect(await page.getByTestId("total-wh").textContent()).toBe("6 kWh");
    expect(await page.getByTestId("total-co2").textContent()).toBe("375 g");
    expect(await page.getByTestId(`intermediary-${addr.carol!}`).textContent()).toBe("Carol Retail AG aggregated or disaggregated, resold");
    // Only the coarse area reaches the screen: no meter, grid node or household.
    const text = (await panel.textContent()) ?? "";
    for (const hidden of [PV_ZH, PV_BE, LOAD, "node-7"]) expect(text).not.toContain(hidden);
    // The chart draws one bar per category.
    expect(await panel.locator(".recharts-bar-rectangle").count()).toBe(1);
    expect(await panel.getByRole("img").getAttribute("aria-label")).toBe("Energy by category: Solar 6 kWh");
    await shot("origin-alice");
    await mkdir(DOCS, { recursive: true });
    await panel.screenshot({ path: join(ARTIFACTS, "origin.png") });
    await copyFile(join(ARTIFACTS, "origin.png"), join(DOCS, "origin.png"));

    // The second period alone: 3 kWh and 187.5 g, rounded half up to 188; both origins' grams
    // (140.625 and 46.875) are rounded up to make it.
    await setRange(period + 1n, period + 1n);
    await expect.poll(() => page.getByTestId("origin-summary").textContent(), { timeout: 20_000 }).toBe("3 kWh consumed from 2 origins · 188 g CO₂ (62.7 g/kWh)");
    expect(await cells(0)).toEqual(["Solar", chain.chainId, "CH-BE", "750 Wh", "25.0 %", "47 g", "62.7 g/kWh"]);
    expect(await cells(1)).toEqual(["Solar", chain.chainId, "CH-ZH", "2.25 kWh", "75.0 %", "141 g", "62.7 g/kWh"]);
    const one = await reader.query.energy.traceability(addr.alice!, period + 1n, period + 1n);
    expect([one.consumedWh, one.co2Grams, one.origins.map((o) => [o.wh, o.co2Grams])]).toEqual([3_000n, 188n, [[750n, 47n], [2_250n, 141n]]]);

    // Before the delivery: nothing; a range backwards: said before asking.
    await setRange(period - 20n, period - 1n);
    await page.getByText("No energy consumed in these periods").waitFor({ timeout: 20_000 });
    await setRange(period + 1n, period);
    expect(await page.getByTestId("origin-problem").textContent()).toContain("swap them");

    // Bob consumed none of it; carol passed everything on.
    for (const who of ["bob", "carol"]) expect((await reader.query.energy.traceability(addr[who]!, period, period + 1n)).consumedWh).toBe(0n);
  });

  it("shows the same origin once the periods are delivered, and fits a phone", async () => {
    while ((await blockTime()) < (period + 2n) * PERIOD_SECONDS) await new Promise((r) => setTimeout(r, 500));
    const phase = await reader.query.energy.periodPhase(period + 1n);
    expect(phase.phase).toBe(TokenPhase.TOKEN_PHASE_DELIVERED);
    await page.reload();
    await expect.poll(() => page.getByTestId("account").getAttribute("data-address").catch(() => null), { timeout: 20_000 }).toBe(addr.alice);
    // The default range, around now, reaches back over the delivered periods.
    await expect.poll(() => page.getByTestId("origin-summary").textContent().catch(() => null), { timeout: 30_000 }).toBe(
      "6 kWh consumed from 2 origins · 375 g CO₂ (62.5 g/kWh)",
    );
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(1_000);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await shot("origin-alice-phone");
    expect(overflow, "the Delivery view with the origin panel is wider than a 390 px phone").toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 240_000);
});
