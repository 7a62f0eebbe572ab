/**
 * The default hierarchy end to end, on real processes: four gridd chains on three levels (four
 * validators on the transmission root), linked by ICS-20 and energy channels that a real Hermes
 * opened and relays, each link recorded by both grid operators (x/interchain). Fiat travels down and up the tree and across it, and the network survives the faults an
 * operator meets: Hermes killed or kept down, a node killed with SIGKILL, a root validator gone,
 * the whole network stopped and started again, and every root validator killed at once. A
 * non-validator node joins the root by state sync from a snapshot of its filled market.
 * After every test, fiat supply and escrows are conserved on every chain (DESIGN.md §6, 1 and 5).
 */
import { copyFile, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { BECH32_PREFIX, BridgeDirection, currentPeriod, GridledgerClient, Neighbour, type KeplrChainInfo, keplrFromRegistry, type RegistryAssetList, type RegistryChain } from "@gridledger/client";
import { EnergyCategory, followCancel, followPurchase, purchaseProgress, PurchaseState, quoteRemotePurchase, Side, type Token } from "@gridledger/client";
import {
  DEFAULT_TOPOLOGY,
  HERMES_VERSION,
  devMnemonic,
  down,
  ensureUiBuild,
  findFreePortBase,
  testPortBase,
  formatStatus,
  gridnetUiSources,
  hermesJson,
  joinChain,
  latestHeight,
  linkChannel,
  networkStatus,
  pauseHermes,
  planFromFile,
  resumeHermes,
  runningHermes,
  runningPid,
  runningSupervisor,
  serveUi,
  SNAPSHOT_INTERVAL,
  startHermes,
  startNode,
  stopHermes,
  stopNode,
  UI_DIST,
  up,
  waitForBlocks,
  writeState,
  type NetworkPlan,
  type NetworkState,
  type StateChain,
} from "@gridledger/relayer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, openPage, requireChromium } from "./support/browser.js";
import type { Page } from "playwright-core";
import { balance, checkNetworkInvariants, getJson, supply, tracePath, voucherDenom, waitFor } from "./support/network.js";
import { scrape, valueOf } from "./support/prometheus.js";
import { buyHydroOffer, getAt, marketQueries } from "./support/statesync.js";
import { chainQueries, denomAlong, expectDoneEverywhere, expectRefundedEverywhere, feesByChain, interfaceHoldings, ledger, offerToken, type Reader, reservedWh, routeLinks } from "./support/purchase.js";
import { prepareRemotePurchase, REMOTE_FEES } from "./support/remotepurchase.js";

const log = (m: string) => process.stderr.write(`[gridnet e2e] ${m}\n`);

describe("the default hierarchy with Hermes", () => {
  let home: string;
  let portBase: number;
  let plan: NetworkPlan;
  let state: NetworkState;
  const clients = new Map<string, GridledgerClient>();

  const chain = (name: string): StateChain => {
    const c = state.chains.find((x) => x.name === name);
    if (!c) throw new Error(`no chain ${name}`);
    return c;
  };
  // The same account name is the same key, so the same address, on every chain.
  const address = (name: string): string => {
    const found = state.chains.map((c) => c.accounts[name]).find((a) => a !== undefined);
    if (!found) throw new Error(`no account ${name} on any chain`);
    return found;
  };

  async function client(chainName: string, account: string): Promise<GridledgerClient> {
    const key = `${chainName}/${account}`;
    const known = clients.get(key);
    if (known) return known;
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(devMnemonic(account), { prefix: BECH32_PREFIX });
    const c = await GridledgerClient.connectWithSigner(chain(chainName).endpoints.rpc, wallet, { broadcastPollIntervalMs: 300 });
    clients.set(key, c);
    return c;
  }
  /**
   * withNetworkUi serves the web UI for this network as `npm start` and `gridnet ui` do
   * (network.json, /status.json and the registry files from the state), opens it in Chromium
   * for fn, and closes both after.
   */
  async function withNetworkUi<T>(fn: (page: Page, url: string) => Promise<T>): Promise<T> {
    await requireChromium();
    await ensureUiBuild(log);
    const server = await serveUi({ dist: UI_DIST, port: 0, ...gridnetUiSources(state) });
    const { browser, page } = await openPage(log);
    try {
      return await fn(page, server.url);
    } finally {
      await browser.close();
      await server.close();
    }
  }

  /** keepScreenshot saves the page in the test artifacts and as docs/ui/<name>.png, the view's picture in the docs. */
  async function keepScreenshot(page: Page, name: string): Promise<void> {
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    await copyFile(join(ARTIFACTS, `${name}.png`), fileURLToPath(new URL(`../../docs/ui/${name}.png`, import.meta.url)));
  }


  /** transfer sends an ICS-20 transfer between neighbouring chains over their transfer channel. */
  async function transfer(from: string, to: string, account: string, amount: bigint, denom: string, timeoutSeconds = 600, receiver = address(account)): Promise<void> {
    const f = chain(from);
    const down = f.name === chain(to).parent;
    const ch = down ? linkChannel(state, from, to) : linkChannel(state, to, from);
    const end = down ? ch.parent : ch.child;
    const c = await client(from, account);
    const result = await c.signingClient.sendIbcTokens(
      address(account),
      receiver,
      { denom, amount: amount.toString() },
      end.portId,
      end.channelId,
      undefined,
      Math.floor(Date.now() / 1000) + timeoutSeconds,
      "auto",
    );
    expect(result.code, `transfer ${from} -> ${to}: ${result.rawLog ?? ""}`).toBe(0);
  }

  /** arrive waits until account's balance of denom on chain reaches `expected`. */
  const arrive = (chainName: string, account: string, denom: string, expected: bigint, timeoutMs = 120_000) =>
    waitFor(`${expected} ${denom} for ${account} on ${chainName}`, () => balance(chain(chainName), address(account), denom), (b) => b === expected, timeoutMs);

  /** voucher is the denom `path` arrives as on `to`, received over the transfer channel from `from`. */
  const voucherOn = (to: string, from: string, path: string) => {
    const downward = chain(to).parent === from;
    const ch = downward ? linkChannel(state, from, to) : linkChannel(state, to, from);
    const end = downward ? ch.child : ch.parent;
    return { path: `${end.portId}/${end.channelId}/${path}`, denom: voucherDenom(`${end.portId}/${end.channelId}/${path}`) };
  };

  /** channelIds lists every link's channels as the state file records them. */
  const channelIds = (s: NetworkState) => s.links.flatMap((l) => l.channels.map((c) => `${l.parent} ${c.parent.portId}/${c.parent.channelId} <-> ${l.child} ${c.child.portId}/${c.child.channelId}`)).sort();

  /** channelCounts reads, from every chain, how many channel ends (in any state) each port has. */
  async function channelCounts(): Promise<Record<string, Record<string, number>>> {
    const counts: Record<string, Record<string, number>> = {};
    for (const c of state.chains) {
      const body = await getJson<{ channels: Array<{ port_id: string }> }>(`${c.endpoints.rest}/ibc/core/channel/v1/channels?pagination.limit=1000`);
      const byPort: Record<string, number> = {};
      for (const ch of body.channels) byPort[ch.port_id] = (byPort[ch.port_id] ?? 0) + 1;
      counts[c.name] = byPort;
    }
    return counts;
  }

  /**
   * expectSameLinksRelaying checks what a restart must leave: the channels recorded before, open
   * on both chains, no channel more on any chain, Hermes and the supervisor running, and an ICS-20
   * transfer over the root's link going and coming back.
   */
  async function expectSameLinksRelaying(before: { ids: string[]; counts: Record<string, Record<string, number>> }): Promise<void> {
    expect(channelIds(state)).toEqual(before.ids);
    expect(await channelCounts()).toEqual(before.counts);
    const status = await networkStatus(state);
    for (const c of status.links.flatMap((l) => l.channels)) expect(c).toMatchObject({ parentState: "STATE_OPEN", childState: "STATE_OPEN" });
    // Still linked on both chains over the same energy channels.
    for (const c of status.links.flatMap((l) => l.channels).filter((x) => x.type === "energy")) expect(c).toMatchObject({ linkedOnParent: true, linkedOnChild: true });
    expect(status.hermes.pid).toBeGreaterThan(0);
    expect(status.hermes.health.up).toBe(true);
    expect(status.supervisor.pid).toBeGreaterThan(0);
    const chf = "uchf.alpine";
    const onEast = voucherOn("regional-east", "transmission", chf);
    const start = await balance(chain("transmission"), address("alice"), chf);
    await transfer("transmission", "regional-east", "alice", 1_500_000n, chf);
    await arrive("regional-east", "alice", onEast.denom, 1_500_000n, 180_000);
    await transfer("regional-east", "transmission", "alice", 1_500_000n, onEast.denom);
    await arrive("transmission", "alice", chf, start, 180_000);
  }

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "gridnet-e2e-"));
    portBase = await findFreePortBase(testPortBase(8), { nodes: 8 });
    plan = await planFromFile({ topologyFile: DEFAULT_TOPOLOGY, home, portBase });
    state = await up({ topologyFile: DEFAULT_TOPOLOGY, home, portBase, log });
  });

  afterEach(async () => {
    // Escrows match vouchers once nothing is in flight: wait for every channel to drain first.
    await waitFor("every packet relayed", async () => (await networkStatus(state)).links.flatMap((l) => l.channels), (chs) => chs.every((c) => c.pendingDown === 0 && c.pendingUp === 0), 120_000).catch(() => undefined);
    const report = await checkNetworkInvariants(state);
    expect(report.problems).toEqual([]);
    expect(report.nativeDenoms).toBe(3);
  });

  afterAll(async () => {
    for (const c of clients.values()) c.disconnect();
    if (home) {
      await down(home, log);
      if (process.env.GRIDLEDGER_KEEP_TEST_CHAINS !== "1") await rm(home, { recursive: true, force: true });
    }
  });

  it("opens a transfer and an energy channel on every parent-child link and reports the network's health", async () => {
    const status = await networkStatus(state);
    expect(status.chains.map((c) => [c.name, c.nodes.length])).toEqual([
      ["transmission", 4],
      ["regional-east", 1],
      ["regional-west", 1],
      ["local-valley", 1],
    ]);
    for (const c of status.chains) expect(c.height).toBeGreaterThan(1);
    expect(status.links.map((l) => `${l.parent}>${l.child}`).sort()).toEqual(["regional-east>local-valley", "transmission>regional-east", "transmission>regional-west"]);
    for (const l of status.links) {
      expect(l.channels).toHaveLength(2);
      expect(l.channels[0]).toMatchObject({ type: "transfer", parentState: "STATE_OPEN", childState: "STATE_OPEN" });
      expect(l.channels[1]).toMatchObject({ type: "energy", parentState: "STATE_OPEN", childState: "STATE_OPEN", linkedOnParent: true, linkedOnChild: true });
    }
    expect(status.hermes.version).toBe(HERMES_VERSION);
    expect(status.hermes.health.up).toBe(true);
    expect(status.hermes.health.chains.sort()).toEqual(state.chains.map((c) => c.chainId).sort());
    expect(status.supervisor.pid).toBeGreaterThan(0);
    // Every validator serves its metrics (docs/operations/metrics.md); the root's four see each other.
    for (const c of status.chains) for (const n of c.nodes) expect(n.metrics?.comet, `${c.name} val-${n.index}`).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const rootMetrics = await scrape(status.chains[0]?.nodes[0]?.metrics?.comet ?? "");
    expect(valueOf(rootMetrics, "cometbft_p2p_peers")).toBeGreaterThanOrEqual(3);
    expect(valueOf(rootMetrics, "cometbft_consensus_validators")).toBe(4);
    // The seeded demo data: alice holds francs of the root's bank.
    expect(await balance(chain("transmission"), address("alice"), "uchf.alpine")).toBeGreaterThan(0n);
  });

  it("checks every chain's invariants live: the supervisor pages through each one and status reports all ok on every chain", async () => {
    const started = Date.now();
    const status = await waitFor(
      "the supervisor's invariant check of every chain",
      () => networkStatus(state),
      (s) => s.chains.every((c) => c.invariants !== undefined && c.invariants.error === undefined && c.invariants.results.length > 0),
      150_000,
    );
    const names = ["fiat-banks", "fiat-settlement-accounts", "energy-tokens", "energy-owner-index", "energy-co2-tokens", "settlement-runs"];
    for (const c of status.chains) {
      const check = c.invariants;
      if (check === undefined) throw new Error(`${c.name}: no invariant check`);
      expect(check.results.map((r) => r.name), c.name).toEqual(names);
      for (const r of check.results) expect(r, `${c.name} ${r.name}: ${r.record ?? ""} ${r.message ?? ""}`).toMatchObject({ ok: true });
      expect(Date.parse(check.checkedAt)).toBeLessThanOrEqual(Date.now());
      expect(Date.parse(check.checkedAt)).toBeGreaterThan(started - 10 * 60_000);
    }
    // The topology's three banks are records the passes walked through, each on its chain.
    const banks = status.chains.map((c) => c.invariants?.results.find((r) => r.name === "fiat-banks")?.checked ?? 0);
    expect(banks.reduce((a, b) => a + b, 0)).toBe(state.chains.flatMap((c) => c.banks).length);
    const text = formatStatus(status);
    for (const c of status.chains) expect(text).toMatch(new RegExp(`${c.name}\\s+all 6 ok, checked `));
    expect(text).not.toContain("BROKEN");
  });

  it("links every parent and child over an energy channel: each chain's Neighbourhood names its parent and children, and a Hello relayed by Hermes is received and acknowledged", async () => {
    const chainIds = Object.fromEntries(state.chains.map((c) => [c.name, c.chainId]));
    for (const l of state.links) {
      const energy = linkChannel(state, l.parent, l.child, "energy");
      const fiat = linkChannel(state, l.parent, l.child, "transfer");
      expect(energy).toMatchObject({ version: "gridledger-energy-1", ordering: "unordered", parent: { portId: "energy" }, child: { portId: "energy" } });
      // One connection per link: the energy channel runs beside the transfer channel.
      expect(energy.parent.connectionId).toBe(fiat.parent.connectionId);
      expect(energy.child.connectionId).toBe(fiat.child.connectionId);
      for (const [c, end] of [[chain(l.parent), energy.parent], [chain(l.child), energy.child]] as const) {
        const onChain = await getJson<{ channel: { state: string; ordering: string; version: string } }>(`${c.endpoints.rest}/ibc/core/channel/v1/channels/${end.channelId}/ports/energy`);
        expect(onChain.channel).toMatchObject({ state: "STATE_OPEN", ordering: "ORDER_UNORDERED", version: "gridledger-energy-1" });
      }
    }

    const neighbourhoods = Object.fromEntries(
      await Promise.all(state.chains.map(async (c) => [c.name, await (await client(c.name, "alice")).query.interchain.neighbourhood()] as const)),
    );
    for (const c of state.chains) {
      const n = neighbourhoods[c.name];
      if (!n) throw new Error(`no neighbourhood for ${c.name}`);
      expect(n.periodSeconds).toBe(BigInt(c.periodSeconds));
      expect(n.settlementDenoms).toEqual(c.banks.map((b) => b.denom).sort());
      if (c.parent === undefined) expect(n.parent).toBeUndefined();
      else {
        const energy = linkChannel(state, c.parent, c.name, "energy");
        const fiat = linkChannel(state, c.parent, c.name, "transfer");
        expect(n.parent).toMatchObject({
          link: { neighbour: Neighbour.NEIGHBOUR_PARENT, counterpartyChainId: chainIds[c.parent], connectionId: energy.child.connectionId, clientId: energy.child.clientId, energyChannelId: energy.child.channelId, transferChannelId: fiat.child.channelId, counterpartyEnergyChannelId: energy.parent.channelId },
          energyChannelState: "STATE_OPEN",
          transferChannelState: "STATE_OPEN",
          peer: { known: true, periodSeconds: BigInt(chain(c.parent).periodSeconds) },
        });
      }
      const children = state.chains.filter((x) => x.parent === c.name);
      expect(n.children.map((x) => x.link?.counterpartyChainId).sort()).toEqual(children.map((x) => x.chainId).sort());
      for (const child of children) {
        const energy = linkChannel(state, c.name, child.name, "energy");
        const entry = n.children.find((x) => x.link?.counterpartyChainId === child.chainId);
        expect(entry).toMatchObject({ link: { neighbour: Neighbour.NEIGHBOUR_CHILD, energyChannelId: energy.parent.channelId, counterpartyEnergyChannelId: energy.child.channelId }, energyChannelState: "STATE_OPEN", peer: { known: true } });
      }
    }
    // transmission settles in CHF, regional-west in EUR: the link carries the topology's mapping.
    expect(neighbourhoods["regional-west"]?.parent?.link?.denomMap).toEqual([{ local: "ueur.leman", remote: "uchf.alpine" }]);
    expect(neighbourhoods["transmission"]?.children.find((x) => x.link?.counterpartyChainId === chainIds["regional-west"])?.link?.denomMap).toEqual([{ local: "uchf.alpine", remote: "ueur.leman" }]);

    // A Hello from the grandchild up to its parent: Hermes delivers it and brings the acknowledgement back.
    const valley = chain("local-valley");
    const energy = linkChannel(state, "regional-east", "local-valley", "energy");
    const operator = await client("local-valley", valley.gridOperator.name);
    const eastReader = await client("regional-east", "alice");
    const sentBefore = await operator.query.interchain.peer(energy.child.channelId);
    const receivedBefore = await eastReader.query.interchain.peer(energy.parent.channelId);
    const sequence = await operator.sendHello(valley.gridOperator.address, energy.child.channelId, 300);
    expect(sequence).toBeGreaterThan(0n);
    await waitFor("the Hello acknowledged on local-valley", () => operator.query.interchain.peer(energy.child.channelId), (p) => p.hellosAcknowledged === sentBefore.hellosAcknowledged + 1n, 120_000);
    const sent = await operator.query.interchain.peer(energy.child.channelId);
    expect(sent).toMatchObject({ hellosSent: sentBefore.hellosSent + 1n, hellosRefused: sentBefore.hellosRefused, hellosTimedOut: sentBefore.hellosTimedOut, known: true });
    // The acknowledgement carried regional-east's facts: its period and no bank of its own.
    expect(sent.periodSeconds).toBe(BigInt(chain("regional-east").periodSeconds));
    expect(sent.settlementDenoms).toEqual(chain("regional-east").banks.map((b) => b.denom));
    const received = await eastReader.query.interchain.peer(energy.parent.channelId);
    expect(received.hellosReceived).toBe(receivedBefore.hellosReceived + 1n);
    expect(received.settlementDenoms).toEqual(valley.banks.map((b) => b.denom));
    // Nothing is left in flight on the energy channel.
    expect(await waitFor("the energy channel drained", async () => (await networkStatus(state)).links.find((l) => l.child === "local-valley")?.channels.find((c) => c.type === "energy"), (c) => c?.pendingUp === 0 && c.pendingDown === 0, 60_000)).toBeDefined();
  });

  it("gives every link an interface account registered on both chains, and the parent the topology's bridge capacity each way, with no flow reserved", async () => {
    for (const l of state.links) {
      const energy = linkChannel(state, l.parent, l.child, "energy");
      const parent = await client(l.parent, "alice");
      const child = await client(l.child, "alice");
      const onParent = (await parent.query.interchain.neighbourhood()).children.find((c) => c.link?.energyChannelId === energy.parent.channelId)?.link;
      const onChild = (await child.query.interchain.neighbourhood()).parent?.link;
      for (const [c, link, channelId, side] of [[parent, onParent, energy.parent.channelId, "child"], [child, onChild, energy.child.channelId, "parent"]] as const) {
        const iface = link?.interfaceAccount ?? "";
        expect(iface, `${l.parent} -> ${l.child}: interface account on the ${side === "child" ? "parent" : "child"}`).toMatch(new RegExp(`^${BECH32_PREFIX}1`));
        // Registered as a non-personal participant: legal id and name from the link, no person behind it.
        expect(await c.query.balancing.participant(iface)).toMatchObject({ address: iface, legalId: `IFACE-${channelId.toUpperCase()}`, displayName: expect.stringContaining(`Interface to ${side}`) });
        // Holds value only in transit: nothing at all while no purchase is in flight.
        expect(await c.stargate.getAllBalances(iface)).toEqual([]);
      }
      // Derived from this chain's channel id: distinct from every other link's on the same chain
      // (the two ends may share an address, as both ends' channel ids may be equal, on different chains).
      const others = (await parent.query.interchain.neighbourhood()).children.filter((c) => c.link?.energyChannelId !== energy.parent.channelId);
      const parentsUplink = (await parent.query.interchain.neighbourhood()).parent?.link;
      for (const other of [...others.map((c) => c.link), parentsUplink]) if (other !== undefined) expect(other.interfaceAccount).not.toBe(onParent?.interfaceAccount);

      // gridnet step 6 set the default topology's 50 MWh per period each way on the parent.
      const now = await currentPeriod(parent);
      const usage = await parent.query.interchain.bridgeUsage(energy.parent.channelId, now, now + 1n);
      expect(usage.interfaceAccount).toBe(onParent?.interfaceAccount);
      expect(usage.usage).toEqual([now, now + 1n].flatMap((period) =>
        [BridgeDirection.BRIDGE_DIRECTION_UP, BridgeDirection.BRIDGE_DIRECTION_DOWN].map((direction) => ({ period, direction, capacityWh: 50_000_000n, reservedWh: 0n, freeWh: 50_000_000n }))));
      // The child keeps no capacity of its uplink: asking it is refused with a sentence.
      await expect(child.query.interchain.bridgeUsage(energy.child.channelId, now)).rejects.toThrow(/kept by the parent's grid operator/);
    }
  });
  it("serves the web UI for the network: the Network view in Chromium shows every chain advancing with its channels, and each chain's chain.json and assetlist.json match the chain", async () => {
    await withNetworkUi(async (page, url) => {
      for (const c of state.chains) {
        const onChain = await client(c.name, "alice");
        const chainJson = await getJson<RegistryChain>(`${url}chains/${c.name}/chain.json`);
        expect(chainJson.chain_id).toBe(await onChain.stargate.getChainId());
        expect(chainJson).toMatchObject({ chain_type: "cosmos", bech32_prefix: BECH32_PREFIX, slip44: 118, staking: { staking_tokens: [{ denom: "ugrid" }] } });
        expect(chainJson.apis.rpc[0]?.address).toBe(c.endpoints.rpc);
        expect(chainJson.apis.rest[0]?.address).toBe(c.endpoints.rest);
        const assets = await getJson<RegistryAssetList>(`${url}chains/${c.name}/assetlist.json`);
        expect(assets.chain_name).toBe(chainJson.chain_name);
        expect(assets.assets.map((a) => a.base).sort()).toEqual(["ugrid", ...c.banks.map((b) => b.denom)].sort());
        for (const bank of c.banks) {
          // The display unit and its exponent as x/fiat's Bank record on the chain has them.
          const record = await onChain.query.fiat.bank(bank.denom);
          const asset = assets.assets.find((a) => a.base === bank.denom);
          expect(asset).toMatchObject({ symbol: record.currency, display: record.displayDenom });
          expect(asset?.denom_units).toEqual([
            { denom: bank.denom, exponent: 0 },
            { denom: record.displayDenom, exponent: record.exponent },
          ]);
        }
        expect(await getJson<KeplrChainInfo>(`${url}chains/${c.name}/keplr.json`)).toEqual(keplrFromRegistry(chainJson, assets));
      }
      // The topology's three banks, each listed on its chain.
      expect(state.chains.flatMap((c) => c.banks)).toHaveLength(3);

      await page.goto(`${url}#/network`);
      const section = (name: string) => page.getByRole("region", { name: `Chain ${name}` });
      const heights = async (): Promise<Record<string, number>> =>
        Object.fromEntries(await Promise.all(state.chains.map(async (c) => [c.name, Number(((await section(c.name).locator(".height").textContent()) ?? "").replace(/,/g, ""))] as const)));
      await section(state.chains[state.chains.length - 1]?.name ?? "").waitFor({ timeout: 30_000 });
      const first = await heights();
      log(`Network view heights: ${JSON.stringify(first)}`);
      for (const c of state.chains) expect(first[c.name]).toBeGreaterThan(1);
      const names = state.chains.map((c) => c.name);
      await expect
        .poll(async () => {
          const now = await heights();
          return names.filter((n) => (now[n] ?? 0) > (first[n] ?? Infinity));
        }, { timeout: 60_000, interval: 1_000 })
        .toEqual(names);
      await expect.poll(() => Promise.all(names.map((n) => section(n).getAttribute("data-health"))), { timeout: 30_000 }).toEqual(names.map(() => "advancing"));
      // The tree: every chain inside its parent's list.
      for (const c of state.chains.filter((x) => x.parent !== undefined)) {
        expect(await page.getByRole("list", { name: `Chains under ${c.parent}` }).getByRole("region", { name: `Chain ${c.name}` }).count()).toBe(1);
      }
      for (const l of state.links) {
        const channels = section(l.child).getByRole("list", { name: `Channels between ${l.parent} and ${l.child}` });
        for (const ch of l.channels) {
          const text = (await channels.getByRole("listitem").filter({ hasText: `${l.parent} ${ch.parent.channelId}` }).textContent()) ?? "";
          expect(text).toContain(`${ch.type}: ${l.parent} ${ch.parent.channelId} ↔ ${l.child} ${ch.child.channelId}`);
          expect(text).toContain("open / open");
          expect(text).toMatch(/pending \d+ down, \d+ up/);
          if (ch.type === "energy") expect(text).toContain("linked on both chains");
        }
      }
      expect(await page.getByRole("region", { name: "Relayer" }).textContent()).toContain(`Healthy, v${HERMES_VERSION}: relays ${state.chains.length} chains`);
      // Each chain's invariants from the supervisor's last live check.
      for (const n of names) await expect.poll(() => section(n).locator(".invariants summary").textContent(), { timeout: 30_000 }).toMatch(/^All 6 invariants hold, checked at \d\d:\d\d:\d\d$/);
      expect(await section("transmission").getByRole("link", { name: "chain.json" }).getAttribute("href")).toBe("/chains/transmission/chain.json");

      // Below the tree, the chosen chain's links (the root's two children) with their interface
      // accounts and the 50 MWh per period gridnet set each way, nothing reserved.
      const bridges = page.getByRole("region", { name: "Links and bridge capacities" });
      await bridges.locator("tr[data-direction]").first().waitFor({ timeout: 30_000 });
      const rows = bridges.locator("tr[data-direction]");
      expect(await rows.count()).toBe(2 * state.chains.filter((c) => c.parent === "transmission").length);
      for (const text of await rows.allTextContents()) expect(text).toContain("50 MWh0 Wh (50 MWh free)0 Wh (50 MWh free)");

      await mkdir(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, "network.png"), fullPage: true });
      // Readable on a phone: nothing wider than the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await section("local-valley").waitFor();
      await page.waitForTimeout(1_500);
      await page.screenshot({ path: join(ARTIFACTS, "network-phone.png"), fullPage: true });
      const wide = await page.evaluate(() =>
        Array.from(document.querySelectorAll("main *"))
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent ?? "").slice(0, 40)}" right ${Math.round(e.getBoundingClientRect().right)}`),
      );
      // The view's own elements (the header is the app's, checked on every view by ui-delivery.chain.spec.ts).
      expect(wide, "elements of the Network view wider than a 390 px phone").toEqual([]);
    });
  });

  it("refunds fiat sent over IBC to an account the child chain has not admitted (the fence's error acknowledgement)", async () => {
    const chf = "uchf.alpine";
    const amount = 3_000_000n;
    const stranger = (await (await DirectSecp256k1HdWallet.generate(12, { prefix: BECH32_PREFIX })).getAccounts())[0]!.address;
    const start = await balance(chain("transmission"), address("alice"), chf);
    await transfer("transmission", "regional-east", "alice", amount, chf, 600, stranger);
    expect(await balance(chain("transmission"), address("alice"), chf)).toBe(start - amount);
    // regional-east refuses the voucher for a stranger; Hermes relays the error ack and the escrow refunds alice.
    await arrive("transmission", "alice", chf, start);
    expect(await balance(chain("regional-east"), stranger, voucherOn("regional-east", "transmission", chf).denom)).toBe(0n);
  });

  it("refuses a stranger's transaction at the door of every chain", async () => {
    const wallet = await DirectSecp256k1HdWallet.generate(12, { prefix: BECH32_PREFIX });
    const strangerAddress = (await wallet.getAccounts())[0]!.address;
    for (const c of state.chains) {
      const stranger = await GridledgerClient.connectWithSigner(c.endpoints.rpc, wallet);
      try {
        // The stranger has no account yet: give it some ugrid, the only token outsiders may hold.
        const operator = await client(c.name, plan.chains.find((p) => p.name === c.name)!.topology.gridOperator);
        const funded = await operator.signingClient.sendTokens(address(plan.chains.find((p) => p.name === c.name)!.topology.gridOperator), strangerAddress, [{ denom: "ugrid", amount: "1000" }], "auto");
        expect(funded.code).toBe(0);
        const attempt = stranger.signingClient.sendTokens(strangerAddress, address("alice"), [{ denom: "ugrid", amount: "1" }], { amount: [], gas: "200000" });
        await expect(attempt).rejects.toThrow(new RegExp(`${strangerAddress} is not admitted on ${c.chainId}: ask the grid operator to admit it`));
      } finally {
        stranger.disconnect();
      }
    }
  });

  it("moves fiat from the root down two levels and back, conserving supply on every chain", async () => {
    const chf = "uchf.alpine";
    const amount = 7_000_000n;
    const start = await balance(chain("transmission"), address("alice"), chf);
    const supplyBefore = await supply(chain("transmission"), chf);

    await transfer("transmission", "regional-east", "alice", amount, chf);
    const onEast = voucherOn("regional-east", "transmission", chf);
    await arrive("regional-east", "alice", onEast.denom, amount);
    expect(await balance(chain("transmission"), address("alice"), chf)).toBe(start - amount);

    await transfer("regional-east", "local-valley", "alice", amount, onEast.denom);
    const onValley = voucherOn("local-valley", "regional-east", onEast.path);
    await arrive("local-valley", "alice", onValley.denom, amount);
    expect(await tracePath(chain("local-valley"), onValley.denom)).toBe(onValley.path);
    expect(await balance(chain("regional-east"), address("alice"), onEast.denom)).toBe(0n);

    await transfer("local-valley", "regional-east", "alice", amount, onValley.denom);
    await arrive("regional-east", "alice", onEast.denom, amount);
    await transfer("regional-east", "transmission", "alice", amount, onEast.denom);
    await arrive("transmission", "alice", chf, start);
    expect(await supply(chain("regional-east"), onEast.denom)).toBe(0n);
    expect(await supply(chain("local-valley"), onValley.denom)).toBe(0n);
    expect(await supply(chain("transmission"), chf)).toBe(supplyBefore);
  });

  it("sends local-community francs two hops up and one down, as the right voucher, and unwinds them home", async () => {
    const valley = "uchf.valley";
    const amount = 3_500_000n;
    const start = await balance(chain("local-valley"), address("carol"), valley);
    expect(start).toBeGreaterThanOrEqual(amount);

    await transfer("local-valley", "regional-east", "carol", amount, valley);
    const onEast = voucherOn("regional-east", "local-valley", valley);
    await arrive("regional-east", "carol", onEast.denom, amount);
    await transfer("regional-east", "transmission", "carol", amount, onEast.denom);
    const onRoot = voucherOn("transmission", "regional-east", onEast.path);
    await arrive("transmission", "carol", onRoot.denom, amount);
    await transfer("transmission", "regional-west", "carol", amount, onRoot.denom);
    const onWest = voucherOn("regional-west", "transmission", onRoot.path);
    await arrive("regional-west", "carol", onWest.denom, amount);
    // Three hops of trace, down to the local bank's base denom.
    const westTrace = await getJson<{ denom: { base: string; trace: unknown[] } }>(`${chain("regional-west").endpoints.rest}/ibc/apps/transfer/v1/denoms/${onWest.denom.slice(4)}`);
    expect(westTrace.denom.base).toBe(valley);
    expect(westTrace.denom.trace).toHaveLength(3);

    // Home again the way it came: each hop unwinds one voucher.
    await transfer("regional-west", "transmission", "carol", amount, onWest.denom);
    await arrive("transmission", "carol", onRoot.denom, amount);
    await transfer("transmission", "regional-east", "carol", amount, onRoot.denom);
    await arrive("regional-east", "carol", onEast.denom, amount);
    await transfer("regional-east", "local-valley", "carol", amount, onEast.denom);
    await arrive("local-valley", "carol", valley, start);
    for (const [c, d] of [["regional-west", onWest.denom], ["transmission", onRoot.denom], ["regional-east", onEast.denom]] as const) {
      expect(await supply(chain(c), d)).toBe(0n);
    }
  });

  it("completes transfers in flight when Hermes is killed: the supervisor restarts it", async () => {
    const chf = "uchf.alpine";
    const onWest = voucherOn("regional-west", "transmission", chf);
    const before = await balance(chain("regional-west"), address("alice"), onWest.denom);
    const killed = await runningHermes(state.hermes);
    expect(killed).toBeGreaterThan(0);
    await transfer("transmission", "regional-west", "alice", 1_000_000n, chf);
    await transfer("transmission", "regional-west", "alice", 2_000_000n, chf);
    process.kill(killed as number, "SIGKILL");
    const restarted = await waitFor("a new Hermes", () => runningHermes(state.hermes), (pid) => pid !== undefined && pid !== killed, 30_000);
    expect(restarted).not.toBe(killed);
    await arrive("regional-west", "alice", onWest.denom, before + 3_000_000n, 180_000);
    // Bring the francs home so later tests start from plain balances.
    await transfer("regional-west", "transmission", "alice", before + 3_000_000n, onWest.denom);
    await arrive("regional-west", "alice", onWest.denom, 0n);
  });

  it("refunds the sender when Hermes stays down past the packet's timeout, minting nothing on the far side", async () => {
    const chf = "uchf.alpine";
    const onEast = voucherOn("regional-east", "transmission", chf);
    const start = await balance(chain("transmission"), address("metro-trading"), chf);
    const eastBefore = await supply(chain("regional-east"), onEast.denom);
    await pauseHermes(state);
    expect(await stopHermes(state.hermes, log)).toBe(true);

    await transfer("transmission", "regional-east", "metro-trading", 5_000_000n, chf, 15);
    expect(await balance(chain("transmission"), address("metro-trading"), chf)).toBe(start - 5_000_000n);
    // Wait until the receiving chain's clock is past the timeout, then let Hermes back.
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    await waitForBlocks(chain("regional-east").endpoints.rpc, ((await latestHeight(chain("regional-east").endpoints.rpc)) ?? 0) + 2, 30_000, { log });
    await resumeHermes(state);
    await startHermes({ binary: state.hermes.binary, plan: state.hermes }, log);

    await arrive("transmission", "metro-trading", chf, start, 180_000);
    expect(await supply(chain("regional-east"), onEast.denom)).toBe(eastBefore);
    expect(await balance(chain("regional-east"), address("metro-trading"), onEast.denom)).toBe(0n);
    const status = await networkStatus(state);
    const link = status.links.find((l) => l.child === "regional-east");
    expect(link?.channels[0]?.pendingDown).toBe(0);
  });

  it("resumes a single-validator child killed with SIGKILL with the same app hash and its data", async () => {
    const west = chain("regional-west");
    const bob = address("bob");
    const eur = "ueur.leman";
    const held = await balance(west, bob, eur);
    expect(held).toBeGreaterThan(0n);
    // The header of block H carries the app hash after block H-1.
    const status = await getJson<{ result: { sync_info: { latest_block_height: string; latest_app_hash: string } } }>(`${west.endpoints.rpc}/status`);
    const height = Number(status.result.sync_info.latest_block_height);
    const appHash = status.result.sync_info.latest_app_hash;
    const spec = plan.chains.find((c) => c.name === "regional-west")?.spec;
    if (!spec) throw new Error("no plan for regional-west");
    const pid = (await startNode(spec, { log })).pid; // the running node: startNode reuses it
    process.kill(pid, "SIGKILL");
    await waitFor("the node to die", () => latestHeight(west.endpoints.rpc), (h) => h === undefined, 30_000);

    await startNode(spec, { log });
    await waitForBlocks(west.endpoints.rpc, height + 3, 120_000, { log });
    const header = async (h: number) => (await getJson<{ result: { block: { header: { app_hash: string } } } }>(`${west.endpoints.rpc}/block?height=${h}`)).result.block.header;
    // The history is intact: block H is the block it was before the kill.
    expect((await header(height)).app_hash).toBe(appHash);
    // And the application state resumed where the chain is: the app hash the application reports
    // after its last block is the one the next block commits to (a state that lost writes would
    // commit to another hash, and CometBFT's handshake would refuse to start).
    const info = await getJson<{ result: { response: { last_block_height: string; last_block_app_hash: string } } }>(`${west.endpoints.rpc}/abci_info`);
    const last = Number(info.result.response.last_block_height);
    await waitForBlocks(west.endpoints.rpc, last + 1, 30_000, { log });
    expect(Buffer.from((await header(last + 1)).app_hash, "hex").toString("base64")).toBe(info.result.response.last_block_app_hash);
    expect(await balance(west, bob, eur)).toBe(held);

    // Still linked: a transfer to the restarted chain arrives.
    const onWest = voucherOn("regional-west", "transmission", "uchf.alpine");
    const before = await balance(west, address("alice"), onWest.denom);
    await transfer("transmission", "regional-west", "alice", 1_000_000n, "uchf.alpine");
    await arrive("regional-west", "alice", onWest.denom, before + 1_000_000n, 180_000);
    await transfer("regional-west", "transmission", "alice", before + 1_000_000n, onWest.denom);
    await arrive("regional-west", "alice", onWest.denom, 0n);
  });

  it("keeps the root producing blocks with one of its four validators stopped", async () => {
    const root = plan.chains.find((c) => c.name === "transmission")?.spec;
    if (!root) throw new Error("no plan for transmission");
    const stopped = state.chains[0]?.nodes[3];
    if (!stopped) throw new Error("the root has no fourth validator");
    expect(await stopNode(stopped.home, { log })).toBe(true);
    try {
      const rpc = chain("transmission").endpoints.rpc;
      const h = (await latestHeight(rpc)) ?? 0;
      await waitForBlocks(rpc, h + 5, 60_000, { log });
      expect(await latestHeight(stopped.endpoints.rpc)).toBeUndefined();
    } finally {
      await startNode(root, { index: 3, log });
    }
    await waitFor("validator 3 to catch up", () => latestHeight(stopped.endpoints.rpc), (h) => (h ?? 0) > 0, 60_000);
  });
  it("lets a node join the root by state sync from a snapshot of a filled market: it catches up, its app hash matches, and it answers queries as a validator does", async () => {
    const root = chain("transmission");
    const chf = "uchf.alpine";
    // The market filled: seeded offers and fiat, and a trade made now, before the snapshot.
    const metro = address("metro-trading");
    const { tokenId, paid } = await buyHydroOffer(await client("transmission", "metro-trading"), metro, address("alpenkraft"), chf);
    expect(paid).toBeGreaterThan(0n);
    const tradedAt = (await latestHeight(root.endpoints.rpc)) ?? 0;
    await waitForBlocks(root.endpoints.rpc, tradedAt + SNAPSHOT_INTERVAL + 2, 120_000, { log });

    const joined = await joinChain({ home, chain: "transmission", log });
    state = joined.state;
    const node = joined.node;
    expect(joined.created).toBe(true);
    expect(node.name).toBe("full-0");
    // It restored a snapshot taken after the trade, and did not replay the chain from genesis:
    // its block store begins right after the snapshot.
    const snapshot = node.snapshotHeight ?? 0;
    expect(snapshot).toBeGreaterThanOrEqual(tradedAt);
    expect(snapshot % SNAPSHOT_INTERVAL).toBe(0);
    const sync = (await getJson<{ result: { sync_info: { earliest_block_height: string; catching_up: boolean } } }>(`${node.endpoints.rpc}/status`)).result.sync_info;
    expect(Number(sync.earliest_block_height)).toBe(snapshot + 1);
    expect(sync.catching_up).toBe(false);
    // Its application state lives in PebbleDB, like the validators' (ADR 006).
    expect((await readdir(join(node.home, "data", "application.db"))).some((f) => f.startsWith("OPTIONS-"))).toBe(true);
    // `gridnet status` lists it under the root, running and following.
    const listed = (await networkStatus(state)).chains.find((c) => c.name === "transmission")?.fullNodes;
    expect(listed).toHaveLength(1);
    expect(listed?.[0]).toMatchObject({ name: "full-0", rpc: node.endpoints.rpc, snapshotHeight: snapshot, catchingUp: false });
    expect(listed?.[0]?.pid).toBeGreaterThan(0);

    // Its own app hash after its last block is the one the validators' next block commits to.
    const info = await getJson<{ result: { response: { last_block_height: string; last_block_app_hash: string } } }>(`${node.endpoints.rpc}/abci_info`);
    const last = Number(info.result.response.last_block_height);
    expect(last).toBeGreaterThan(snapshot);
    await waitForBlocks(root.endpoints.rpc, last + 1, 30_000, { log });
    const header = (await getJson<{ result: { block: { header: { app_hash: string } } } }>(`${root.endpoints.rpc}/block?height=${last + 1}`)).result.block.header;
    expect(Buffer.from(header.app_hash, "hex").toString("base64")).toBe(info.result.response.last_block_app_hash);
    // The same height range as the validators.
    const [joinedHeight, rootHeight] = await Promise.all([latestHeight(node.endpoints.rpc), latestHeight(root.endpoints.rpc)]);
    expect(Math.abs((joinedHeight ?? 0) - (rootHeight ?? 0))).toBeLessThanOrEqual(3);

    // The same answers as a validator at the same height, over every store the market wrote.
    const answers = new Map<string, unknown>();
    for (const path of marketQueries(chf, tokenId, metro)) {
      const [mine, theirs] = await Promise.all([getAt(node.endpoints.rest, path, last), getAt(root.nodes[1]?.endpoints.rest ?? root.endpoints.rest, path, last)]);
      expect(mine.status, `${path}: ${JSON.stringify(mine.body).slice(0, 300)}`).toBe(200);
      expect(mine, path).toEqual(theirs);
      answers.set(path.split("?")[0] as string, mine.body);
    }
    // ...and they hold the filled market: the trade, the offers left, the fiat issued.
    const trades = answers.get(`/gridledger/energy/v1/tokens/${tokenId}/trades`) as { trades: Array<{ buyer: string; seller: string }> };
    expect(trades.trades).toContainEqual(expect.objectContaining({ buyer: metro, seller: address("alpenkraft") }));
    const offers = answers.get("/gridledger/energy/v1/offers") as { tokens: Array<{ id: string }> };
    expect(offers.tokens.length).toBeGreaterThan(0);
    expect(offers.tokens.map((t) => t.id)).not.toContain(String(tokenId));
    const bank = answers.get(`/gridledger/fiat/v1/banks/${chf}`) as { bank: { minted: string } };
    expect(BigInt(bank.bank.minted)).toBeGreaterThan(0n);
    const supplied = answers.get("/cosmos/bank/v1beta1/supply/by_denom") as { amount: { amount: string } };
    expect(BigInt(supplied.amount.amount)).toBeGreaterThan(0n);
    // A state the node does not have (before its snapshot) is refused, not answered from another height.
    expect((await getAt(node.endpoints.rest, `/cosmos/bank/v1beta1/supply/by_denom?denom=${chf}`, snapshot - 1)).status).not.toBe(200);
  });

  it("comes back on the same channels after `gridnet down` and `gridnet up`, with Hermes relaying", async () => {
    const before = { ids: channelIds(state), counts: await channelCounts() };
    expect(before.ids).toHaveLength(6);
    const joined = chain("transmission").fullNodes?.[0];
    if (!joined) throw new Error("the root has no joined node (the state-sync test runs before this one)");
    await down(home, log);
    expect(await runningHermes(state.hermes)).toBeUndefined();
    expect(await runningSupervisor(home)).toBeUndefined();
    expect(await latestHeight(chain("transmission").endpoints.rpc)).toBeUndefined();
    expect(await runningPid(joined.home)).toBeUndefined();

    const started = Date.now();
    state = await up({ topologyFile: DEFAULT_TOPOLOGY, home, portBase, log });
    log(`up after down: ${Math.round((Date.now() - started) / 1000)} s`);
    await expectSameLinksRelaying(before);
    // The joined node is started again from its own data (no second state sync) and follows the root.
    expect(chain("transmission").fullNodes).toEqual([joined]);
    const follower = (await networkStatus(state)).chains.find((c) => c.name === "transmission")?.fullNodes?.[0];
    expect(follower?.pid).toBeGreaterThan(0);
    expect(follower?.catchingUp).toBe(false);
    const rootHeight = (await latestHeight(chain("transmission").endpoints.rpc)) ?? 0;
    await waitForBlocks(joined.endpoints.rpc, rootHeight, 60_000, { log });
    const sync = (await getJson<{ result: { sync_info: { earliest_block_height: string } } }>(`${joined.endpoints.rpc}/status`)).result.sync_info;
    expect(Number(sync.earliest_block_height)).toBe((joined.snapshotHeight ?? 0) + 1);
  });

  it("adopts the channels open on the chains when gridnet-state.json has lost its links, opening none", async () => {
    const before = { ids: channelIds(state), counts: await channelCounts() };
    await writeState({ ...state, links: [] });
    state = await up({ topologyFile: DEFAULT_TOPOLOGY, home, portBase, log });
    await expectSameLinksRelaying(before);
  });

  it("comes back on the same channels after every root validator is killed with SIGKILL and `gridnet up`", async () => {
    const before = { ids: channelIds(state), counts: await channelCounts() };
    const root = chain("transmission");
    const pids = await Promise.all(root.nodes.map((n) => runningPid(n.home)));
    expect(pids.every((p) => p !== undefined)).toBe(true);
    for (const pid of pids) process.kill(pid as number, "SIGKILL");
    await waitFor("the root to stop answering", () => latestHeight(root.endpoints.rpc), (h) => h === undefined, 30_000);

    const started = Date.now();
    state = await up({ topologyFile: DEFAULT_TOPOLOGY, home, portBase, log });
    log(`up after SIGKILL of the root: ${Math.round((Date.now() - started) / 1000)} s`);
    for (const n of chain("transmission").nodes) expect(await runningPid(n.home)).toBeGreaterThan(0);
    await expectSameLinksRelaying(before);
  });

  // Issue 15: cross-grid purchases through real Hermes. local-valley's school buys Leman Solar's
  // output on regional-west over three links (valley -> east -> transmission -> west), paying in
  // the euros gridnet carried to it (step 7). Each test leaves the network's invariants (afterEach).
  describe("cross-grid purchases from local-valley of regional-west tokens, through Hermes", () => {
    const route = ["local-valley", "regional-east", "transmission", "regional-west"];
    const eur = "ueur.leman";
    const reader: Reader = (name) => client(name, "alice");
    const hermes = () => ({ binary: state.hermes.binary, plan: state.hermes });
    const school = () => address("valley-school");
    const ids = () => route.map((n) => chain(n).chainId);

    /** offerSolar issues and offers a small Leman Solar token on regional-west (0.25 MWh), periodsAhead from now. */
    const offerSolar = async (periodsAhead: bigint, capabilities?: Parameters<typeof offerToken>[2]["capabilities"]) =>
      offerToken(await client("regional-west", "leman-solar"), address("leman-solar"), {
        meterId: "leman-pv-1",
        denom: eur,
        pricePerMwh: 72_000_000n,
        whPerPeriod: 31_250n,
        periods: 8n,
        periodsAhead,
        ...(capabilities === undefined ? {} : { capabilities }),
      });

    /** snapshot records what a purchase of token t may change: the buyer's and operators' balances, capacity on every link, the school's tokens. */
    async function snapshot(t: Token) {
      const links = routeLinks(state, route);
      const denoms = denomAlong(state, route, eur);
      return {
        links,
        denoms,
        ledger: await ledger(state, reader, route, denoms, school()),
        reserved: await reservedWh(reader, links, t.firstPeriod, t.lastPeriod),
        schoolTokens: (await (await reader("local-valley")).query.energy.tokensByOwner(school())).tokens.length,
      };
    }

    /** expectAsBefore checks a refunded purchase left every chain as it was: balances, capacity, tokens, interface accounts. */
    async function expectAsBefore(t: Token, before: Awaited<ReturnType<typeof snapshot>>) {
      expect(await ledger(state, reader, route, before.denoms, school())).toEqual(before.ledger);
      expect(await reservedWh(reader, before.links, t.firstPeriod, t.lastPeriod)).toEqual(before.reserved);
      expect((await (await reader("local-valley")).query.energy.tokensByOwner(school())).tokens.length).toBe(before.schoolTokens);
      expect(await interfaceHoldings(reader, route)).toEqual([]);
    }

    /** quote quotes t for the school; follow follows a purchase hop by hop, logging every change. */
    async function quote(t: Token) {
      return quoteRemotePurchase(await chainQueries(state, reader), chain("local-valley").chainId, chain("regional-west").chainId, t.id);
    }
    async function follow(purchaseId: string, timeoutMs = 300_000) {
      let last = "";
      return followPurchase(await chainQueries(state, reader), ids(), purchaseId, {
        intervalMs: 500,
        timeoutMs,
        onProgress: (p) => {
          const now = p.map((h, k) => `${route[k]}: ${h.hop === undefined ? "-" : PurchaseState[h.hop.state]}`).join(", ");
          if (now !== last) log(`purchase ${purchaseId}: ${(last = now)}`);
        },
      });
    }

    it("after `gridnet up`, the school holds the euros carried once over three links, every parent charges a fee on each child link, and Leman Solar offers its output", async () => {
      // Carried exactly once, although the network was brought up four times by now.
      const denoms = denomAlong(state, route, eur);
      expect(await balance(chain("local-valley"), school(), denoms[0] as string)).toBe(300_000_000n);
      expect(await tracePath(chain("local-valley"), denoms[0] as string)).toMatch(/^transfer\/channel-\d+\/transfer\/channel-\d+\/transfer\/channel-\d+\/ueur\.leman$/);
      expect(state.vouchers).toHaveLength(1);
      for (const l of state.links) {
        const energy = linkChannel(state, l.parent, l.child, "energy");
        const fees = (await (await reader(l.parent)).query.interchain.linkFees()).filter((f) => f.channelId === energy.parent.channelId);
        expect(fees.map((f) => [f.baseDenom, f.feePerMwh]).sort()).toEqual([["uchf.alpine", "500000"], ["uchf.valley", "500000"], ["ueur.leman", "500000"]]);
      }
      const offers = await (await reader("regional-west")).query.energy.offers({ side: Side.SIDE_CONSUMER, denom: eur, category: EnergyCategory.ENERGY_CATEGORY_SOLAR });
      expect(offers.tokens.filter((t) => t.issuer === address("leman-solar") && t.consumer?.ask?.forSale)).toHaveLength(2);
    });

    it("buys a Leman Solar token from local-valley over three links: quoted, bought, followed hop by hop to done on every chain, each link's fee charged once", async () => {
      const offers = await (await reader("regional-west")).query.energy.offers({ side: Side.SIDE_CONSUMER, denom: eur, category: EnergyCategory.ENERGY_CATEGORY_SOLAR });
      const t = offers.tokens.find((x) => x.issuer === address("leman-solar") && x.consumer?.ask?.forSale);
      if (t === undefined) throw new Error("Leman Solar offers nothing on regional-west");
      const before = await snapshot(t);
      const q = await quote(t);
      expect(q.route).toEqual(ids().slice(1));
      expect(q.payDenom).toBe(before.denoms[0]);
      const wh = (t.lastPeriod - t.firstPeriod + 1n) * t.whPerPeriod;
      expect(q.linkFees).toEqual([0, 1, 2].map(() => (500_000n * wh + 999_999n) / 1_000_000n));

      const { purchaseId, paid } = await (await client("local-valley", "valley-school")).buyRemote(school(), "valley-school-1", q);
      expect(paid).toBe(q.total);
      expect(await balance(chain("local-valley"), school(), q.payDenom)).toBe(before.ledger.buyer - q.total);
      const progress = await follow(purchaseId);
      await expectDoneEverywhere(state, reader, route, progress, purchaseId, school(), t.id);

      // Paid exactly the quote; each link's fee once, to the link's parent (transmission: two links, east: one).
      const after = await ledger(state, reader, route, before.denoms, school());
      expect(after.buyer).toBe(before.ledger.buyer - q.total);
      const fees = feesByChain(route, before.links, q);
      expect(fees).toEqual([0n, q.linkFees[0], (q.linkFees[1] ?? 0n) + (q.linkFees[2] ?? 0n), 0n]);
      expect(after.operators.map((b, k) => b - (before.ledger.operators[k] as bigint))).toEqual(fees);
      // Capacity reserved on every link for every period of the token; interface accounts empty again.
      const periods = t.lastPeriod - t.firstPeriod + 1n;
      expect((await reservedWh(reader, before.links, t.firstPeriod, t.lastPeriod)).map((r, i) => r - (before.reserved[i] as bigint))).toEqual([wh, wh, wh].map(() => periods * t.whPerPeriod));
      expect(await interfaceHoldings(reader, route)).toEqual([]);
    });

    it("completes a purchase when Hermes is killed mid-flight: the supervisor restarts Hermes", async () => {
      const t = await offerSolar(300n);
      const before = await snapshot(t);
      const q = await quote(t);
      const killed = await runningHermes(state.hermes);
      expect(killed).toBeGreaterThan(0);
      const { purchaseId } = await (await client("local-valley", "valley-school")).buyRemote(school(), "valley-school-1", q);
      expect((await purchaseProgress(await chainQueries(state, reader), ids(), purchaseId))[0]?.hop?.state).toBe(PurchaseState.PURCHASE_STATE_PENDING);
      process.kill(killed as number, "SIGKILL");
      const restarted = await waitFor("a new Hermes", () => runningHermes(state.hermes), (pid) => pid !== undefined && pid !== killed, 60_000);
      expect(restarted).not.toBe(killed);
      const progress = await follow(purchaseId);
      await expectDoneEverywhere(state, reader, route, progress, purchaseId, school(), t.id);
      const after = await ledger(state, reader, route, before.denoms, school());
      expect(after.buyer).toBe(before.ledger.buyer - q.total);
      expect(after.operators.map((b, k) => b - (before.ledger.operators[k] as bigint))).toEqual(feesByChain(route, before.links, q));
      expect(await interfaceHoldings(reader, route)).toEqual([]);
    });

    it("refunds a purchase on every chain when Hermes is down past its timeout, then started again: capacity released, no token left", async () => {
      const t = await offerSolar(320n);
      const before = await snapshot(t);
      const q = await quote(t);
      await pauseHermes(state);
      expect(await stopHermes(state.hermes, log)).toBe(true);
      try {
        // 150 s: each hop's packet times out 30 s before the one that brought it (ADR 024 §4), so
        // transmission's packet to regional-west times out 90 s after the purchase.
        const { purchaseId } = await (await client("local-valley", "valley-school")).buyRemote(school(), "valley-school-1", q, q.total, 150);
        expect(await balance(chain("local-valley"), school(), q.payDenom)).toBe(before.ledger.buyer - q.total);
        // Relay the first two hops by hand, so the purchase waits at transmission with value,
        // fees and capacity held on three chains, and its last packet times out.
        const queries = await chainQueries(state, reader);
        const hopOn = async (k: number) => (await purchaseProgress(queries, ids(), purchaseId))[k]?.hop;
        await hermesJson(hermes(), ["clear", "packets", "--chain", chain("local-valley").chainId, "--port", "energy", "--channel", linkChannel(state, "regional-east", "local-valley", "energy").child.channelId]);
        await waitFor("the purchase pending on regional-east", () => hopOn(1), (h) => h?.state === PurchaseState.PURCHASE_STATE_PENDING, 60_000);
        await hermesJson(hermes(), ["clear", "packets", "--chain", chain("regional-east").chainId, "--port", "energy", "--channel", linkChannel(state, "transmission", "regional-east", "energy").child.channelId]);
        const atRoot = await waitFor("the purchase pending on transmission", () => hopOn(2), (h) => h?.state === PurchaseState.PURCHASE_STATE_PENDING, 60_000);
        expect(await hopOn(3)).toBeUndefined();
        // Held meanwhile: capacity on all three links.
        expect((await reservedWh(reader, before.links, t.firstPeriod, t.lastPeriod)).map((r, i) => r - (before.reserved[i] as bigint))).toEqual([1, 2, 3].map(() => (t.lastPeriod - t.firstPeriod + 1n) * t.whPerPeriod));
        // Wait until regional-west's clock is past transmission's outbound timeout.
        const outTimeoutMs = Number((atRoot?.packet?.timeoutTimestamp ?? 0n) / 1_000_000n) - 30_000;
        await waitFor("regional-west's clock past the last hop's timeout", async () => Date.parse((await getJson<{ result: { sync_info: { latest_block_time: string } } }>(`${chain("regional-west").endpoints.rpc}/status`)).result.sync_info.latest_block_time), (ms) => ms > outTimeoutMs + 2_000, 180_000);
        await resumeHermes(state);
        await startHermes(hermes(), log);
        const progress = await follow(purchaseId);
        expectRefundedEverywhere(progress, 3);
        await waitFor("refunded on every chain it reached", () => purchaseProgress(queries, ids(), purchaseId), (p) => p.slice(0, 3).every((h) => h.hop?.state === PurchaseState.PURCHASE_STATE_REFUNDED), 60_000);
      } finally {
        await resumeHermes(state);
        if ((await runningHermes(state.hermes)) === undefined) await startHermes(hermes(), log);
      }
      await expectAsBefore(t, before);
      // The token is still Leman Solar's, on offer.
      const still = await (await reader("regional-west")).query.energy.token(t.id);
      expect(still.consumer).toMatchObject({ owner: address("leman-solar"), ask: { forSale: true } });
    });

    it("refunds a purchase on every chain when the remote side was sold to someone else between quote and arrival", async () => {
      const t = await offerSolar(340n);
      const q = await quote(t);
      // bob, a consumer on regional-west, buys the side after the school's quote.
      await (await client("regional-west", "bob")).buySide(address("bob"), { tokenId: t.id, side: Side.SIDE_CONSUMER, maxPricePerMwh: q.pricePerMwh, denom: eur });
      const before = await snapshot(t);
      const { purchaseId } = await (await client("local-valley", "valley-school")).buyRemote(school(), "valley-school-1", q);
      const progress = await follow(purchaseId);
      // regional-west refused (an error ack drops its receipt), every chain before it refunded.
      const settled = await waitFor("refunded on every chain it reached", async () => purchaseProgress(await chainQueries(state, reader), ids(), purchaseId), (p) => p.slice(0, 3).every((h) => h.hop?.state === PurchaseState.PURCHASE_STATE_REFUNDED), 60_000);
      expectRefundedEverywhere(progress.slice(0, 1), 1);
      expectRefundedEverywhere(settled, 3);
      await expectAsBefore(t, before);
      expect((await (await reader("regional-west")).query.energy.token(t.id)).consumer?.owner).toBe(address("bob"));
    });

    it("cancels a done purchase's whole chain of tokens when the root's operator redispatches it: cancelled on every chain, capacity released, the school paid back what regional-west held for delivery", async () => {
      // Redispatch offered at a price of zero: the operator owes no compensation, so the root's
      // operator needs no euros (ADR 027: it would pay the price in the purchase's currency there).
      const t = await offerSolar(360n, { redispatch: { mobilisationSeconds: 900, pricePerMwh: 0 } });
      const before = await snapshot(t);
      const q = await quote(t);
      const { purchaseId } = await (await client("local-valley", "valley-school")).buyRemote(school(), "valley-school-1", q);
      const done = await follow(purchaseId);
      await expectDoneEverywhere(state, reader, route, done, purchaseId, school(), t.id);
      const paid = (await ledger(state, reader, route, before.denoms, school())).buyer;
      expect(paid).toBe(before.ledger.buyer - q.total);
      const prepaid = BigInt(done[3]?.hop?.prepaid ?? "0");
      expect(prepaid).toBeGreaterThan(0n);

      // The root's grid operator redispatches it from the Network view, as an operator would.
      await withNetworkUi(async (page, url) => {
        await page.goto(`${url}#/network`);
        await page.locator("#chain").selectOption("transmission");
        await page.locator("#account").selectOption("demo:tso");
        const form = page.getByRole("form", { name: "Redispatch a cross-grid purchase" });
        await form.waitFor({ timeout: 60_000 });
        await form.getByLabel("Purchase id").fill(purchaseId);
        await form.getByLabel("Reason").fill("congestion on the root");
        await form.getByRole("button", { name: "Cancel across the grids" }).click();
        // The view follows the cancel hop by hop until it is cancelled on every chain.
        await page.locator('[data-cancel="cancelled"]').waitFor({ timeout: 300_000 });
        const hops = page.locator(".redispatch-progress ol.hops li");
        expect(await hops.evaluateAll((els) => els.map((e) => [e.getAttribute("data-chain"), e.getAttribute("data-state")]))).toEqual(route.map((n) => [n, "cancelled"]));
        expect(await page.getByTestId("cancel-outcome").textContent()).toContain(`purchase ${purchaseId} is cancelled on every chain`);
        await keepScreenshot(page, "redispatch");
      });
      const tso = await client("transmission", "tso");
      let last = "";
      const { outcome, progress } = await followCancel(await chainQueries(state, reader), ids(), purchaseId, {
        intervalMs: 500,
        timeoutMs: 300_000,
        onProgress: (p) => {
          const now = p.map((h, k) => `${route[k]}: ${h.hop === undefined ? "-" : PurchaseState[h.hop.state]}`).join(", ");
          if (now !== last) log(`cancel of ${purchaseId}: ${(last = now)}`);
        },
      });
      expect(outcome).toBe("cancelled");
      expect(progress.map((h) => h.hop?.state)).toEqual(route.map(() => PurchaseState.PURCHASE_STATE_CANCELLED));
      // The school got back what regional-west held for delivery (no bank fee on money in transit);
      // the ask and the link fees stay paid, as ADR 027 agrees.
      expect((await ledger(state, reader, route, before.denoms, school())).buyer).toBe(paid + prepaid);
      // Its token is gone, and so is every chain's bridge token; capacity is free again; nothing sits in an interface account.
      expect((await (await reader("local-valley")).query.energy.tokensByOwner(school())).tokens.length).toBe(before.schoolTokens);
      expect(await reservedWh(reader, before.links, t.firstPeriod, t.lastPeriod)).toEqual(before.reserved);
      expect(await interfaceHoldings(reader, route)).toEqual([]);
      // A second cancel of the same purchase is refused on the chain it is sent to.
      await expect(tso.cancelRemote(address("tso"), purchaseId, "again")).rejects.toThrow(/not done/);
    });
  });

  it("lets the valley's consumer buy a transmission token from the UI: the Market quotes the route, each link's grid fee and the total, and the purchase is followed until done on every chain", async () => {
    // The tests above buy regional-west's euro offers over three links with gridnet's link fees and
    // vouchers; this one shows the UI on a second path: a small transmission token in francs, over
    // two links, with link fees and vouchers of its own (support/remotepurchase.ts).
    const setup = await prepareRemotePurchase(state, client, address, log);
    const wh = setup.whPerPeriod * setup.periods;
    const fee = (perMwh: bigint) => (perMwh * wh + 999_999n) / 1_000_000n;
    await withNetworkUi(async (page, url) => {
      await page.goto(`${url}#/market`);
      await page.locator("#chain").selectOption("local-valley");
      await page.locator("#account").selectOption("demo:valley-school");
      const remote = page.getByRole("region", { name: "Offers from other grids" });
      const row = remote.getByTestId(`remote-offer-transmission-${setup.tokenId}`);
      await row.waitFor({ timeout: 60_000 });
      const text = (await row.textContent()) ?? "";
      expect(text).toContain("local-valley → regional-east → transmission");
      // The seller by its name on its own chain.
      expect(text).toContain("from Alpenkraft Hydro AG");
      // Each link's fee, charged by the link's parent, once: CHF 0.40 and CHF 0.80 for 0.4 MWh.
      expect(text).toContain(`local-valley → regional-east: CHF ${(Number(fee(REMOTE_FEES["regional-east"])) / 1e6).toFixed(2)}`);
      expect(text).toContain(`regional-east → transmission: CHF ${(Number(fee(REMOTE_FEES.transmission)) / 1e6).toFixed(2)}`);
      // The total is the client's quote: ask and face value, the bank's fees on transmission, both link fees.
      const queries = new Map(await Promise.all(state.chains.map(async (c) => [c.chainId, (await client(c.name, "alice")).query] as const)));
      const quote = await quoteRemotePurchase(queries, chain("local-valley").chainId, chain("transmission").chainId, setup.tokenId);
      expect(quote.linkFees).toEqual([fee(REMOTE_FEES["regional-east"]), fee(REMOTE_FEES.transmission)]);
      expect(quote.payDenom).toBe(setup.voucher);
      const chf = (base: bigint) => `CHF ${(base / 1_000_000n).toString()}.${(base % 1_000_000n).toString().padStart(6, "0").replace(/0{1,4}$/, "")}`;
      expect(await row.getByTestId("remote-total").textContent()).toBe(chf(quote.total));

      await row.getByRole("button", { name: "Buy from transmission" }).click();
      const dialog = page.getByRole("dialog");
      expect(await dialog.getByTestId("remote-quote-total").textContent()).toContain(chf(quote.total));
      const confirm = dialog.getByTestId("confirm-remote-buy");
      await expect.poll(() => confirm.isEnabled(), { timeout: 30_000 }).toBe(true);
      await confirm.click();
      await dialog.getByTestId("remote-bought").waitFor({ timeout: 60_000 });
      const hops = dialog.locator("ol.hops li");
      await dialog.locator('[data-outcome="done"]').waitFor({ timeout: 240_000 });
      expect(await hops.evaluateAll((els) => els.map((e) => [e.getAttribute("data-chain"), e.getAttribute("data-state")]))).toEqual([
        ["local-valley", "done"],
        ["regional-east", "done"],
        ["transmission", "done"],
      ]);
      expect(await hops.nth(2).textContent()).toContain(`bought token #${setup.tokenId}`);
      await keepScreenshot(page, "remote-purchase");

      // The chain agrees: the purchase is done on the buyer's chain, whose token is valley-school's.
      const id = ((await dialog.getByTestId("remote-bought").textContent()) ?? "").match(/purchase (\S+),/)?.[1] ?? "";
      const valley = await client("local-valley", "valley-school");
      const hop = await valley.query.interchain.purchase(id);
      expect(hop.state).toBe(PurchaseState.PURCHASE_STATE_DONE);
      const token = await valley.query.energy.token(hop.tokenIds[0]!);
      expect(token.consumer?.owner).toBe(address("valley-school"));
      expect(token.bridge).toMatchObject({ purchaseId: id, tokenChainId: chain("transmission").chainId, tokenId: setup.tokenId });

      // After a reload, the Market lists the school's purchases from the chain's PurchasesByBuyer, this one done.
      await page.reload();
      await page.locator("#chain").selectOption("local-valley");
      await page.locator("#account").selectOption("demo:valley-school");
      const past = page.getByRole("list", { name: "Your purchases from other grids" });
      const item = past.locator("li").filter({ hasText: `Purchase ${id}` });
      await item.waitFor({ timeout: 60_000 });
      expect(await item.getAttribute("data-state")).toBe("done");
      const listed = (await valley.query.interchain.purchasesByBuyer(address("valley-school"))).purchases.map((p) => p.purchaseId);
      expect(listed).toContain(id);
    });
  });
});
