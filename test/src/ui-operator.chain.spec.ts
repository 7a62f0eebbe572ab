/**
 * The web UI's Operator console in Chromium against a gridd node. The console is read-only for a
 * participant and names the grid operator (the "operator" dev account, x/balancing's
 * grid_operator). The operator admits dave, a fresh account the test chain funds with gas only;
 * once his bank has paid him in, dave buys bob's offered side on the Market view. The operator
 * registers bob's second plant with a secp256k1 key (a key of the wrong length refused in the
 * form) and rotates the first plant's key; suspends alice, whose purchase is then refused with its
 * sentence, and reinstates her; redispatches a token's side to dave, paying bob; and publishes a
 * reference price. Every act is checked on the chain through the client. Screenshots go to
 * test/artifacts/ui/ and docs/ui/operator.png.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { EnergyCategory, KeyAlgorithm, MeteringPointKind, MeterKind, meterPublicKey, mintMsg, ParticipantStatus, periodStart, Role, Side } from "@gridledger/client";
import { ensureUiBuild, startTestChain, type TestChain, type UiServer } from "@gridledger/relayer";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, openPage, requireChromium, serveUiFor, ZONE } from "./support/browser.js";
import { CHF, seedMarket, type SeededMarket } from "./support/market.js";

const DOCS = fileURLToPath(new URL("../../docs/ui/", import.meta.url));
const log = (m: string) => process.stderr.write(`[ui operator e2e] ${m}\n`);

describe("the web UI's Operator console in Chromium against a gridd node", () => {
  let chain: TestChain;
  let market: SeededMarket;
  let server: UiServer;
  let browser: Browser;
  let page: Page;

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const row = (name: string) => page.getByTestId(`participant-${market.address(name)}`);
  const offerRow = (token: bigint, side = Side.SIDE_CONSUMER) => page.getByTestId(`offer-${token.toString()}-${side}`);
  const participant = async (name: string) => (await market.client("operator")).query.balancing.participant(market.address(name));

  /** actAs chooses a demo account in the header and waits until it is connected. */
  async function actAs(name: string): Promise<void> {
    await page.locator("#account").selectOption(`demo:${name}`);
    await expect.poll(() => page.getByTestId("account").getAttribute("data-address").catch(() => null), { timeout: 20_000 }).toBe(market.address(name));
  }

  async function openConsole(): Promise<void> {
    await page.getByRole("link", { name: "Operator" }).click();
    await page.getByTestId("operator-role").waitFor({ timeout: 20_000 });
  }

  /** expand opens a folded part of the console (a <details>) unless it is open already. */
  async function expand(summary: string): Promise<void> {
    const details = page.locator("details").filter({ has: page.getByText(summary, { exact: true }) });
    if ((await details.getAttribute("open")) === null) await page.getByText(summary, { exact: true }).click();
  }

  beforeAll(async () => {
    await requireChromium();
    // dave: a fresh account with gas in genesis, admitted by nobody yet.
    const [started] = await Promise.all([startTestChain({ name: "uioperator", accounts: [{ name: "dave", coins: "1000000000ugrid" }] }), ensureUiBuild(log)]);
    chain = started;
    market = await seedMarket(chain);
    server = await serveUiFor(chain, "ui-operator-e2e");
    ({ browser, page } = await openPage(log));
    await page.goto(server.url);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail" && page !== undefined) await shot(`failed-${context.task.name.slice(0, 40).replace(/\W+/g, "-")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    market?.close();
    await chain?.stop();
  });

  it("is read-only for a participant and says who the grid operator is", async () => {
    const { gridOperator } = await (await market.client("alice")).query.balancing.params();
    expect(gridOperator).toBe(market.address("operator"));
    await actAs("alice");
    await openConsole();
    expect(await page.getByTestId("operator-role").textContent()).toBe(
      `Read-only: the grid operator of local-test is ${gridOperator} (the demo account "operator"). Only that account can act here; choose it at the top to act.`,
    );
    await row("bob").waitFor({ timeout: 20_000 });
    expect(await row("bob").getByTestId("status").textContent()).toBe("active");
    expect(await row("bob").textContent()).toContain("10 MWh/period");
    expect(await row("bob").getByRole("button", { name: "Suspend…" }).isDisabled()).toBe(true);
    await expand("Admit a participant");
    expect(await page.getByRole("button", { name: "Admit participant" }).isDisabled()).toBe(true);
    expect(await page.getByTestId("meter-bob-pv-1").getByTestId("meter-key").getAttribute("title")).toBe("03".repeat(32));
  });

  it("lets the operator admit dave, who then buys bob's offered side on the Market", async () => {
    await expect(participant("dave")).rejects.toThrow();
    await actAs("operator");
    await expect.poll(() => page.getByTestId("operator-role").textContent(), { timeout: 20_000 }).toMatch(/^You are the grid operator of local-test/);
    await expand("Admit a participant");
    const form = page.getByRole("form", { name: "Admit a participant" });
    await form.getByLabel("Account address").fill(market.address("dave"));
    await form.getByLabel("Legal identifier (EIC, LEI)").fill("12x-dave-trade-1");
    await form.getByLabel("Trading name").fill("Dave Trading GmbH");
    await form.getByLabel("Position limit (kWh per period)").fill("1000");
    await form.getByLabel("Trader", { exact: true }).check();
    await form.getByRole("group", { name: /Traded categories/ }).getByLabel("Solar").check();
    await form.getByRole("button", { name: "Admit participant" }).click();
    await page.getByTestId("admit-done").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("admit-done").textContent()).toBe("Admitted Dave Trading GmbH: it may trade now through its virtual meters.");

    const dave = await participant("dave");
    expect(dave).toMatchObject({ legalId: "12X-DAVE-TRADE-1", displayName: "Dave Trading GmbH", roles: [Role.ROLE_TRADER], status: ParticipantStatus.PARTICIPANT_STATUS_ACTIVE, positionLimitWh: 1_000_000n, tradedCategories: [EnergyCategory.ENERGY_CATEGORY_SOLAR] });
    await row("dave").waitFor({ timeout: 20_000 });
    expect(await row("dave").getByTestId("status").textContent()).toBe("active");
    expect(await row("dave").textContent()).toContain("1 MWh/period");

    // Admitted, dave may hold fiat: his bank pays him in and he moves it to his settlement account.
    const bank = await market.client("bank");
    await bank.submit(market.address("bank"), [mintMsg(market.address("bank"), { denom: CHF, recipient: market.address("dave"), amount: 200_000_000, depositReference: "DEP-DAVE" })]);
    await (await market.client("dave")).deposit(market.address("dave"), { denom: CHF, amount: 150_000_000n });

    await actAs("dave");
    await page.getByRole("link", { name: "Market" }).click();
    await offerRow(market.offered).getByRole("button", { name: "Buy" }).click();
    await page.getByTestId("buy-confirmation").waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("buy-price").textContent()).toBe("CHF 85.00/MWh × 1 MWh = CHF 85.00");
    await page.getByTestId("confirm-buy").click();
    await page.getByTestId("buy-done").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("buy-done").textContent()).toContain("Paid CHF 85.00 to Bob Solar AG");
    await page.getByRole("button", { name: "Close" }).click();
    const token = await (await market.client("dave")).query.energy.token(market.offered);
    expect(token.consumer?.owner).toBe(market.address("dave"));
  });

  it("lets the operator register bob's second plant with a secp256k1 key and rotate the first plant's key", async () => {
    const secp = await meterPublicKey({ algorithm: KeyAlgorithm.KEY_ALGORITHM_SECP256K1, privkey: new Uint8Array(32).fill(21) });
    const ed = await meterPublicKey({ algorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519, privkey: new Uint8Array(32).fill(22) });
    const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
    await actAs("operator");
    await openConsole();
    await expand("Register a meter");
    const form = page.getByRole("form", { name: "Register a meter" });
    await form.getByLabel("Metering point id").fill("bob-pv-2");
    await form.getByLabel("Owner").selectOption({ label: "Bob Solar AG" });
    await form.getByLabel("Area").fill("CH-ZH");
    await form.getByLabel("Key algorithm").selectOption(String(KeyAlgorithm.KEY_ALGORITHM_SECP256K1));
    await form.getByLabel("Public key").fill(hex(ed));
    expect(await form.locator(".field-error").first().textContent()).toBe("A secp256k1 key is 33 bytes compressed (66 hex digits starting with 02 or 03); this one is 32 bytes.");
    await form.getByLabel("Public key").fill(Buffer.from(secp).toString("base64"));
    expect(await form.getByText("33 bytes: a valid secp256k1 key.").isVisible()).toBe(true);
    await form.getByRole("button", { name: "Register meter" }).click();
    await page.getByTestId("register-done").waitFor({ timeout: 30_000 });
    const operator = await market.client("operator");
    expect(await operator.query.balancing.meter("bob-pv-2")).toMatchObject({
      owner: market.address("bob"),
      kind: MeterKind.METER_KIND_PRODUCTION,
      category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
      keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_SECP256K1,
      publicKey: secp,
      pointKind: MeteringPointKind.METERING_POINT_KIND_COMPANY,
      location: expect.objectContaining({ area: "CH-ZH" }),
    });
    await page.getByTestId("meter-bob-pv-2").waitFor({ timeout: 20_000 });

    await page.getByTestId("meter-bob-pv-1").getByRole("button", { name: "Rotate key…" }).click();
    const dialog = page.getByTestId("operator-confirm");
    await dialog.getByLabel("New public key").fill(hex(new Uint8Array(32).fill(3)));
    expect(await dialog.getByText("This is the meter's current key; a rotation needs a new one.").isVisible()).toBe(true);
    expect(await dialog.getByTestId("confirm-act").isDisabled()).toBe(true);
    await dialog.getByLabel("New public key").fill(hex(ed));
    await dialog.getByTestId("confirm-act").click();
    await dialog.getByText("Key rotated: readings must now be signed with the new key.").waitFor({ timeout: 30_000 });
    await dialog.getByRole("button", { name: "Close" }).click();
    const rotated = await operator.query.balancing.meter("bob-pv-1");
    expect(rotated.publicKey).toEqual(ed);
    expect(rotated.keyRotatedHeight).toBeGreaterThan(0n);
    await expect.poll(() => page.getByTestId("meter-bob-pv-1").getByTestId("meter-key").getAttribute("title"), { timeout: 20_000 }).toBe(hex(ed));
  });

  it("lets the operator suspend alice, whose purchase is then refused with its sentence, and reinstate her", async () => {
    // bob offers his second token, for alice to try.
    const bob = await market.client("bob");
    await bob.setAsk(market.address("bob"), market.unoffered, Side.SIDE_CONSUMER, { pricePerMwh: 90_000_000n, denom: CHF });

    await actAs("operator");
    await openConsole();
    await row("alice").getByRole("button", { name: "Suspend…" }).click();
    const dialog = page.getByTestId("operator-confirm");
    await dialog.getByLabel(/Reason code/).fill("Did not pay");
    expect(await dialog.getByTestId("confirm-act").isDisabled()).toBe(true);
    await dialog.getByLabel(/Reason code/).fill("collateral");
    await dialog.getByTestId("confirm-act").click();
    await dialog.getByTestId("act-done").waitFor({ timeout: 30_000 });
    expect(await dialog.getByTestId("act-done").textContent()).toBe("Done: Alice Energy Retail is suspended.");
    await dialog.getByRole("button", { name: "Close" }).click();
    expect((await participant("alice")).status).toBe(ParticipantStatus.PARTICIPANT_STATUS_SUSPENDED);
    await expect.poll(() => row("alice").getByTestId("status").textContent(), { timeout: 20_000 }).toBe("suspended");

    await actAs("alice");
    await page.getByRole("link", { name: "Market" }).click();
    await offerRow(market.unoffered).getByRole("button", { name: "Buy" }).click();
    await page.getByTestId("buy-confirmation").waitFor({ timeout: 20_000 });
    await page.getByTestId("confirm-buy").click();
    const refusal = page.locator(".dialog .error-note");
    await refusal.waitFor({ timeout: 30_000 });
    expect(await refusal.textContent()).toBe("Not bought. This participant is suspended or excluded and may send no transactions; a suspended one can ask the grid operator to reinstate it.");
    await page.screenshot({ path: join(ARTIFACTS, "operator-suspended-refused.png") });
    await page.getByRole("button", { name: "Cancel" }).click();
    expect((await bob.query.energy.token(market.unoffered)).consumer?.owner).toBe(market.address("bob"));

    await actAs("operator");
    await openConsole();
    await row("alice").getByRole("button", { name: "Reinstate…" }).click();
    await page.getByTestId("operator-confirm").getByTestId("confirm-act").click();
    await page.getByTestId("act-done").waitFor({ timeout: 30_000 });
    await page.getByTestId("operator-confirm").getByRole("button", { name: "Close" }).click();
    expect((await participant("alice")).status).toBe(ParticipantStatus.PARTICIPANT_STATUS_ACTIVE);
  });

  it("lets the operator redispatch a token's producer side to dave, paying bob its redispatch price", async () => {
    // bob's token two hours ahead offers redispatch at CHF 12/MWh; the operator pays from its settlement account.
    const bob = await market.client("bob");
    const tokenId = await bob.issueToken(market.address("bob"), {
      firstPeriod: market.p0 + 8n,
      lastPeriod: market.p0 + 9n,
      whPerPeriod: 250_000,
      producerMeterId: "bob-pv-1",
      faceValuePerMwh: { denom: CHF, amount: 80_000_000n },
      capabilities: { redispatch: { mobilisationSeconds: 900, pricePerMwh: 12_000_000 } },
    });
    const bank = await market.client("bank");
    await bank.submit(market.address("bank"), [mintMsg(market.address("bank"), { denom: CHF, recipient: market.address("operator"), amount: 100_000_000, depositReference: "DEP-OPERATOR" })]);
    await (await market.client("operator")).deposit(market.address("operator"), { denom: CHF, amount: 80_000_000n });
    const bobBefore = BigInt((await bob.query.fiat.settlementAccount(market.address("bob"), CHF)).balance);

    await openConsole();
    const listed = page.getByTestId(`redispatch-${tokenId.toString()}`);
    await listed.waitFor({ timeout: 30_000 });
    expect(await listed.textContent()).toContain("redispatch at CHF 12.00/MWh");
    await listed.getByRole("button", { name: `Redispatch the producer side of token ${tokenId.toString()}` }).click();
    const dialog = page.getByTestId("operator-confirm");
    expect(await dialog.textContent()).toContain("CHF 6.00 paid by you");
    expect(await dialog.getByTestId("confirm-act").isDisabled()).toBe(true);
    await dialog.getByLabel("To").selectOption({ label: "Dave Trading GmbH" });
    await dialog.getByTestId("confirm-act").click();
    await dialog.getByTestId("redispatch-done").waitFor({ timeout: 30_000 });
    expect(await dialog.getByTestId("redispatch-done").textContent()).toBe("Redispatched: the producer side is Dave Trading GmbH's now; Bob Solar AG received CHF 6.00.");
    await dialog.getByRole("button", { name: "Close" }).click();

    const token = await bob.query.energy.token(tokenId);
    expect(token.producer?.owner).toBe(market.address("dave"));
    expect(BigInt((await bob.query.fiat.settlementAccount(market.address("bob"), CHF)).balance)).toBe(bobBefore + 6_000_000n);
  });

  it("lets the operator publish a reference price, listed with the period it is in force from, and gives governance proposal files gridd reads", async () => {
    await openConsole();
    await expand("Publish a reference price");
    const form = page.getByRole("form", { name: "Publish a reference price" });
    await form.getByLabel("Category").selectOption({ label: "Solar" });
    const from = BigInt(await form.getByLabel("In force from (your time)").inputValue());
    await form.getByLabel("Price per MWh").fill("95.50");
    await form.getByRole("button", { name: "Publish reference price" }).click();
    await page.getByTestId("publish-done").waitFor({ timeout: 30_000 });
    const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: ZONE });
    expect(await page.getByTestId("publish-done").textContent()).toMatch(
      new RegExp(`^Published CHF 95\\.50/MWh for Solar from \\w{3} \\d{1,2} \\w{3}, ${time.format(periodStart(from))}–${time.format(periodStart(from + 1n))} · period ${from.toLocaleString("en-GB")}\\.$`),
    );

    const { prices } = await (await market.client("operator")).query.delivery.referencePrices({ category: EnergyCategory.ENERGY_CATEGORY_SOLAR });
    expect(prices).toEqual([expect.objectContaining({ category: EnergyCategory.ENERGY_CATEGORY_SOLAR, fromPeriod: from, pricePerMwh: 95_500_000n, denom: CHF })]);
    const listed = page.getByTestId(`reference-${EnergyCategory.ENERGY_CATEGORY_SOLAR}-${from.toString()}`);
    await listed.waitFor({ timeout: 20_000 });
    expect(await listed.textContent()).toContain("CHF 95.50/MWh");
    expect(await listed.textContent()).toContain("until replaced");

    // The governance proposal file for the delivery parameters is one gridd reads: it builds the
    // proposal's transaction from it (generate-only: nothing is submitted).
    await page.getByTestId("proposal-delivery").click();
    const text = await page.getByTestId("proposal-json-delivery").inputValue();
    const file = join(await mkdtemp(join(tmpdir(), "gridledger-proposal-")), "delivery-params-proposal.json");
    await writeFile(file, text);
    const home = chain.gridnet.nodes[0]?.home ?? "";
    const { stdout } = await promisify(execFile)(chain.spec.binary, ["tx", "gov", "submit-proposal", file, "--from", "operator", "--home", home, "--chain-id", chain.chainId, "--generate-only", "--output", "json"]);
    const built = JSON.parse(stdout) as { body: { messages: { "@type": string; proposer: string; messages: { "@type": string; params: Record<string, unknown> }[] }[] } };
    expect(built.body.messages[0]).toMatchObject({ "@type": "/cosmos.gov.v1.MsgSubmitProposal", proposer: market.address("operator") });
    expect(built.body.messages[0]?.messages[0]).toMatchObject({ "@type": "/gridledger.delivery.v1.MsgUpdateParams", params: expect.objectContaining({ reading_window_periods: "96" }) });
    await page.getByTestId("proposal-delivery").click();
    await page.getByTestId("proposal-balancing").click();
    const proposal = JSON.parse(await page.getByTestId("proposal-json-balancing").inputValue()) as { messages: { "@type": string; params: { gridOperator: string } }[] };
    expect(proposal.messages[0]).toMatchObject({ "@type": "/gridledger.balancing.v1.MsgUpdateParams", params: { gridOperator: market.address("operator") } });

    await page.evaluate(() => window.scrollTo(0, 0));
    await shot("operator");
    await mkdir(DOCS, { recursive: true });
    await copyFile(join(ARTIFACTS, "operator.png"), join(DOCS, "operator.png"));
    await page.setViewportSize({ width: 390, height: 844 });
    // Readable on a phone: nothing in the console makes it scroll sideways (wide tables scroll in their box).
    await expect.poll(() => page.evaluate(() => document.querySelector("main")?.scrollWidth ?? Infinity), { timeout: 5_000 }).toBeLessThanOrEqual(390);
    await shot("operator-phone");
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
