/**
 * The web UI in a real browser (Debian's Chromium driven by playwright-core) against a real gridd
 * node: the built app served as `npm start` serves it, with the network description and demo
 * accounts gridnet would give it. Bob sees his offer and offers a second token from his
 * portfolio; alice buys the first after the confirmation, and the market's chart and her
 * portfolio show the trade; a purchase the chain refuses shows its sentence. Screenshots go to
 * test/artifacts/ui/.
 */
import { join } from "node:path";
import { periodStart, Side } from "@gridledger/client";
import { ensureUiBuild, startTestChain, type TestChain, type UiServer } from "@gridledger/relayer";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, openPage, requireChromium, serveUiFor, ZONE } from "./support/browser.js";
import { CHF, seedMarket, type SeededMarket } from "./support/market.js";

const log = (m: string) => process.stderr.write(`[ui e2e] ${m}\n`);

describe("the web UI in Chromium against a gridd node", () => {
  let chain: TestChain;
  let market: SeededMarket;
  let server: UiServer;
  let browser: Browser;
  let page: Page;

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const offerRow = (token: bigint, side = Side.SIDE_CONSUMER) => page.getByTestId(`offer-${token.toString()}-${side}`);

  /** actAs chooses a demo account in the header and waits until it is connected. */
  async function actAs(name: string): Promise<void> {
    await page.locator("#account").selectOption(`demo:${name}`);
    await expect.poll(() => page.getByTestId("account").getAttribute("data-address").catch(() => null), { timeout: 20_000 }).toBe(market.address(name));
  }

  beforeAll(async () => {
    await requireChromium();
    const [started] = await Promise.all([startTestChain({ name: "ui" }), ensureUiBuild(log)]);
    chain = started;
    market = await seedMarket(chain);
    server = await serveUiFor(chain, "ui-e2e");
    ({ browser, page } = await openPage(log));
    await page.goto(server.url);
  });

  // What the page showed when a test failed, next to the other screenshots.
  afterEach(async (context) => {
    if (context.task.result?.state === "fail" && page !== undefined) await shot(`failed-${context.task.name.slice(0, 40).replace(/\W+/g, "-")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    market?.close();
    await chain?.stop();
  });

  it("follows the chain live and lists bob's offer, which he cannot buy himself", async () => {
    await expect.poll(() => page.getByTestId("live").textContent(), { timeout: 30_000 }).toMatch(/block [\d,]+ · live/);
    const height = Number(((await page.getByTestId("live").textContent()) ?? "").replace(/\D/g, ""));
    await expect.poll(async () => Number(((await page.getByTestId("live").textContent()) ?? "").replace(/\D/g, "")), { timeout: 20_000 }).toBeGreaterThan(height);

    await actAs("bob");
    expect(await page.getByTestId("account").getByText("TEST KEY", { exact: true }).isVisible()).toBe(true);
    const row = offerRow(market.offered);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain("CHF 85.00/MWh");
    expect(await row.textContent()).toContain("1 MWh");
    expect(await row.getByRole("button", { name: "Yours" }).isDisabled()).toBe(true);
  });

  it("lets bob offer his second token's consumer side from the portfolio", async () => {
    await page.getByRole("link", { name: "Portfolio" }).click();
    const side = page.getByTestId(`side-${market.unoffered.toString()}-${Side.SIDE_CONSUMER}`);
    await side.waitFor({ timeout: 20_000 });
    expect(await side.getByTestId("ask-state").textContent()).toBe("not for sale");
    await side.getByRole("button", { name: "Offer…" }).click();
    await side.getByLabel("Price per MWh").fill("92.50");
    await side.getByRole("button", { name: "Offer", exact: true }).click();
    await expect.poll(() => side.getByTestId("ask-state").textContent(), { timeout: 30_000 }).toBe("for sale at CHF 92.50/MWh");
    await shot("portfolio-bob");
    expect((await market.client("bob").then((c) => c.query.energy.token(market.unoffered))).consumer?.ask).toMatchObject({ forSale: true, pricePerMwh: 92_500_000n, denom: CHF });
  });

  it("lets alice buy bob's offer after a confirmation of price, fee and position; the chart and her portfolio show it", async () => {
    await page.getByRole("link", { name: "Market" }).click();
    await actAs("alice");
    await offerRow(market.unoffered).waitFor({ timeout: 30_000 });
    await shot("market-before");
    await offerRow(market.offered).getByRole("button", { name: "Buy" }).click();
    const confirmation = page.getByTestId("buy-confirmation");
    await confirmation.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("buy-price").textContent()).toBe("CHF 85.00/MWh × 1 MWh = CHF 85.00");
    expect(await page.getByTestId("buy-fee").textContent()).toContain("CHF 0.0425");
    expect(await page.getByTestId("buy-total").textContent()).toBe("CHF 85.0425");
    expect(await page.getByTestId("buy-account").textContent()).toBe("CHF 600.00 available → CHF 514.9575 after");
    expect(await page.getByTestId("buy-position").textContent()).toContain("0 Wh → +250 kWh in each of the 4 periods");
    await page.screenshot({ path: join(ARTIFACTS, "buy-confirmation.png") });
    await page.getByTestId("confirm-buy").click();
    await page.getByTestId("buy-done").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("buy-done").textContent()).toContain("Paid CHF 85.00 to Bob Solar AG");
    await page.getByRole("button", { name: "Close" }).click();

    await offerRow(market.offered).waitFor({ state: "detached", timeout: 20_000 });
    // The chart shows the local day the token starts on: all four periods, unless they cross
    // midnight in Zurich. Its reads refresh every fifth block.
    const day = (period: bigint) => new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(periodStart(period));
    const onDay = [0n, 1n, 2n, 3n].filter((i) => day(market.p0 + i) === day(market.p0)).length;
    const traded = onDay === 4 ? "1 MWh" : `${onDay * 250} kWh`;
    await expect.poll(() => page.getByTestId("price-summary").textContent(), { timeout: 30_000 }).toContain(
      `CHF 85.00/MWh on average, ${traded} traded in ${onDay} period${onDay === 1 ? "" : "s"}`,
    );
    // The line and one bar per traded period are drawn (SVG groups have no box: attached, not visible).
    await page.locator(".recharts-line-curve").first().waitFor({ state: "attached", timeout: 10_000 });
    expect(await page.locator(".recharts-bar-rectangle").count()).toBe(onDay);
    await shot("market-after");

    const token = await market.client("alice").then((c) => c.query.energy.token(market.offered));
    expect(token.consumer?.owner).toBe(market.address("alice"));

    await page.getByRole("link", { name: "Portfolio" }).click();
    await page.getByTestId(`side-${market.offered.toString()}-${Side.SIDE_CONSUMER}`).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId(`settlement-${CHF}`).textContent(), { timeout: 20_000 }).toBe("CHF 514.9575");
    await shot("portfolio-alice");
  });

  it("shows the chain's refusal as a sentence: the offer was withdrawn while alice looked at it", async () => {
    await page.getByRole("link", { name: "Market" }).click();
    await offerRow(market.unoffered).getByRole("button", { name: "Buy" }).click();
    await page.getByTestId("buy-confirmation").waitFor({ timeout: 20_000 });
    const bob = await market.client("bob");
    await bob.setAsk(market.address("bob"), market.unoffered, Side.SIDE_CONSUMER, null);
    await page.getByTestId("confirm-buy").click();
    const refusal = page.locator(".dialog .error-note");
    await refusal.waitFor({ timeout: 30_000 });
    expect(await refusal.textContent()).toBe("Not bought. This side is not offered (its price is void); wait until its owner sets an ask.");
    await page.screenshot({ path: join(ARTIFACTS, "buy-refused.png") });
    await page.getByRole("button", { name: "Cancel" }).click();
    await offerRow(market.unoffered).waitFor({ state: "detached", timeout: 20_000 });
  });

  it("shows the test chain in the Network view from its RPC when the page has no gridnet status: its height rising, its validator signing", async () => {
    await page.getByRole("link", { name: "Network" }).click();
    const section = page.getByRole("region", { name: "Chain local-test" });
    await section.waitFor({ timeout: 20_000 });
    expect(await page.getByText(/not served by gridnet/).isVisible()).toBe(true);
    const height = async () => Number(((await section.locator(".height").textContent()) ?? "").replace(/\D/g, ""));
    await expect.poll(height, { timeout: 20_000 }).toBeGreaterThan(1);
    const first = await height();
    await expect.poll(height, { timeout: 20_000 }).toBeGreaterThan(first);
    await expect.poll(() => section.getAttribute("data-health"), { timeout: 20_000 }).toBe("advancing");
    expect(await section.textContent()).toContain("1 of 1 signed the last block");
    // Links and the relayer are gridnet's to tell.
    expect(await page.getByRole("region", { name: "Relayer" }).count()).toBe(0);
  });
});
