/**
 * The web UI's CO2 view in Chromium against a gridd node: governance appoints carol the CO2
 * authority by a real proposal; in the browser carol publishes solar's standard intensity and sets
 * the CHF rate, which everyone then sees; bob splits the CO2 above the standard off his solar token
 * into a CO2 token, sees it with its grams, and merges it back, each with the intensity previewed
 * against the standard. Anyone but the authority is refused. Then the CO2 market: bob splits CO2
 * off again, divides the CO2 token, offers one part at a negative price (he pays to be rid of it);
 * alice buys it after a review of what she receives and the CO2 she then bears; bob merges the other
 * part; every CO2 token bob held shows its state (merged, divided, sold). Screenshots go to
 * test/artifacts/ui/ (co2.png is docs/ui/co2.png).
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
  mintMsg,
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
    const [operator, validator, bob, alice, bank] = await Promise.all([connect("operator"), connect("validator"), connect("bob"), connect("alice"), connect("bank")]);
    await operator.submit(addr.operator!, [
      admitParticipantMsg(addr.operator!, { address: addr.bob!, legalId: "12X-UIC-BOB-001", displayName: "Bob Solar AG", roles: [Role.ROLE_PRODUCER, Role.ROLE_TRADER], positionLimitWh: 10_000_000, tradedCategories: [SOLAR] }),
      admitParticipantMsg(addr.operator!, { address: addr.carol!, legalId: "12X-UIC-CO2-AUT", displayName: "Federal CO2 Office", roles: [Role.ROLE_CONSUMER], positionLimitWh: 0, tradedCategories: [] }),
      admitParticipantMsg(addr.operator!, { address: addr.alice!, legalId: "12X-UIC-ALICE-1", displayName: "Alice Trading AG", roles: [Role.ROLE_TRADER], positionLimitWh: 1_000_000, tradedCategories: [SOLAR] }),
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

    // CHF in bob's and alice's settlement accounts: a CO2 trade is paid through x/fiat.
    await bank.attestReserve(addr.bank!, { denom: CHF, reserve: 1_000_000_000n, statementHash: new Uint8Array(32).fill(1) });
    await bank.submit(addr.bank!, [
      mintMsg(addr.bank!, { denom: CHF, recipient: addr.bob!, amount: 10_000_000, depositReference: "DEP-BOB" }),
      mintMsg(addr.bank!, { denom: CHF, recipient: addr.alice!, amount: 10_000_000, depositReference: "DEP-ALICE" }),
    ]);
    await Promise.all([bob.deposit(addr.bob!, { denom: CHF, amount: 5_000_000 }), alice.deposit(addr.alice!, { denom: CHF, amount: 5_000_000 })]);

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
    await shot("co2-split-preview");
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
    const merged = (await reader.query.energy.token(child)).children[0]!;
    expect((await reader.query.energy.token(merged)).co2Grams).toBe(100_000n);
    // The merged CO2 token does not vanish: it is shown as merged, with nothing left to do.
    await expect.poll(() => page.getByTestId("co2-state-1").textContent().catch(() => null), { timeout: 30_000 }).toBe(`merged into token ${merged.toString()}`);
    expect(await page.getByTestId("co2-token-1").getByRole("button").count()).toBe(0);
    await shot("co2-merged");
  });

  it("lets bob divide a CO2 token and offer a part, which alice buys after a review; bob merges the other part; each CO2 token shows its state", async () => {
    const bob = await connect("bob");
    const form = page.getByRole("form", { name: "Split or merge CO2" });
    await page.getByText("No CO2 token is offered for sale.").waitFor({ timeout: 20_000 });
    // Split the 59 kg above the standard off again: CO2 token 2.
    await form.getByRole("button", { name: "Split CO2 off" }).first().click();
    await form.getByRole("button", { name: "Split 59 kg: down to the standard" }).click();
    await form.getByRole("button", { name: "Split CO2 off" }).last().click();
    await expect.poll(() => page.getByTestId("co2-done").textContent().catch(() => null), { timeout: 30_000 }).toMatch(/CO2 token 2 holds the 59 kg\.$/);
    await expect.poll(() => page.getByTestId("co2-state-2").textContent().catch(() => null), { timeout: 30_000 }).toBe("held, not offered");

    // Divide it: 20 kg to sell, 39 kg to merge.
    await page.getByRole("button", { name: "Divide CO2 token 2" }).click();
    const divide = page.getByRole("form", { name: "Divide CO2 token 2" });
    await divide.getByLabel("First part (g)").fill("59000");
    expect(await divide.locator(".warning").textContent()).toMatch(/first part must be less/);
    expect(await divide.getByRole("button", { name: "Divide", exact: true }).isDisabled()).toBe(true);
    await divide.getByLabel("First part (g)").fill("20000");
    expect(await divide.getByTestId("co2-divide-preview").textContent()).toMatch(/^59 kg → 20 kg \+ 39 kg: /);
    await divide.getByRole("button", { name: "Divide", exact: true }).click();
    await expect.poll(() => page.getByTestId("co2-holding-done").textContent().catch(() => null), { timeout: 30_000 }).toBe("Divided CO2 token 2 into #3 (20 kg) and #4 (39 kg).");
    await expect.poll(() => page.getByTestId("co2-state-2").textContent().catch(() => null), { timeout: 30_000 }).toBe("divided into #3 and #4");
    const divided = await reader.query.co2.token(2n);
    expect(divided.dividedInto).toEqual([3n, 4n]);
    const [part3, part4] = await Promise.all([reader.query.co2.token(3n), reader.query.co2.token(4n)]);
    expect([part3.grams, part4.grams, part3.dividedFrom, part4.dividedFrom]).toEqual([20_000n, 39_000n, 2n, 2n]);
    expect(part3.grams + part4.grams).toBe(divided.grams);
    expect([part3.duePeriod, part3.denom, part3.splitFrom]).toEqual([divided.duePeriod, divided.denom, divided.splitFrom]);

    // Offer CO2 token 3 at -80 CHF per tonne: bob pays CHF 1.60 to be rid of its 20 kg.
    await page.getByRole("button", { name: "Offer CO2 token 3" }).click();
    const offer = page.getByRole("form", { name: "Offer CO2 token 3" });
    await offer.getByLabel("Price per tonne (CHF)").fill("-80");
    expect(await offer.getByTestId("co2-offer-preview").textContent()).toMatch(/^The buyer of the whole token is paid CHF 1\.60 by you/);
    await offer.getByRole("button", { name: "Offer", exact: true }).click();
    await expect.poll(() => page.getByTestId("co2-holding-done").textContent().catch(() => null), { timeout: 30_000 }).toBe("CO2 token 3 is offered at CHF −80.00 per tonne.");
    await expect.poll(() => page.getByTestId("co2-state-3").textContent().catch(() => null), { timeout: 30_000 }).toBe("offered at CHF −80.00 per tonne");
    await expect.poll(() => page.getByTestId("co2-offer-3").textContent().catch(() => null), { timeout: 30_000 }).toContain("Bob Solar AG");
    expect(await page.getByTestId("co2-offer-3").textContent()).toContain("20 kg");
    expect(await page.getByTestId("co2-offer-3").getByRole("button").count()).toBe(0); // his own offer
    // An offered CO2 token is not divided: the button says so, and the chain refuses it.
    expect(await page.getByRole("button", { name: "Divide CO2 token 3" }).isDisabled()).toBe(true);
    await expect(bob.divideCo2Token(addr.bob!, 3n, [10_000n, 10_000n])).rejects.toMatchObject({ codespace: "energy", code: 67 });
    expect((await reader.query.co2.token(3n)).dividedInto).toEqual([]);
    await shot("co2");

    // Alice buys it after the review: she receives CHF 1.60 and bears 20 kg at CHF 100 per tonne.
    const aliceBefore = BigInt((await reader.query.fiat.settlementAccount(addr.alice!, CHF)).balance || "0");
    await choose("alice");
    await page.getByRole("button", { name: "Buy CO2 token 3" }).click();
    const review = page.getByTestId("co2-buy-review");
    expect(await review.getByTestId("co2-buy-price").textContent()).toBe("CHF −80.00 per tonne × 20 kg = CHF −1.60");
    expect(await review.getByTestId("co2-buy-total").textContent()).toBe("CHF 1.60");
    expect(await review.getByText("You receive").count()).toBe(1);
    expect(await review.getByTestId("co2-buy-co2").textContent()).toBe(`20 kg × the CO2 rate = CHF 2.00 at the settlement of period ${part3.duePeriod.toString()}, unless you merge or sell it before`);
    await shot("co2-buy-review");
    await review.getByRole("button", { name: "Confirm: buy CO2 token 3" }).click();
    await expect.poll(() => page.getByTestId("co2-buy-done").textContent().catch(() => null), { timeout: 30_000 }).toMatch(/^You bought CO2 token 3 \(20 kg\); you now bear its CO2/);
    await expect.poll(() => page.getByTestId("co2-state-3").textContent().catch(() => null), { timeout: 30_000 }).toBe("held, not offered");
    await page.getByText("No CO2 token is offered for sale.").waitFor({ timeout: 30_000 });
    expect((await reader.query.co2.token(3n)).owner).toBe(addr.alice);
    expect(BigInt((await reader.query.fiat.settlementAccount(addr.alice!, CHF)).balance || "0") - aliceBefore).toBe(1_600_000n);

    // Bob merges the other part into his token; his view shows what became of each CO2 token.
    await choose("bob");
    await expect.poll(() => page.getByTestId("co2-state-3").textContent().catch(() => null), { timeout: 30_000 }).toBe("sold: now held by Alice Trading AG");
    expect(await page.getByTestId("co2-buy-done").count()).toBe(0); // alice's purchase message is hers
    await form.getByRole("button", { name: "Merge CO2 tokens in" }).click();
    await form.getByLabel(/CO2 token 4 /).check();
    expect(await form.getByTestId("co2-intensity").textContent()).toBe("41 g/kWh → 80 g/kWh");
    await form.getByRole("button", { name: "Merge CO2 in" }).click();
    await expect.poll(() => page.getByTestId("co2-done").textContent().catch(() => null), { timeout: 30_000 }).toMatch(/^Merged 39 kg into token \d+: token \d+ replaces it\.$/);
    const into = (await reader.query.co2.token(4n)).mergedInto;
    expect((await reader.query.energy.token(into)).co2Grams).toBe(80_000n);
    await expect.poll(() => page.getByTestId("co2-state-4").textContent().catch(() => null), { timeout: 30_000 }).toBe(`merged into token ${into.toString()}`);
    expect(await page.getByTestId("co2-state-2").textContent()).toBe("divided into #3 and #4");
    expect(await page.getByTestId("co2-state-1").textContent()).toMatch(/^merged into token \d+$/);
    await shot("co2-market-after");
  });
});
