/**
 * The web UI's Settlement view in Chromium against a gridd node with 10-second periods (reading
 * window one period, settlement's fee window gridd's default of 4 periods): bob sells the consumer
 * side of a solar token to alice, a data hub submits both meters' readings as scheduled, the
 * grid operator declares the period's transmission cost in the view, bob sees the operator's
 * forms read-only, and once the chain has reconciled and settled the period bob's statement shows
 * the token's face value received, in CHF and in the CSV download, and alice's the face value and
 * the transmission cost paid, which her token carries as its grid fee (her Portfolio shows it). Screenshots go to test/artifacts/ui/ (settlement-alice.png is
 * docs/ui/settlement.png).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256 } from "@cosmjs/crypto";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { fromRfc3339WithNanoseconds } from "@cosmjs/tendermint-rpc";
import {
  admitParticipantMsg,
  BECH32_PREFIX,
  ChargeKind,
  EnergyCategory,
  GridledgerClient,
  KeyAlgorithm,
  type MeterKey,
  meterPublicKey,
  MeteringPointKind,
  MeterKind,
  mintMsg,
  participantStatementToCsv,
  registerMeterMsg,
  Role,
  type SettlementRun,
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
const PLANT = "UI-SET-PV-BOB";
const LOAD = "UI-SET-LOAD-ALICE";
const SCHEDULED_WH = 10_000n;
const FACE_PER_MWH = 80_000_000n; // CHF 80/MWh: 10 kWh have a face value of CHF 0.80
const FACE_VALUE = (FACE_PER_MWH * SCHEDULED_WH) / 1_000_000n;
const ASK = 85_000_007n;
const meterKey = (id: string): MeterKey => ({ algorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519, privkey: sha256(new TextEncoder().encode(id)) });
const log = (m: string) => process.stderr.write(`[ui settlement e2e] ${m}\n`);

describe("the web UI's Settlement view in Chromium against a gridd node with 10-second periods", () => {
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

  /** actAs chooses a demo account in the header and waits until it is connected. */
  async function actAs(name: string): Promise<void> {
    await page.locator("#account").selectOption(`demo:${name}`);
    await expect.poll(() => page.getByTestId("account").getAttribute("data-address").catch(() => null), { timeout: 20_000 }).toBe(addr[name]);
  }

  beforeAll(async () => {
    await requireChromium();
    const [started] = await Promise.all([
      startTestChain({
        name: "uisettlement",
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
    // Settlement collects alice's net payable from her settlement account.
    await alice.deposit(addr.alice!, { denom: CHF, amount: 5_000_000 });

    server = await serveUiFor(chain, "ui-settlement-e2e");
    ({ browser, page } = await openPage(log));
    await page.goto(`${server.url}#/settlement`);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail" && page !== undefined) await shot(`failed-settlement-${context.task.name.slice(0, 40).replace(/\W+/g, "-")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const c of clients) c.disconnect();
    reader?.disconnect();
    await chain?.stop();
  });

  it("settles a delivered token: the operator declares a cost in the view, others see the forms read-only, bob's statement and CSV show the face value", async () => {
    await actAs("operator");
    expect(await page.getByRole("link", { name: "Settlement" }).getAttribute("aria-current")).toBe("page");
    await page.getByTestId("settlement-progress").waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("operator-name").textContent()).toBe("You are the grid operator: you may sign these acts.");
    // Nothing settled yet: empty states, not errors.
    await page.getByText("No settlement run yet", { exact: true }).waitFor({ timeout: 20_000 });
    await page.getByText("Nothing settled in these periods", { exact: true }).waitFor({ timeout: 20_000 });
    expect(await page.getByText("No debts", { exact: true }).count()).toBe(1);
    await page.getByText("Nothing delivered or settled in these periods", { exact: true }).waitFor({ timeout: 20_000 });

    // Bob sells the consumer side of a token for the nearest period that still trades; alice buys it.
    const [bob, alice, hub] = await Promise.all([connect("bob"), connect("alice"), connect("hub")]);
    const period = ((await blockTime()) + 6n + GATE_CLOSURE_SECONDS) / PERIOD_SECONDS + 1n;
    const id = await bob.issueToken(addr.bob!, {
      firstPeriod: period,
      lastPeriod: period,
      whPerPeriod: SCHEDULED_WH,
      producerMeterId: PLANT,
      faceValuePerMwh: { denom: CHF, amount: FACE_PER_MWH },
      consumerAsk: { pricePerMwh: ASK, denom: CHF },
    });
    await alice.buySide(addr.alice!, { tokenId: id, side: Side.SIDE_CONSUMER, maxPricePerMwh: ASK, denom: CHF, meterId: LOAD });

    // The period ends: the data hub submits both meters' readings, as scheduled (no imbalance).
    while ((await blockTime()) < (period + 1n) * PERIOD_SECONDS) await new Promise((r) => setTimeout(r, 200));
    const readings = await Promise.all([
      signReading(meterKey(PLANT), chain.chainId, { meterId: PLANT, period, wh: SCHEDULED_WH }),
      signReading(meterKey(LOAD), chain.chainId, { meterId: LOAD, period, wh: SCHEDULED_WH }),
    ]);
    expect(await hub.submitReadings(addr.hub!, readings)).toMatchObject({ accepted: 2, refused: 0 });

    // The grid operator declares the delivered period's transmission cost in the view, before
    // the period settles (a fee window after its reconciliation), and sees it declared.
    const form = page.getByTestId("transmission-form");
    await form.getByLabel("Period", { exact: true }).fill(period.toString());
    await expect.poll(() => form.getByTestId("declared-cost").textContent(), { timeout: 20_000 }).toBe(`No transmission cost declared for period ${period.toString()}.`);
    await form.getByLabel("Cost", { exact: true }).fill("1.23");
    await form.getByLabel("Losses (Wh, informative)").fill("250");
    await form.getByLabel("What it is for (no personal data)").fill("Joule losses");
    await form.getByRole("button", { name: "Declare cost" }).click();
    await expect.poll(() => form.getByTestId("declare-done").textContent().catch(() => null), { timeout: 30_000 }).toBe(`Declared CHF 1.23 for period ${period.toString()}.`);
    await expect.poll(() => form.getByTestId("declared-cost").textContent(), { timeout: 20_000 }).toMatch(new RegExp(`^Declared for period ${period.toString()}: CHF 1\\.23, 250 Wh lost \\(Joule losses\\)`));
    const cost = await reader.query.settlement.transmissionCost(period);
    expect(cost).toMatchObject({ amount: "1230000", denom: CHF, lossesWh: 250n, description: "Joule losses" });

    // Bob is not the operator: he sees what is in force, the operator named, and no form he may sign.
    await actAs("bob");
    expect(await page.getByTestId("operator-name").textContent()).toMatch(/^The grid operator is grid1\S+…\S{4}\. You see what is in force; only the operator signs\.$/);
    for (const testId of ["transmission-form", "security-form", "collateral-form", "seize-form"]) {
      const f = page.getByTestId(testId);
      expect(await f.getByTestId("read-only").textContent()).toMatch(/^Read only: only the grid operator, grid1\S+…\S{4}, may do this\.$/);
      expect(await f.locator("fieldset").getAttribute("disabled")).not.toBeNull();
      expect(await f.locator("button[type=submit]").isDisabled()).toBe(true);
    }
    expect(await page.getByTestId("transmission-form").getByLabel("Period", { exact: true }).isDisabled()).toBe(true);
    // The operator's typed values and outcome are not carried over to bob's forms.
    expect(await page.getByTestId("transmission-form").getByLabel("Cost", { exact: true }).inputValue()).toBe("");
    expect(await page.getByTestId("declare-done").count()).toBe(0);

    // The chain reconciles the period, waits out the fee window and settles it.
    let run: SettlementRun | undefined;
    await expect
      .poll(
        async () => {
          run = await reader.query.settlement.run(period).catch(() => undefined);
          return run?.done ?? false;
        },
        { timeout: 180_000, interval: 1_000 },
      )
      .toBe(true);
    expect(run).toMatchObject({ tokens: 1n, postponed: 0n, defaults: 0n });
    const onChain = await reader.query.settlement.statement(addr.bob!, { fromPeriod: period, toPeriod: period });
    const energy = onChain.lines.find((l) => l.kind === ChargeKind.CHARGE_KIND_ENERGY);
    expect(energy?.amounts).toEqual({ denom: CHF, payable: "0", receivable: FACE_VALUE.toString() });

    // Bob's statement over the last day: the face value received, by kind, and the run listed.
    await page.getByTestId(`run-${period.toString()}`).waitFor({ timeout: 30_000 });
    const totals = page.getByTestId(`settlement-total-${CHF}`);
    await totals.waitFor({ timeout: 30_000 });
    expect(await totals.getByTestId("gross-receivable").textContent()).toBe("CHF 0.80");
    expect(await totals.getByTestId("gross-payable").textContent()).toBe("CHF 0.00");
    expect(await totals.getByTestId("received").textContent()).toBe("CHF 0.80");
    expect(await totals.getByTestId("postponed").textContent()).toBe("CHF 0.00");
    expect(await totals.getByTestId("unpaid").textContent()).toBe("CHF 0.00");
    const energyRow = page.getByTestId(`kind-${String(ChargeKind.CHARGE_KIND_ENERGY)}-${CHF}`);
    expect(await energyRow.getByTestId("kind-receivable").textContent()).toBe("CHF 0.80");
    expect(await energyRow.textContent()).toContain("10 kWh");
    expect(await page.getByTestId("settlement-chart").locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("own-debts-none").textContent()).toBe("You owe the settlement nothing, and it owes you nothing.");
    await shot("settlement-bob");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
    const csv = await readFile((await download.path()) ?? "", "utf8");
    const rows = csv.split("\r\n");
    expect(rows[0]).toBe("record,period,kind,denom,payable,receivable,charges,wh,co2_grams,paid,bank_fee,received,postponed,unpaid,offset");
    expect(rows).toContain(`line,${period.toString()},energy,${CHF},0,${FACE_VALUE.toString()},1,${SCHEDULED_WH.toString()},0,,,,,,`);
    expect(rows).toContain(`net,${period.toString()},,${CHF},0,${FACE_VALUE.toString()},,,,0,0,${FACE_VALUE.toString()},0,0,0`);

    // Bob's combined statement: the period's row as the chain's ParticipantStatement has it
    // (produced 10 kWh as scheduled, the face value received), and the CSV row byte for byte.
    const bobCombined = await reader.query.settlement.participantStatement(addr.bob!, { fromPeriod: period, toPeriod: period });
    expect(bobCombined.periods).toHaveLength(1);
    expect(bobCombined.periods[0]).toMatchObject({ period, settled: true, energy: { scheduledProducedWh: SCHEDULED_WH, measuredProducedWh: SCHEDULED_WH, suppliedWh: 0n, takenWh: 0n } });
    expect(bobCombined.periods[0]?.money[0]).toMatchObject({ denom: CHF, net: FACE_VALUE.toString(), received: FACE_VALUE.toString(), paid: "0" });
    const bobRow = page.getByTestId(`combined-row-${period.toString()}-${CHF}`);
    await bobRow.waitFor({ timeout: 30_000 });
    expect(await bobRow.getByTestId("settled").textContent()).toBe("settled");
    expect(await bobRow.getByTestId("scheduled").textContent()).toBe("-10 kWh");
    expect(await bobRow.getByTestId("measured").textContent()).toBe("-10 kWh");
    expect(await bobRow.getByTestId("reconciled").textContent()).toBe("0 Wh");
    expect(await bobRow.getByTestId("energy-cost").textContent()).toBe("CHF −0.80");
    expect(await bobRow.getByTestId("net").textContent()).toBe("CHF 0.80");
    expect(await bobRow.getByTestId("received").textContent()).toBe("CHF 0.80");
    expect(await bobRow.getByTestId("owed").textContent()).toBe("CHF 0.00");
    expect(await page.getByTestId(`combined-total-${CHF}`).getByTestId("received").textContent()).toBe("CHF 0.80");
    expect(await page.getByTestId("combined-chart").locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);
    const [combinedDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("combined-csv").click()]);
    const combinedCsv = (await readFile((await combinedDownload.path()) ?? "", "utf8")).split("\r\n");
    const chainCsv = participantStatementToCsv(bobCombined).split("\r\n");
    expect(combinedCsv[0]).toBe(chainCsv[0]);
    expect(combinedCsv[0]).toMatch(/^record,period,settled,denom,scheduled_consumed_wh,.*,imbalance_value_base$/);
    expect(combinedCsv).toContain(chainCsv[1]);
    expect(chainCsv[1]).toMatch(new RegExp(`^period,${period.toString()},true,${CHF},0,${SCHEDULED_WH.toString()},0,${SCHEDULED_WH.toString()},`));
    expect(combinedCsv.filter((r) => r.startsWith(`total,,,${CHF},`))).toHaveLength(1);

    // Alice paid it: her statement shows the face value payable and paid.
    await actAs("alice");
    const aliceTotals = page.getByTestId(`settlement-total-${CHF}`);
    await expect.poll(() => aliceTotals.getByTestId("paid").textContent().catch(() => null), { timeout: 30_000 }).not.toBeNull();
    // She pays the face value and, the period's only consumer, all of the transmission cost the
    // operator declared in the view: CHF 0.80 + CHF 1.23, in one payment.
    const aliceNet = (await reader.query.settlement.statement(addr.alice!, { fromPeriod: period, toPeriod: period })).nets[0];
    const payable = FACE_VALUE + 1_230_000n;
    expect(aliceNet).toMatchObject({ gross: { denom: CHF, payable: payable.toString(), receivable: "0" }, paid: payable.toString(), postponed: "0" });
    expect(await aliceTotals.getByTestId("gross-payable").textContent()).toBe("CHF 2.03");
    expect(await aliceTotals.getByTestId("paid").textContent()).toBe("CHF 2.03");
    expect(await page.getByTestId(`kind-${String(ChargeKind.CHARGE_KIND_ENERGY)}-${CHF}`).getByTestId("kind-payable").textContent()).toBe("CHF 0.80");
    expect(await page.getByTestId(`kind-${String(ChargeKind.CHARGE_KIND_TRANSMISSION)}-${CHF}`).getByTestId("kind-payable").textContent()).toBe("CHF 1.23");
    await shot("settlement-alice");
    // Her combined row: 10 kWh scheduled and measured, energy and the transmission fee paid in one payment.
    const aliceCombined = await reader.query.settlement.participantStatement(addr.alice!, { fromPeriod: period, toPeriod: period });
    const aliceMoney = aliceCombined.periods[0]?.money[0];
    expect(aliceMoney?.charges.map((c) => [c.kind, c.payable])).toEqual([
      [ChargeKind.CHARGE_KIND_ENERGY, FACE_VALUE.toString()],
      [ChargeKind.CHARGE_KIND_TRANSMISSION, "1230000"],
    ]);
    expect(aliceMoney).toMatchObject({ net: (-payable).toString(), paid: payable.toString(), postponed: "0" });
    const aliceRow = page.getByTestId(`combined-row-${period.toString()}-${CHF}`);
    await expect.poll(() => aliceRow.getByTestId("paid").textContent().catch(() => null), { timeout: 30_000 }).toBe("CHF 2.03");
    expect(await aliceRow.getByTestId("scheduled").textContent()).toBe("10 kWh");
    expect(await aliceRow.getByTestId("measured").textContent()).toBe("10 kWh");
    expect(await aliceRow.getByTestId("energy-cost").textContent()).toBe("CHF 0.80");
    expect(await aliceRow.getByTestId("fees").textContent()).toBe("CHF 1.23");
    expect(await aliceRow.getByTestId("net").textContent()).toBe("CHF −2.03");
    expect(await aliceRow.getByTestId("owed").textContent()).toBe("CHF 0.00");
    await page.getByTestId("combined-statement").screenshot({ path: join(ARTIFACTS, "settlement-statement.png") });
    // The cost is attached to her token as its transmission fee, shown on her consumer side's row.
    expect((await reader.query.energy.token(id)).gridFees).toEqual([{ kind: "transmission", recipient: addr.operator, amount: { denom: CHF, amount: "1230000" } }]);
    await page.goto(`${server.url}#/portfolio`);
    const fees = page.getByTestId(`grid-fees-${id.toString()}`);
    await fees.waitFor({ timeout: 30_000 });
    expect(await fees.textContent()).toBe("grid fees: CHF 1.23 transmission");
    await shot("portfolio-grid-fees");
    await page.goto(`${server.url}#/settlement`);
    // Everyone paid: no default, no debt, no claim.
    await expect(reader.query.settlement.defaults()).resolves.toMatchObject({ defaults: [] });
    await expect(reader.query.settlement.debts()).resolves.toMatchObject({ debts: [], totals: [] });
    await expect(reader.query.settlement.claims()).resolves.toMatchObject({ claims: [], totals: [] });

    // The cost is shared out: the operator's form says over what.
    await actAs("operator");
    await page.getByTestId("transmission-form").getByLabel("Period", { exact: true }).fill(period.toString());
    await expect.poll(() => page.getByTestId("declared-cost").textContent(), { timeout: 20_000 }).toBe(`Declared for period ${period.toString()}: CHF 1.23, 250 Wh lost (Joule losses), shared over 10 kWh.`);
  });
});
