/**
 * The web UI's Fiat view in Chromium against a real gridd node (the market of seedMarket: alice
 * holds CHF 400 in her wallet and CHF 600 in her settlement account). Alice deposits and withdraws
 * after the preview of amount, fee and balances; a withdrawal above the settlement account is
 * stopped before signing, and one the account no longer covers by the time she confirms (she paid
 * for energy meanwhile) is refused by the chain with its sentence; she redeems; the bank (the dev
 * chain's "bank" account, issuer of uchf.alpine) sees the request, marks it paid, and alice sees it
 * paid out. Every step is checked on the chain through @gridledger/client. Screenshots go to
 * test/artifacts/ui/.
 */
import { join } from "node:path";
import { type GridledgerClient, RedemptionStatus, Side } from "@gridledger/client";
import { ensureUiBuild, startTestChain, type TestChain, type UiServer } from "@gridledger/relayer";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, openPage, requireChromium, serveUiFor } from "./support/browser.js";
import { CHF, seedMarket, type SeededMarket } from "./support/market.js";

const log = (m: string) => process.stderr.write(`[ui fiat e2e] ${m}\n`);
const T = { timeout: 30_000 };

describe("the web UI's Fiat view in Chromium against a gridd node", () => {
  let chain: TestChain;
  let market: SeededMarket;
  let server: UiServer;
  let browser: Browser;
  let page: Page;
  let alice: GridledgerClient;
  let redemptionId: bigint;

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const money = (column: "wallet" | "settlement" | "locked" | "available") => page.getByTestId(`money-${CHF}`).getByTestId(column).textContent();
  const settlement = async () => BigInt((await alice.query.fiat.settlementAccount(market.address("alice"), CHF)).balance);
  const wallet = async () => BigInt((await alice.query.bank.balance(market.address("alice"), CHF)).amount);

  async function actAs(name: string): Promise<void> {
    await page.locator("#account").selectOption(`demo:${name}`);
    await expect.poll(() => page.getByTestId("account").getAttribute("data-address").catch(() => null), { timeout: 20_000 }).toBe(market.address(name));
  }

  /** fill types an amount into the form of `kind` and reviews it. */
  async function review(kind: string, amount: string): Promise<void> {
    const form = page.getByTestId(`${kind}-form`);
    await form.getByLabel(/^Amount to/).fill(amount);
    await form.getByRole("button", { name: /^Review/ }).click();
    await page.getByTestId(`${kind}-review`).waitFor(T);
  }

  beforeAll(async () => {
    await requireChromium();
    const [started] = await Promise.all([startTestChain({ name: "uifiat" }), ensureUiBuild(log)]);
    chain = started;
    market = await seedMarket(chain);
    alice = await market.client("alice");
    server = await serveUiFor(chain, "ui-fiat-e2e");
    ({ browser, page } = await openPage(log));
    await page.goto(`${server.url}#/fiat`);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail" && page !== undefined) await shot(`failed-fiat-${context.task.name.slice(0, 40).replace(/\W+/g, "-")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    market?.close();
    await chain?.stop();
  });

  it("shows alice's wallet and settlement account and lets her deposit after a preview of the amount, the fee and both balances", async () => {
    await actAs("alice");
    await expect.poll(() => money("settlement"), T).toBe("CHF 600.00");
    expect(await money("wallet")).toBe("CHF 400.00");
    expect(await money("locked")).toBe("CHF 0.00");
    expect(await page.getByTestId("banks").textContent()).toContain("5 basis points on market and settlement payments only");

    await page.getByTestId("deposit-form").getByLabel(/^Amount to deposit/).fill("50");
    expect(await page.getByTestId("deposit-fee").textContent()).toBe("CHF 0.00 (deposits are free: the bank charges 5 basis points on market and settlement payments only)");
    expect(await page.getByTestId("deposit-wallet").textContent()).toBe("CHF 400.00 → CHF 350.00");
    expect(await page.getByTestId("deposit-settlement-account").textContent()).toBe("CHF 600.00 → CHF 650.00");
    await page.getByRole("button", { name: "Review deposit" }).click();
    await page.getByTestId("deposit-review").waitFor(T);
    await page.screenshot({ path: join(ARTIFACTS, "fiat-deposit-review.png") });
    await page.getByRole("button", { name: "Confirm deposit" }).click();
    await expect.poll(() => page.getByTestId("deposit-done").textContent().catch(() => null), T).toBe("Deposited CHF 50.00 into your settlement account.");
    await expect.poll(() => money("settlement"), T).toBe("CHF 650.00");
    expect(await money("wallet")).toBe("CHF 350.00");
    expect(await settlement()).toBe(650_000_000n);
    expect(await wallet()).toBe(350_000_000n);
  });

  it("withdraws to the wallet", async () => {
    await page.getByRole("button", { name: "Withdraw", exact: true }).click();
    await review("withdraw", "120.25");
    expect(await page.getByTestId("withdraw-review").textContent()).toContain("CHF 650.00 → CHF 529.75");
    await page.getByRole("button", { name: "Confirm withdraw" }).click();
    await expect.poll(() => page.getByTestId("withdraw-done").textContent().catch(() => null), T).toBe("Withdrew CHF 120.25 to your wallet.");
    await expect.poll(() => money("settlement"), T).toBe("CHF 529.75");
    expect(await money("wallet")).toBe("CHF 470.25");
    expect(await settlement()).toBe(529_750_000n);
    expect(await wallet()).toBe(470_250_000n);
  });

  it("stops a withdrawal above the settlement account before signing, and shows the chain's refusal when the account no longer covers a reviewed one", async () => {
    const form = page.getByTestId("withdraw-form");
    await form.getByLabel(/^Amount to withdraw/).fill("600");
    expect(await form.getByRole("alert").textContent()).toBe("Your settlement account holds CHF 529.75: withdraw at most that.");
    expect(await form.getByRole("button", { name: "Review withdraw" }).isDisabled()).toBe(true);

    // Alice reviews CHF 500, then pays for bob's offer from the same account (CHF 85 and the
    // bank's CHF 0.0425) before she confirms: the reviewed withdrawal is no longer covered.
    await review("withdraw", "500");
    await alice.buySide(market.address("alice"), { tokenId: market.offered, side: Side.SIDE_CONSUMER, maxPricePerMwh: 85_000_000n, denom: CHF });
    expect(await settlement()).toBe(444_707_500n);
    await page.getByRole("button", { name: "Confirm withdraw" }).click();
    const refusal = form.locator(".error-note");
    await refusal.waitFor(T);
    expect(await refusal.textContent()).toBe("Not withdrawn. Your settlement account holds CHF 444.7075, less than the CHF 500.00 you asked to withdraw; withdraw at most CHF 444.7075.");
    await page.screenshot({ path: join(ARTIFACTS, "fiat-withdraw-refused.png") });
    expect(await settlement()).toBe(444_707_500n);
    expect(await wallet()).toBe(470_250_000n);
    await expect.poll(() => money("settlement"), T).toBe("CHF 444.7075");
  });

  it("redeems at the bank: the request is listed as pending", async () => {
    await page.getByRole("button", { name: "Redeem", exact: true }).click();
    const form = page.getByTestId("redeem-form");
    await form.getByLabel(/^Amount to redeem/).fill("70");
    await form.getByLabel("Payout reference at the bank").fill("PAYOUT-ALICE-1");
    expect(await page.getByTestId("redeem-wallet").textContent()).toBe("CHF 470.25 → CHF 400.25");
    expect(await page.getByTestId("redeem-fee").textContent()).toContain("CHF 0.00 (redemptions are free");
    await form.getByRole("button", { name: "Review redeem" }).click();
    await page.getByRole("button", { name: "Confirm redeem" }).click();
    const done = page.getByTestId("redeem-done");
    await done.waitFor(T);
    const text = (await done.textContent()) ?? "";
    const id = /redemption #(\d+)/.exec(text)?.[1];
    expect(text).toMatch(/^Redeemed CHF 70\.00: redemption #\d+ waits for the bank to pay it out to PAYOUT-ALICE-1\.$/);
    redemptionId = BigInt(id ?? "0");
    const row = page.getByTestId(`redemption-${redemptionId.toString()}`);
    await row.waitFor(T);
    expect(await row.getByTestId("state").textContent()).toBe("pending");
    expect(await row.textContent()).toContain("CHF 70.00");
    await expect.poll(() => money("wallet"), T).toBe("CHF 400.25");
    const r = await alice.query.fiat.redemption(redemptionId);
    expect(r).toMatchObject({ holder: market.address("alice"), amount: "70000000", payoutReference: "PAYOUT-ALICE-1", status: RedemptionStatus.REDEMPTION_STATUS_PENDING });
    expect(await wallet()).toBe(400_250_000n);
  });

  it("shows the bank its totals and the pending request, which it marks paid", async () => {
    await actAs("bank");
    const panel = page.getByTestId(`bank-${CHF}`);
    await panel.waitFor(T);
    // seedMarket attested CHF 1,000,000 and minted 1,000 to alice and 500 to bob; alice redeemed 70
    // and paid the bank 5 basis points of CHF 85.
    await expect.poll(() => panel.getByTestId("burned").textContent(), T).toBe("CHF 70.00");
    expect(await panel.getByTestId("reserve").textContent()).toContain("CHF 1,000,000.00");
    expect(await panel.getByTestId("minted").textContent()).toBe("CHF 1,500.00");
    expect(await panel.getByTestId("outstanding").textContent()).toContain("CHF 1,430.00");
    expect(await panel.getByTestId("headroom").textContent()).toBe("CHF 998,570.00");
    expect(await panel.getByTestId("fees").textContent()).toContain("CHF 0.0425");
    const pending = panel.getByTestId("pending-redemptions").getByTestId(`redemption-${redemptionId.toString()}`);
    await pending.waitFor(T);
    expect(await pending.textContent()).toContain("Alice Energy Retail");
    expect(await pending.textContent()).toContain("PAYOUT-ALICE-1");
    await shot("fiat-bank");
    await pending.getByRole("button", { name: `Mark redemption #${redemptionId.toString()} paid` }).click();
    await pending.getByRole("button", { name: `Confirm #${redemptionId.toString()} paid` }).click();
    await pending.waitFor({ state: "detached", timeout: 30_000 });
    const r = await alice.query.fiat.redemption(redemptionId);
    expect(r.status).toBe(RedemptionStatus.REDEMPTION_STATUS_PAID);
    expect(r.paidHeight).toBeGreaterThan(0n);
    await expect.poll(() => panel.textContent(), T).toContain("No pending redemptions");
    // The audit trail (read every fifth block) records the request and its payout.
    const audit = panel.getByTestId("audit");
    await audit.locator("summary").click();
    await expect.poll(() => audit.textContent(), T).toContain(`paid out #${redemptionId.toString()}`);
    expect(await audit.textContent()).toContain(`redemption requested #${redemptionId.toString()}`);
  });

  it("lets the bank attest a larger reserve and mint to bob against a deposit, within the reserve", async () => {
    const panel = page.getByTestId(`bank-${CHF}`);
    const attest = panel.getByTestId("attest-form");
    await attest.getByLabel(/^Reserve held/).fill("1000");
    expect(await attest.getByRole("alert").textContent()).toBe("The reserve may not fall below the CHF 1,430.00 outstanding: attest at least that.");
    await attest.getByLabel(/^Reserve held/).fill("2000000");
    await attest.getByLabel("Statement SHA-256").fill("cd".repeat(32));
    expect(await attest.getByTestId("attest-headroom").textContent()).toBe("CHF 1,998,570.00");
    await attest.getByRole("button", { name: "Review attestation" }).click();
    await attest.getByRole("button", { name: "Confirm attestation" }).click();
    await expect.poll(() => attest.getByTestId("attest-done").textContent().catch(() => null), T).toBe("Attested a reserve of CHF 2,000,000.00.");
    const bank = await alice.query.fiat.bank(CHF);
    expect(bank.reserve).toBe("2000000000000");
    expect(Buffer.from(bank.reserveStatementHash).toString("hex")).toBe("cd".repeat(32));

    const bobBefore = BigInt((await alice.query.bank.balance(market.address("bob"), CHF)).amount);
    const mint = panel.getByTestId("mint-form");
    await mint.getByLabel("Participant").selectOption({ label: "Bob Solar AG" });
    await mint.getByLabel(/^Amount/).fill("25");
    await mint.getByLabel("Deposit reference").fill("DEP-BOB-2");
    expect(await mint.getByTestId("mint-outstanding").textContent()).toBe("CHF 1,430.00 → CHF 1,455.00");
    await mint.getByRole("button", { name: "Review mint" }).click();
    await mint.getByRole("button", { name: "Confirm mint" }).click();
    await expect.poll(() => mint.getByTestId("mint-done").textContent().catch(() => null), T).toBe("Minted CHF 25.00 to Bob Solar AG against deposit DEP-BOB-2.");
    expect(BigInt((await alice.query.bank.balance(market.address("bob"), CHF)).amount)).toBe(bobBefore + 25_000_000n);
    await expect.poll(() => panel.getByTestId("minted").textContent(), T).toBe("CHF 1,525.00");
    expect((await alice.query.fiat.bank(CHF)).minted).toBe("1525000000");
  });

  it("shows alice her redemption paid out", async () => {
    await actAs("alice");
    const row = page.getByTestId(`redemption-${redemptionId.toString()}`);
    await expect.poll(() => row.getByTestId("state").textContent().catch(() => null), T).toMatch(/^paid out at block [\d,]+$/);
    await expect.poll(() => money("settlement"), T).toBe("CHF 444.7075");
    await shot("fiat");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot("fiat-phone");
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
