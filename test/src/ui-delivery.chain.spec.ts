/**
 * The web UI's Delivery view in Chromium against a gridd node with 10-second periods (reading
 * window one period, as in reconciliation.chain.spec.ts): bob sells a solar token's consumer side
 * to alice, a data hub submits his plant's reading (more than scheduled), and bob watches the
 * period go from in delivery through the reading window to reconciled, his reading, his
 * over-production line at the market's average minus 10 % with what he receives, the period's
 * record, and downloads the statement as CSV. Screenshots go to test/artifacts/ui/.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256 } from "@cosmjs/crypto";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { fromRfc3339WithNanoseconds } from "@cosmjs/tendermint-rpc";
import {
  admitParticipantMsg,
  BECH32_PREFIX,
  EnergyCategory,
  GridledgerClient,
  KeyAlgorithm,
  type MeterKey,
  meterPublicKey,
  MeteringPointKind,
  MeterKind,
  mintMsg,
  registerMeterMsg,
  Role,
  Side,
  signReading,
} from "@gridledger/client";
import { ensureUiBuild, startTestChain, type TestChain, type UiServer } from "@gridledger/relayer";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, openPage, requireChromium, serveUiFor } from "./support/browser.js";

const CHF = "uchf.alpine";
const PERIOD_SECONDS = 10n;
const GATE_CLOSURE_SECONDS = 5n;
const SOLAR = EnergyCategory.ENERGY_CATEGORY_SOLAR;
const PLANT = "UI-PV-BOB";
const LOAD = "UI-LOAD-ALICE";
const SCHEDULED_WH = 10_000n;
const ASK = 85_000_007n;
const PLANT_WH = 12_501n; // 2,501 Wh over the schedule: at 76.500007 per MWh, CHF 0.191326
const meterKey = (id: string): MeterKey => ({ algorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519, privkey: sha256(new TextEncoder().encode(id)) });
const log = (m: string) => process.stderr.write(`[ui delivery e2e] ${m}\n`);

describe("the web UI's Delivery view in Chromium against a gridd node with 10-second periods", () => {
  let chain: TestChain;
  let server: UiServer;
  let browser: Browser;
  let page: Page;
  let reader: GridledgerClient;
  const clients: GridledgerClient[] = [];
  const addr: Record<string, string> = {};

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  async function connect(name: string): Promise<GridledgerClient> {
    const account = chain.accounts[name];
    if (account === undefined) throw new Error(`no account ${name}`);
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(account.mnemonic, { prefix: BECH32_PREFIX });
    const client = await GridledgerClient.connectWithSigner(chain.rpc, wallet, { broadcastPollIntervalMs: 250 });
    clients.push(client);
    return client;
  }

  /** blockTime is the latest block's time in Unix seconds: the chain's clock, not this machine's. */
  async function blockTime(): Promise<bigint> {
    const block = await reader.stargate.getBlock();
    return BigInt(Math.floor(fromRfc3339WithNanoseconds(block.header.time).getTime() / 1000));
  }

  beforeAll(async () => {
    await requireChromium();
    const [started] = await Promise.all([
      startTestChain({
        name: "uidelivery",
        periodSeconds: Number(PERIOD_SECONDS),
        gateClosureSeconds: Number(GATE_CLOSURE_SECONDS),
        deliveryParams: { readingWindowPeriods: 1, minMarketWh: 1_000 },
        accounts: [{ name: "hub", coins: "1000000000000ugrid" }],
      }),
      ensureUiBuild(log),
    ]);
    chain = started;
    for (const [name, account] of Object.entries(chain.accounts)) if (account !== undefined) addr[name] = account.address;
    reader = await GridledgerClient.connect(chain.rpc);
    const [operator, bank, alice] = await Promise.all([connect("operator"), connect("bank"), connect("alice")]);
    const meter = async (id: string, owner: string, kind: MeterKind, category?: EnergyCategory) =>
      registerMeterMsg(addr.operator!, {
        id,
        owner: addr[owner]!,
        kind,
        category,
        pointKind: MeteringPointKind.METERING_POINT_KIND_COMPANY,
        location: { area: "CH-ZH" },
        keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519,
        publicKey: await meterPublicKey(meterKey(id)),
      });
    const admit = (name: string, displayName: string, legalId: string, roles: Role[], tradedCategories: EnergyCategory[] = []) =>
      admitParticipantMsg(addr.operator!, { address: addr[name]!, legalId, displayName, roles, positionLimitWh: 1_000_000, tradedCategories });
    await operator.submit(addr.operator!, [
      admit("bob", "Bob Solar AG", "12X-UID-BOB-001", [Role.ROLE_PRODUCER, Role.ROLE_TRADER], [SOLAR]),
      admit("alice", "Alice Energy Retail", "12X-UID-ALICE-1", [Role.ROLE_CONSUMER]),
      admit("hub", "Data hub", "12X-UID-DATAHUB", [Role.ROLE_CONSUMER]),
      await meter(PLANT, "bob", MeterKind.METER_KIND_PRODUCTION, SOLAR),
      await meter(LOAD, "alice", MeterKind.METER_KIND_CONSUMPTION),
    ]);
    await bank.attestReserve(addr.bank!, { denom: CHF, reserve: 1_000_000_000n, statementHash: new Uint8Array(32).fill(1) });
    await bank.submit(addr.bank!, [mintMsg(addr.bank!, { denom: CHF, recipient: addr.alice!, amount: 10_000_000, depositReference: "DEP-ALICE" })]);
    await alice.deposit(addr.alice!, { denom: CHF, amount: 5_000_000 });

    server = await serveUiFor(chain, "ui-delivery-e2e");
    ({ browser, page } = await openPage(log));
    await page.goto(`${server.url}#/delivery`);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail" && page !== undefined) await shot(`failed-delivery-${context.task.name.slice(0, 40).replace(/\W+/g, "-")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const c of clients) c.disconnect();
    reader?.disconnect();
    await chain?.stop();
  });

  it("shows bob's period reconciled: his reading, his over-production line and what he receives, the record, a CSV", async () => {
    await page.locator("#account").selectOption("demo:bob");
    await expect.poll(() => page.getByTestId("account").getAttribute("data-address").catch(() => null), { timeout: 20_000 }).toBe(addr.bob);
    expect(await page.getByRole("link", { name: "Delivery" }).getAttribute("aria-current")).toBe("page");
    // Before anything was reconciled: his meter, no statement lines.
    await page.getByTestId(`meter-${PLANT}`).waitFor({ timeout: 20_000 });
    await page.getByText("No imbalances", { exact: true }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId("periods").getByTestId("phase").allTextContents(), { timeout: 20_000 }).toContain("open");

    // Bob sells the consumer side of a token for the nearest period that still trades.
    const [bob, alice, hub] = await Promise.all([connect("bob"), connect("alice"), connect("hub")]);
    const period = ((await blockTime()) + 6n + GATE_CLOSURE_SECONDS) / PERIOD_SECONDS + 1n;
    const id = await bob.issueToken(addr.bob!, {
      firstPeriod: period,
      lastPeriod: period,
      whPerPeriod: SCHEDULED_WH,
      producerMeterId: PLANT,
      faceValuePerMwh: { denom: CHF, amount: 80_000_000n },
      consumerAsk: { pricePerMwh: ASK, denom: CHF },
    });
    await alice.buySide(addr.alice!, { tokenId: id, side: Side.SIDE_CONSUMER, maxPricePerMwh: ASK, denom: CHF, meterId: LOAD });
    const row = page.getByTestId(`period-${period.toString()}`);
    await expect.poll(() => row.getByTestId("phase").textContent().catch(() => null), { timeout: 30_000 }).toBe("in delivery");

    // The period ends: the data hub submits the plant's reading within the reading window.
    while ((await blockTime()) < (period + 1n) * PERIOD_SECONDS) await new Promise((r) => setTimeout(r, 200));
    const reading = await signReading(meterKey(PLANT), chain.chainId, { meterId: PLANT, period, wh: PLANT_WH });
    expect(await hub.submitReadings(addr.hub!, [reading])).toMatchObject({ accepted: 1, refused: 0 });
    await expect.poll(() => row.getByTestId("phase").textContent(), { timeout: 20_000 }).toMatch(/^(reading window|due|reconciling|reconciled)$/);
    await expect.poll(() => page.getByTestId(`reading-${PLANT}-${period.toString()}`).textContent(), { timeout: 20_000 }).toBe("12.501 kWh");

    // Reconciled: bob's line, the totals and the period's record.
    await expect.poll(() => row.getByTestId("phase").textContent(), { timeout: 40_000 }).toBe("reconciled");
    const statement = page.getByTestId("statement");
    await statement.waitFor({ timeout: 20_000 });
    const lines = statement.locator("tbody tr");
    expect(await lines.count()).toBe(1);
    const line = lines.first();
    expect(await line.getByTestId("case").textContent()).toBe("over-production");
    expect(await line.textContent()).toContain("Solar");
    expect(await line.textContent()).toContain("2.501 kWh");
    expect(await line.textContent()).toContain("CHF 76.500007/MWh");
    expect(await line.getByTestId("source").textContent()).toBe("market");
    expect(await line.getByTestId("receivable").textContent()).toBe("receives CHF 0.191326");
    expect(await page.getByTestId(`total-${CHF}`).textContent()).toBe("you receive CHF 0.191326");
    await row.getByRole("button").click();
    const record = page.getByTestId("record-categories");
    await record.waitFor({ timeout: 20_000 });
    // Bob's 2,501 Wh and alice's unused 10,000 Wh (her meter sent nothing) were taken in solar.
    expect(await record.locator("tbody tr").first().textContent()).toContain("12.501 kWh");
    // The balancing authority's margin on them: a fee, in francs, greater than zero.
    expect(await record.getByTestId("balancing-fee").first().textContent()).toMatch(/^CHF 0\.\d*[1-9]\d*$/);
    expect(await page.getByTestId("reference-prices").textContent()).toContain("CHF 80.00/MWh");
    await shot("delivery-bob");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot("delivery-bob-phone");
    await page.setViewportSize({ width: 1280, height: 900 });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
    const csv = await readFile((await download.path()) ?? "", "utf8");
    expect(csv.split("\r\n")[1]).toMatch(new RegExp(`^${period.toString()},[^,]+,[^,]+,${PLANT},Solar,over-production,2\\.501,CHF,76\\.500007,market,0\\.191326,\\d+$`));
  });

  it("is readable on a phone and reachable by keyboard on every view", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const views = await page.getByRole("navigation", { name: "Views" }).getByRole("link").all();
    const names = await Promise.all(views.map((v) => v.textContent()));
    expect(names).toEqual(["Market", "Issue", "Portfolio", "Fiat", "Delivery", "Settlement", "CO2", "Operator", "Network"]);
    for (const name of names) {
      await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: name ?? "" }).click();
      await page.getByRole("heading", { level: 1 }).waitFor({ timeout: 20_000 });
      // Let the view's data arrive, then nothing may stick out sideways: a phone would scroll.
      await page.waitForTimeout(1_500);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) await shot(`phone-overflow-${name ?? ""}`);
      // The failure names the innermost elements that stick out, to say where to look.
      const culprits = overflow <= 0 ? [] : await page.evaluate(() => {
        // What a scrolling box clips does not widen the page; of what does, name the innermost.
        const clipped = (e: Element) => {
          for (let a = e.parentElement; a !== null && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return true;
          return false;
        };
        const out = Array.from(document.querySelectorAll("body *")).filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(e));
        return out
          .filter((e) => !out.some((o) => o !== e && e.contains(o)))
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join(".")} "${(e.textContent ?? "").slice(0, 30)}"`);
      });
      expect(overflow, `the ${name ?? ""} view is ${overflow} px wider than a 390 px phone: ${culprits.join("; ")}`).toBeLessThanOrEqual(0);
    }
    await shot("phone-network");
    await page.setViewportSize({ width: 1280, height: 900 });

    // From the top of the page, the first Tab reaches the skip button, which moves focus to the view.
    await page.reload();
    await page.getByRole("heading", { level: 1 }).waitFor({ timeout: 20_000 });
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to the view");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("view");
    // The menu, the chain and the account pickers follow the skip button in Tab order.
    // Nine menu entries, the chain and the account: eleven steps back from the view.
    const order: string[] = [];
    for (let i = 0; i < 11; i++) {
      await page.keyboard.press("Shift+Tab");
      order.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || ""));
    }
    expect(order).toEqual(expect.arrayContaining(["account", "chain", "Market", "Network"]));
  });
});
