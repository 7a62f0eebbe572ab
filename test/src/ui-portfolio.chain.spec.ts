/**
 * The web UI's Portfolio in Chromium against a gridd node: bob splits his unoffered token by
 * energy and sees both parts, then merges them back; alice buys bob's offered side and sees her
 * net position per period against her limit; bob cancels that token jointly: he signs first and
 * the UI gives him the partly signed transaction, alice (the second demo account, in the same
 * browser) pastes it, reads what it does, co-signs and broadcasts it, and the token is cancelled
 * on the chain. Screenshots go to test/artifacts/ui/.
 */
import { join } from "node:path";
import { periodStart, Side, TokenStatus } from "@gridledger/client";
import { ensureUiBuild, startTestChain, type TestChain, type UiServer } from "@gridledger/relayer";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, openPage, requireChromium, serveUiFor, ZONE } from "./support/browser.js";
import { CHF, seedMarket, type SeededMarket } from "./support/market.js";

const log = (m: string) => process.stderr.write(`[ui-portfolio e2e] ${m}\n`);
const C = Side.SIDE_CONSUMER;
const P = Side.SIDE_PRODUCER;

describe("the Portfolio view in Chromium against a gridd node", () => {
  let chain: TestChain;
  let market: SeededMarket;
  let server: UiServer;
  let browser: Browser;
  let page: Page;
  let parts: bigint[] = [];

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const row = (token: bigint, side: Side) => page.getByTestId(`side-${token.toString()}-${side}`);
  const token = async (id: bigint) => (await market.client("bob")).query.energy.token(id);

  async function actAs(name: string): Promise<void> {
    await page.locator("#account").selectOption(`demo:${name}`);
    await expect.poll(() => page.getByTestId("account").getAttribute("data-address").catch(() => null), { timeout: 20_000 }).toBe(market.address(name));
  }

  beforeAll(async () => {
    await requireChromium();
    const [started] = await Promise.all([startTestChain({ name: "ui-portfolio" }), ensureUiBuild(log)]);
    chain = started;
    market = await seedMarket(chain);
    server = await serveUiFor(chain, "ui-portfolio-e2e");
    ({ browser, page } = await openPage(log));
    await page.goto(server.url);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail" && page !== undefined) await shot(`portfolio-failed-${context.task.name.slice(0, 40).replace(/\W+/g, "-")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    market?.close();
    await chain?.stop();
  });

  it("lets bob split his token by energy after a preview of the parts, and shows both parts", async () => {
    await actAs("bob");
    await page.getByRole("link", { name: "Portfolio" }).click();
    await row(market.unoffered, C).waitFor({ timeout: 30_000 });
    await row(market.unoffered, C).getByRole("button", { name: `Split token #${market.unoffered.toString()}` }).click();
    const form = page.getByTestId("split-form");
    await form.waitFor({ timeout: 10_000 });
    await form.getByLabel("Part 1, kWh per period").fill("100");
    await form.getByLabel("Part 2, kWh per period").fill("100");
    // Parts that do not add up are refused before anything is signed.
    expect(await form.getByRole("alert").textContent()).toBe("The parts add up to 200 kWh per period; the token has 250 kWh: add 50 kWh.");
    expect(await page.getByTestId("confirm-split").isDisabled()).toBe(true);
    await form.getByLabel("Part 2, kWh per period").fill("150");
    const preview = (await page.getByTestId("split-parts").textContent()) ?? "";
    expect(preview).toContain("100 kWh per period");
    expect(preview).toContain("150 kWh per period");
    await page.screenshot({ path: join(ARTIFACTS, "portfolio-split.png") });
    await page.getByTestId("confirm-split").click();
    const done = page.getByTestId("split-done");
    await done.waitFor({ timeout: 30_000 });
    parts = [...((await done.textContent()) ?? "").matchAll(/#(\d+)/g)].slice(1).map((m) => BigInt(m[1] ?? "0"));
    expect(parts).toHaveLength(2);
    await page.getByRole("button", { name: "Close" }).click();

    for (const id of parts) await row(id, C).waitFor({ timeout: 20_000 });
    await row(market.unoffered, C).waitFor({ state: "detached", timeout: 20_000 });
    expect(await row(parts[0] ?? 0n, C).textContent()).toContain("100 kWh per period");
    expect(await row(parts[1] ?? 0n, P).textContent()).toContain("150 kWh per period");
    const [original, first, second] = await Promise.all([token(market.unoffered), token(parts[0] ?? 0n), token(parts[1] ?? 0n)]);
    expect(original.status).toBe(TokenStatus.TOKEN_STATUS_RETIRED);
    expect([first.whPerPeriod, second.whPerPeriod]).toEqual([100_000n, 150_000n]);
    expect(first.producer?.owner).toBe(market.address("bob"));
  });

  it("lets bob select both parts and merge them back into one token", async () => {
    const [a = 0n, b = 0n] = parts;
    await row(a, C).getByRole("checkbox").check();
    await row(b, C).getByRole("checkbox").check();
    expect(await page.getByTestId("selected-count").textContent()).toBe("2 sides selected");
    await page.getByTestId("combine").click();
    const form = page.getByTestId("combine-form");
    await form.waitFor({ timeout: 10_000 });
    expect(await form.getByLabel(/Merge them into one token/).isChecked()).toBe(true);
    expect(await page.getByTestId("combine-result").textContent()).toContain("250 kWh per period");
    await page.getByTestId("confirm-combine").click();
    const done = page.getByTestId("combine-done");
    await done.waitFor({ timeout: 30_000 });
    const merged = BigInt(/#(\d+)/.exec((await done.textContent()) ?? "")?.[1] ?? "0");
    await page.getByRole("button", { name: "Close" }).click();
    await row(merged, C).waitFor({ timeout: 20_000 });
    await row(a, C).waitFor({ state: "detached", timeout: 20_000 });
    const t = await token(merged);
    expect(t.whPerPeriod).toBe(250_000n);
    expect(t.parents).toEqual([a, b]);
    expect(await page.getByTestId("selected-count").textContent()).toBe("0 sides selected");
  });

  it("shows alice's net position per period against her limit once she bought bob's offer", async () => {
    const alice = await market.client("alice");
    await alice.buySide(market.address("alice"), { tokenId: market.offered, side: C, maxPricePerMwh: 85_000_000n, denom: CHF });
    await actAs("alice");
    await row(market.offered, C).waitFor({ timeout: 30_000 });
    // The chart shows the local day of her first delivery: the token's four periods, unless they cross midnight in Zurich.
    const day = (period: bigint) => new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(periodStart(period));
    const onDay = [0n, 1n, 2n, 3n].filter((i) => day(market.p0 + i) === day(market.p0)).length;
    await expect
      .poll(() => page.getByTestId("position-summary").textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^Open position in ${onDay} periods? on .+, at most \\+250 kWh net consumption \\(25 % of the limit\\); your limit of ±1 MWh, none beyond it\\.$`));
    // Zero, +limit and −limit are drawn, and the figures list the open periods.
    await page.locator(".recharts-reference-line").nth(2).waitFor({ state: "attached", timeout: 10_000 });
    expect(await page.locator(".recharts-reference-line").count()).toBe(3);
    expect(await page.getByTestId("position-figures").locator("tbody tr").count()).toBe(onDay);
    expect(await page.getByTestId("position-figures").locator("tbody tr").first().textContent()).toContain("+250 kWh");
    await shot("portfolio");
    // On a phone the sides become cards and the chart keeps its place.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("position-summary").scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot("portfolio-phone");
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("cancels the token jointly: bob signs first, alice reads, co-signs and broadcasts it, and the token is gone", async () => {
    await actAs("bob");
    await row(market.offered, P).waitFor({ timeout: 30_000 });
    // Bob delivers what alice takes; his limit of 10 MWh would flatten that to nothing, so the axis follows the position.
    await expect.poll(() => page.getByTestId("position-summary").textContent(), { timeout: 30_000 }).toContain("at most −250 kWh net delivery");
    expect(await page.getByTestId("position-chart").locator(".legend").textContent()).toContain("your limit of ±10 MWh lies far above this scale");
    await row(market.offered, P).getByRole("button", { name: `Cancel token #${market.offered.toString()}` }).click();
    const form = page.getByTestId("cancel-form");
    await form.waitFor({ timeout: 10_000 });
    // No cancellation fee was agreed: cancelling alone is not possible, jointly is preselected.
    expect(await form.getByLabel(/Alone, paying the agreed cancellation fee/).isDisabled()).toBe(true);
    expect(await form.getByLabel(/Jointly with Alice Energy Retail, without a fee/).isChecked()).toBe(true);
    expect(await page.getByTestId("cancel-effect").textContent()).toContain("moves by +250 kWh in each of its 4 periods");
    await page.getByTestId("confirm-cancel").click();
    const handOver = page.getByTestId("joint-tx-text");
    await handOver.waitFor({ timeout: 30_000 });
    const text = await handOver.inputValue();
    expect(text).toMatch(/^gridledger-joint-tx-v1:/);
    await page.screenshot({ path: join(ARTIFACTS, "portfolio-joint-prepared.png") });
    await page.getByRole("button", { name: "Close" }).click();
    expect((await token(market.offered)).status).toBe(TokenStatus.TOKEN_STATUS_ACTIVE);

    await actAs("alice");
    const cosign = page.getByTestId("cosign");
    // Prepared in this browser for alice: it waits in her portfolio; she pastes the text she was handed.
    await cosign.getByTestId("cosign-waiting").waitFor({ timeout: 20_000 });
    await cosign.getByTestId("cosign-text").fill(text);
    await cosign.getByRole("button", { name: "Read it" }).click();
    const review = page.getByTestId("cosign-review");
    await review.waitFor({ timeout: 30_000 });
    expect(await review.textContent()).toContain(
      `Cancel token #${market.offered.toString()} without a fee: Bob Solar AG gives up its producer side and Alice Energy Retail its consumer side`,
    );
    expect(await page.getByTestId("cosign-signers").textContent()).toBe("Bob Solar AG: signedAlice Energy Retail (you): not signed yet");
    await cosign.screenshot({ path: join(ARTIFACTS, "portfolio-cosign.png") });
    await page.getByTestId("cosign-confirm").click();
    await page.getByTestId("cosign-done").waitFor({ timeout: 30_000 });

    expect((await token(market.offered)).status).toBe(TokenStatus.TOKEN_STATUS_CANCELLED);
    await row(market.offered, C).waitFor({ state: "detached", timeout: 20_000 });
    await expect.poll(() => page.getByTestId("position-summary").textContent(), { timeout: 30_000 }).toMatch(/^No open position on .+: every period is balanced; your limit of ±1 MWh\.$/);
  });

  it("refuses a damaged transaction with a sentence", async () => {
    const cosign = page.getByTestId("cosign");
    await cosign.getByTestId("cosign-text").fill("gridledger-joint-tx-v1:eyJjaGFpbklkIjoi");
    await cosign.getByRole("button", { name: "Read it" }).click();
    await expect.poll(() => cosign.locator(".error-note").textContent(), { timeout: 10_000 }).toBe(
      "The pasted transaction is incomplete or damaged: ask the other owner to copy it again, in full.",
    );
  });
});
