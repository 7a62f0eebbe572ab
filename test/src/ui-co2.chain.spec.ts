/**
 * The web UI's CO2 view in Chromium against a gridd node: governance appoints carol the CO2
 * authority by a real proposal; in the browser carol publishes solar's standard intensity and sets
 * the CHF rate, which everyone then sees; bob splits the CO2 above the standard off his solar token
 * into a CO2 token, sees it with its grams, and merges it back, each with the intensity previewed
 * against the standard. Anyone but the authority is refused. Screenshots go to test/artifacts/ui/.
 */
import { join } from "node:path";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import {
  admitParticipantMsg,
  appointCo2AuthorityMsg,
  BECH32_PREFIX,
  EnergyCategory,
  GOV_AUTHORITY,
  GridledgerClient,
  KeyAlgorithm,
  MeteringPointKind,
  MeterKind,
  ProposalStatus,
  registerMeterMsg,
  Role,
  VoteOption,
} from "@gridledger/client";
import { ensureUiBuild, startTestChain, type TestChain, type UiServer } from "@gridledger/relayer";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, openPage, requireChromium, serveUiFor } from "./support/browser.js";

const CHF = "uchf.alpine";
const SOLAR = EnergyCategory.ENERGY_CATEGORY_SOLAR;
const PLANT = "UI-PV-BOB-CO2";
const log = (m: string) => process.stderr.write(`[ui co2 e2e] ${m}\n`);

