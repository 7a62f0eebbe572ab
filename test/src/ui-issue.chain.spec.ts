/**
 * The Issue view in Chromium against a gridd node: it says what is missing for an account that
 * cannot issue (none chosen, not admitted, no meters); bob (a solar producer and trader, seeded by
 * support/market.ts) finds his meters, the next open period and his currency filled in; a value
 * the chain would refuse is refused in the form with its sentence and nothing is signed; he
 * issues a token through the form after a preview of the message, offers its consumer side from
 * his portfolio, and alice buys that token on the market. Screenshots go to test/artifacts/ui/
 * (issue-*.png; issue.png is the preview, the one docs/ui/issue.png was copied from).
 */
import { join } from "node:path";
import { admitParticipantMsg, Role, Side, TokenPhase, TokenStatus } from "@gridledger/client";
import { ensureUiBuild, startTestChain, type TestChain, type UiServer } from "@gridledger/relayer";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, openPage, requireChromium, serveUiFor } from "./support/browser.js";
import { CHF, seedMarket, type SeededMarket } from "./support/market.js";

const log = (m: string) => process.stderr.write(`[ui issue e2e] ${m}\n`);

describe("the Issue view in Chromium against a gridd node", () => {
  let chain: TestChain;
  let market: SeededMarket;
  let server: UiServer;
  let browser: Browser;
  let page: Page;
  let issued = 0n;

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const field = (label: string) => page.getByLabel(label, { exact: true });

  async function actAs(name: string): Promise<void> {
    await page.locator("#account").selectOption(`demo:${name}`);
    await expect.poll(() => page.getByTestId("account").getAttribute("data-address").catch(() => null), { timeout: 20_000 }).toBe(market.address(name));
  }

  /** bobsTokens lists the tokens bob holds a side of, read from the chain. */
  async function bobsTokens(): Promise<bigint[]> {
    const bob = await market.client("bob");
    return (await bob.query.energy.tokensByOwner(market.address("bob"))).tokens.map((t) => t.id);
  }

  beforeAll(async () => {
    await requireChromium();
    const [started] = await Promise.all([startTestChain({ name: "uiissue" }), ensureUiBuild(log)]);
    chain = started;
    market = await seedMarket(chain);
    server = await serveUiFor(chain, "ui-issue-e2e");
    ({ browser, page } = await openPage(log));
    await page.goto(`${server.url}#/issue`);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail" && page !== undefined) await shot(`failed-issue-${context.task.name.slice(0, 40).replace(/\W+/g, "-")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    market?.close();
    await chain?.stop();
  });

  it("says what is missing: an account, its admission, its meters", async () => {
    await page.getByText("No account chosen").waitFor({ timeout: 30_000 });
    await actAs("carol");
    await page.getByText("Not admitted", { exact: true }).waitFor({ timeout: 20_000 });
    // The operator admits carol as a consumer without a meter: the view follows the chain.
    const operator = await market.client("operator");
    await operator.submit(market.address("operator"), [
      admitParticipantMsg(market.address("operator"), {
        address: market.address("carol"),
        legalId: "12X-CAROL-HOME01",
        displayName: "Carol Household",
        roles: [Role.ROLE_CONSUMER],
        positionLimitWh: 100_000,
        tradedCategories: [],
      }),
    ]);
    await page.getByText("No meters", { exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.locator(".issue .empty").textContent()).toContain("Carol Household has none on local-test");
    expect(await page.locator(".issue-form").count()).toBe(0);
  });

  it("fills in bob's meters, the next open period and his currency", async () => {
    await actAs("bob");
    await field("Energy per period").waitFor({ timeout: 30_000 });
    expect(await field("Producer side at").inputValue()).toBe("bob-pv-1");
    expect(await field("Consumer side at").inputValue()).toBe(`virtual:${market.address("bob")}:solar`);
    expect(await page.getByTestId("issue-category").textContent()).toBe("Solar");
    expect(await field("Currency").locator("option:checked").textContent()).toBe("CHF");
    // The first period offered is one whose gate is open by the chain's clock (gate closure 900 s).
    const bob = await market.client("bob");
    const phase = await bob.query.energy.periodPhase(BigInt(await field("First period (your time)").inputValue()));
    expect(phase.phase).toBe(TokenPhase.TOKEN_PHASE_OPEN);
    expect(await field("First period (your time)").locator("option:checked").textContent()).toMatch(/^\w{3} \d{1,2} \w{3}, \d\d:\d\d–\d\d:\d\d · period [\d,]+$/);
  });

  it("refuses a value the chain would refuse with its sentence, before anything is signed", async () => {
    const before = await bobsTokens();
    await field("Energy per period").fill("0");
    expect(await page.getByTestId("error-energy").textContent()).toBe("The energy per period must be more than 0: a token delivers something.");
    await field("Face value per MWh").fill("12000");
    expect(await page.getByTestId("error-faceValue").textContent()).toBe(
      "The face value is outside the price band of −9,999.00 to 9,999.00 CHF/MWh: quote a price within it, or ask the grid operator to change the band.",
    );
    await page.getByRole("button", { name: "Preview" }).click();
    // No preview, no signature: the form stays, the first bad field has the focus.
    expect(await page.getByTestId("issue-preview").count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-invalid"))).toBe("true");
    await shot("issue-refused");
    // On a phone-sized screen the form wraps: nothing wider than the screen, the sentence still next to its field.
    await page.setViewportSize({ width: 390, height: 844 });
    // (The header's menu is the app's, not this view's: measured is the view itself.)
    const view = await page.evaluate(() => {
      const form = document.querySelector(".issue-form");
      return { right: form?.getBoundingClientRect().right ?? Infinity, overflow: (form?.scrollWidth ?? 0) - (form?.clientWidth ?? 0) };
    });
    expect(view.right).toBeLessThanOrEqual(390);
    expect(view.overflow).toBe(0);
    expect(await page.getByTestId("error-energy").isVisible()).toBe(true);
    await shot("issue-phone");
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await bobsTokens()).toEqual(before);
  });

  it("lets bob issue a token through the form after a preview of the message he signs", async () => {
    await field("Energy per period").fill("0.3");
    await field("Energy unit").selectOption("MWh");
    await field("Face value per MWh").fill("80");
    expect(await page.getByTestId("error-energy").count()).toBe(0);
    expect(await page.getByTestId("issue-total").textContent()).toBe("300 kWh per period, 1.2 MWh in all");
    expect(await page.getByTestId("issue-window").textContent()).toMatch(/ · 4 × 15 min$/);
    await shot("issue-form");
    await page.getByRole("button", { name: "Preview" }).click();
    const message = page.getByTestId("issue-message");
    await message.waitFor({ timeout: 10_000 });
    const text = (await message.textContent()) ?? "";
    expect(text).toContain('"typeUrl": "/gridledger.energy.v1.MsgIssueToken"');
    expect(text).toContain(`"issuer": "${market.address("bob")}"`);
    expect(text).toContain('"whPerPeriod": "300000",  // 300 kWh per period, 1.2 MWh in 4 periods');
    expect(text).toContain('"amount": "80000000",  // CHF 80.00/MWh');
    const summary = (await page.getByTestId("issue-summary").textContent()) ?? "";
    expect(summary).toContain("300 kWh per period, 1.2 MWh in all");
    expect(summary).toContain("CHF 80.00/MWh, CHF 96.00 for the token");
    expect(summary).toContain("at bob-pv-1 (production, solar), not offered");
    await shot("issue-preview");
    await page.getByTestId("issue-preview").screenshot({ path: join(ARTIFACTS, "issue.png") });
    const first = BigInt(/"firstPeriod": "(\d+)"/.exec(text)?.[1] ?? "0");

    await page.getByTestId("sign-issue").click();
    const done = page.getByTestId("issue-done");
    await done.waitFor({ timeout: 30_000 });
    const id = /Token #(\d+) is yours/.exec((await done.textContent()) ?? "")?.[1];
    expect(id).toBeDefined();
    issued = BigInt(id ?? "0");
    await shot("issue-done");

    const token = await market.client("bob").then((c) => c.query.energy.token(issued));
    expect(token).toMatchObject({ issuer: market.address("bob"), firstPeriod: first, lastPeriod: first + 3n, whPerPeriod: 300_000n, status: TokenStatus.TOKEN_STATUS_ACTIVE });
    expect(token.faceValuePerMwh).toEqual({ denom: CHF, amount: "80000000" });
    expect(token.producer).toMatchObject({ owner: market.address("bob"), meterId: "bob-pv-1" });
    expect(token.consumer?.owner).toBe(market.address("bob"));
    expect(token.consumer?.ask?.forSale).toBe(false);
  });

  it("leads bob to his portfolio, where he offers the new token's consumer side", async () => {
    await page.getByTestId("issue-portfolio").click();
    const consumer = page.getByTestId(`side-${issued.toString()}-${Side.SIDE_CONSUMER}`);
    await consumer.waitFor({ timeout: 20_000 });
    await page.getByTestId(`side-${issued.toString()}-${Side.SIDE_PRODUCER}`).waitFor({ timeout: 5_000 });
    expect(await consumer.getByTestId("ask-state").textContent()).toBe("not for sale");
    await consumer.getByRole("button", { name: "Offer…" }).click();
    await consumer.getByLabel("Price per MWh").fill("85");
    await consumer.getByRole("button", { name: "Offer", exact: true }).click();
    await expect.poll(() => consumer.getByTestId("ask-state").textContent(), { timeout: 30_000 }).toBe("for sale at CHF 85.00/MWh");
  });

  it("lets alice buy the token bob issued on the market", async () => {
    await page.getByRole("link", { name: "Market" }).click();
    await actAs("alice");
    const row = page.getByTestId(`offer-${issued.toString()}-${Side.SIDE_CONSUMER}`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain("CHF 85.00/MWh");
    await row.getByRole("button", { name: "Buy" }).click();
    await page.getByTestId("buy-confirmation").waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("buy-price").textContent()).toBe("CHF 85.00/MWh × 1.2 MWh = CHF 102.00");
    await page.getByTestId("confirm-buy").click();
    await page.getByTestId("buy-done").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("buy-done").textContent()).toContain("Paid CHF 102.00 to Bob Solar AG");
    await page.getByRole("button", { name: "Close" }).click();
    const token = await market.client("alice").then((c) => c.query.energy.token(issued));
    expect(token.consumer?.owner).toBe(market.address("alice"));
    expect(token.producer?.owner).toBe(market.address("bob"));
  });
});