describe("the web UI's CO2 view in Chromium against a gridd node", () => {
  let chain: TestChain;
  let server: UiServer;
  let browser: Browser;
  let page: Page;
  let reader: GridledgerClient;
  const clients: GridledgerClient[] = [];
  const addr: Record<string, string> = {};
  let tokenId = 0n;

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  async function connect(name: string): Promise<GridledgerClient> {
    const account = chain.accounts[name];
    if (account === undefined) throw new Error(`no account ${name}`);
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(account.mnemonic, { prefix: BECH32_PREFIX });
    const client = await GridledgerClient.connectWithSigner(chain.rpc, wallet, { broadcastPollIntervalMs: 250 });
    clients.push(client);
    return client;
  }

  async function choose(name: string) {
    await page.locator("#account").selectOption(`demo:${name}`);
    await expect.poll(() => page.getByTestId("account").getAttribute("data-address").catch(() => null), { timeout: 20_000 }).toBe(addr[name]);
  }

  beforeAll(async () => {
    await requireChromium();
    const [started] = await Promise.all([startTestChain({ name: "uico2" }), ensureUiBuild(log)]);
    chain = started;
    for (const [name, account] of Object.entries(chain.accounts)) if (account !== undefined) addr[name] = account.address;
    reader = await GridledgerClient.connect(chain.rpc);
    const [operator, validator, bob] = await Promise.all([connect("operator"), connect("validator"), connect("bob")]);
    await operator.submit(addr.operator!, [
      admitParticipantMsg(addr.operator!, { address: addr.bob!, legalId: "12X-UIC-BOB-001", displayName: "Bob Solar AG", roles: [Role.ROLE_PRODUCER, Role.ROLE_TRADER], positionLimitWh: 10_000_000, tradedCategories: [SOLAR] }),
      admitParticipantMsg(addr.operator!, { address: addr.carol!, legalId: "12X-UIC-CO2-AUT", displayName: "Federal CO2 Office", roles: [Role.ROLE_CONSUMER], positionLimitWh: 0, tradedCategories: [] }),
      registerMeterMsg(addr.operator!, {
        id: PLANT,
        owner: addr.bob!,
        kind: MeterKind.METER_KIND_PRODUCTION,
        category: SOLAR,
        pointKind: MeteringPointKind.METERING_POINT_KIND_COMPANY,
        location: { area: "CH-ZH" },
        keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519,
        publicKey: new Uint8Array(32).fill(7),
      }),
    ]);

    // Governance appoints carol: a real proposal, voted by the validator.
    const { minDeposit } = await reader.query.gov.params();
    const proposal = await validator.submitProposal(addr.validator!, [appointCo2AuthorityMsg(GOV_AUTHORITY, addr.carol!)], minDeposit, "Appoint the CO2 authority", "The Federal CO2 Office becomes the chain's CO2 authority.");
    await validator.vote(addr.validator!, proposal, VoteOption.VOTE_OPTION_YES);
    // Test chains vote for 10 s (expect.poll is for tests only, hence the loop).
    for (let i = 0; i < 40 && (await reader.query.gov.proposal(proposal)).status === ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD; i++) await new Promise((r) => setTimeout(r, 1_000));
    const ended = await reader.query.gov.proposal(proposal);
    if (ended.status !== ProposalStatus.PROPOSAL_STATUS_PASSED) throw new Error(`the appointment did not pass: ${ended.status} ${ended.failedReason}`);
    if ((await reader.query.balancing.co2Authority()).address !== addr.carol) throw new Error("carol is not the CO2 authority after the vote");

    // Bob's solar token: 4 periods x 250 kWh = 1 MWh with 100 kg of CO2 (100 g/kWh).
    const current = (await reader.query.energy.periodPhase(0)).currentPeriod;
    tokenId = await bob.issueToken(addr.bob!, {
      firstPeriod: current + 6n,
      lastPeriod: current + 9n,
      whPerPeriod: 250_000n,
      producerMeterId: PLANT,
      co2Grams: 100_000n,
      faceValuePerMwh: { denom: CHF, amount: 80_000_000n },
    });

    server = await serveUiFor(chain, "ui-co2-e2e");
    ({ browser, page } = await openPage(log));
    await page.goto(`${server.url}#/co2`);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail" && page !== undefined) await shot(`failed-co2-${context.task.name.slice(0, 40).replace(/\W+/g, "-")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const c of clients) c.disconnect();
    reader?.disconnect();
    await chain?.stop();
  });

  it("lets the CO2 authority publish a standard intensity and set the rate, which everyone sees", async () => {
    await page.getByRole("heading", { level: 1, name: "CO2" }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole("link", { name: "CO2" }).getAttribute("aria-current")).toBe("page");
    await expect.poll(() => page.getByTestId("co2-authority").textContent().catch(() => null), { timeout: 20_000 }).toContain("Federal CO2 Office");
    await page.getByText("No CO2 rate is set.").waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("standard-solar-3").textContent()).toBe("none yet");
    await page.screenshot({ path: join(ARTIFACTS, "co2-before.png"), fullPage: true });

    await choose("carol");
    const publish = page.getByRole("form", { name: "Publish a standard intensity" });
    await publish.waitFor({ timeout: 20_000 });
    await publish.getByLabel("Category").selectOption({ label: "Solar" });
    await publish.getByLabel("Standard intensity (g/kWh)").fill("41");
    await publish.getByRole("button", { name: "Publish" }).click();
    await expect.poll(() => page.getByTestId("publish-done").textContent().catch(() => null), { timeout: 30_000 }).toMatch(/^Published 41 g\/kWh for Solar from period \d+\.$/);
    await expect.poll(() => page.getByTestId("standard-solar-3").textContent(), { timeout: 30_000 }).toMatch(/^41 g\/kWhpublished from period/);

    const rate = page.getByRole("form", { name: "Set the CO2 rate" });
    await rate.getByLabel("Rate per gram (base units)").fill("100");
    expect(await rate.getByTestId("rate-per-tonne").textContent()).toBe("CHF 100.00 per tonne of CO2 consumed.");
    await rate.getByRole("button", { name: "Set rate" }).click();
    await expect.poll(() => page.getByTestId("rate-done").textContent().catch(() => null), { timeout: 30_000 }).toBe("The CO2 rate in CHF is now CHF 100.00 per tonne.");
    await expect.poll(() => page.getByTestId(`rate-${CHF}`).textContent(), { timeout: 30_000 }).toBe("CHFCHF 0.0001CHF 100.00");
    expect((await reader.query.co2.rate(CHF)).rate?.ratePerGram).toBe("100");

    // Anyone else is refused, and nothing changes.
    const bob = await connect("bob");
    await expect(bob.publishCo2Intensity(addr.bob!, SOLAR, 1n << 40n, 1n)).rejects.toMatchObject({ codespace: "energy", code: 60 });
    await expect(bob.setCo2Rate(addr.bob!, CHF, 5)).rejects.toMatchObject({ codespace: "energy", code: 60 });
    expect((await reader.query.co2.rate(CHF)).rate?.ratePerGram).toBe("100");
  });

  it("lets bob split CO2 off his token down to the standard, see the CO2 token, and merge it back", async () => {
    await choose("bob");
    expect(await page.getByRole("form", { name: "Publish a standard intensity" }).count()).toBe(0);
    const form = page.getByRole("form", { name: "Split or merge CO2" });
    await form.waitFor({ timeout: 20_000 });
    await page.getByText("You hold no CO2 tokens.").waitFor({ timeout: 20_000 });
    expect(await form.getByTestId("co2-gap").textContent()).toBe("59 g/kWh above the standard.");
    await form.getByRole("button", { name: "Split 59 kg: down to the standard" }).click();
    expect(await form.getByTestId("co2-intensity").textContent()).toBe("100 g/kWh → 41 g/kWh");
    expect(await form.getByTestId("co2-gap").textContent()).toBe("At the standard.");
    await page.screenshot({ path: join(ARTIFACTS, "co2.png"), fullPage: true });
    await form.getByRole("button", { name: "Split CO2 off" }).last().click();
    await expect.poll(() => page.getByTestId("co2-done").textContent().catch(() => null), { timeout: 30_000 }).toMatch(/^Split 59 kg off token \d+: token \d+ replaces it, and CO2 token 1 holds the 59 kg\.$/);
    await expect.poll(() => page.getByTestId("co2-token-1").textContent().catch(() => null), { timeout: 30_000 }).toContain("59 kg");
    const retired = await reader.query.energy.token(tokenId);
    const child = retired.children[0]!;
    expect((await reader.query.energy.token(child)).co2Grams).toBe(41_000n);
    expect((await reader.query.co2.token(1n)).grams).toBe(59_000n);
    await shot("co2-split");

    // Merge it back: the preview shows the intensity rising again.
    await form.getByRole("button", { name: "Merge CO2 tokens in" }).click();
    await form.getByLabel(/CO2 token 1 /).check();
    expect(await form.getByTestId("co2-intensity").textContent()).toBe("41 g/kWh → 100 g/kWh");
    await form.getByRole("button", { name: "Merge CO2 in" }).click();
    await expect.poll(() => page.getByTestId("co2-done").textContent().catch(() => null), { timeout: 30_000 }).toMatch(/^Merged 59 kg into token \d+: token \d+ replaces it\.$/);
    await page.getByText("You hold no CO2 tokens.").waitFor({ timeout: 30_000 });
    const merged = (await reader.query.energy.token(child)).children[0]!;
    expect((await reader.query.energy.token(merged)).co2Grams).toBe(100_000n);
    await shot("co2-merged");
  });
});
