/**
 * An upgrade in place, on real processes: a parent and a child chain (relayer/topologies/
 * pair.yaml, two validators on the root) linked by Hermes run the previous release's gridd
 * (the git tag PREVIOUS_RELEASE, built into the tool cache) under Cosmovisor, with demo tokens,
 * a trade and an ICS-20 transfer. Governance passes a software-upgrade proposal for both
 * chains' next release (chain/app/upgrades, Latest), the current gridd is staged on every node,
 * and at the proposal's height every node halts and Cosmovisor starts the new binary, which
 * runs the release's store migrations. Balances, tokens and the cross-chain invariants of
 * DESIGN.md §6 survive; a trade and transfers in both directions work afterwards.
 * Operator's guide to the same steps: docs/operations/upgrades.md.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { BECH32_PREFIX, GridledgerClient, Side } from "@gridledger/client";
import {
  currentRelease,
  defaultBinary,
  devMnemonic,
  down,
  findFreePortBase,
  testPortBase,
  latestHeight,
  linkChannel,
  REPO_ROOT,
  run,
  runningPid,
  stageUpgrade,
  up,
  waitForBlocks,
  type NetworkState,
  type StateChain,
} from "@gridledger/relayer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { balance, checkNetworkInvariants, getJson, supply, voucherDenom, waitFor } from "./support/network.js";
import { buildRelease, type Release } from "./support/release.js";

/** The release the network starts on, and the upgrade (chain/app/upgrades) that leads from it to the current code. */
// The commit is pinned beside the tag because a clone of one branch (as CI makes) has no tags.
const PREVIOUS_RELEASE = { tag: "v0.1.0", commit: "8cda1d84159266c8159e32df8329877e30692ef9" };
const UPGRADE = "v0.2.0";
const PAIR_TOPOLOGY = join(REPO_ROOT, "relayer", "topologies", "pair.yaml");
const CHF = "uchf.alpine";

const log = (m: string) => process.stderr.write(`[upgrade e2e] ${m}\n`);

describe(`an upgrade in place from ${PREVIOUS_RELEASE.tag} under Cosmovisor`, () => {
  let home: string;
  let state: NetworkState;
  let previous: Release;
  let upgradeHeight: number;
  const clients = new Map<string, GridledgerClient>();

  const chain = (name: string): StateChain => {
    const c = state.chains.find((x) => x.name === name);
    if (!c) throw new Error(`no chain ${name}`);
    return c;
  };
  const address = (name: string): string => {
    const found = state.chains.map((c) => c.accounts[name]).find((a) => a !== undefined);
    if (!found) throw new Error(`no account ${name}`);
    return found;
  };
  const nodes = () => state.chains.flatMap((c) => c.nodes.map((n) => ({ chain: c, node: n })));

  async function client(chainName: string, account: string): Promise<GridledgerClient> {
    const key = `${chainName}/${account}`;
    const known = clients.get(key);
    if (known) return known;
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(devMnemonic(account), { prefix: BECH32_PREFIX });
    const c = await GridledgerClient.connectWithSigner(chain(chainName).endpoints.rpc, wallet, { broadcastPollIntervalMs: 300 });
    clients.set(key, c);
    return c;
  }

  /** appVersion is the version string the node's gridd reports (the -X version flags of its build). */
  const appVersion = async (rest: string) =>
    (await getJson<{ application_version: { version: string } }>(`${rest}/cosmos/base/tendermint/v1beta1/node_info`)).application_version.version;

  /** offeredTokens lists alpenkraft's tokens whose consumer side is for sale, lowest id first. */
  async function offeredTokens(): Promise<Array<{ id: bigint; price: bigint }>> {
    const reader = await client("transmission", "alpenkraft");
    const { tokens } = await reader.query.energy.tokensByOwner(address("alpenkraft"));
    return tokens
      .filter((t) => t.consumer?.owner === address("alpenkraft") && t.consumer.ask?.forSale === true && t.consumer.ask.denom === CHF)
      .map((t) => ({ id: t.id, price: BigInt(t.consumer?.ask?.pricePerMwh ?? 0n) }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** buyOne has metro-trading buy the consumer side of alpenkraft's first offered token. */
  async function buyOne(): Promise<bigint> {
    const [offer] = await offeredTokens();
    if (!offer) throw new Error("alpenkraft offers no token");
    const buyer = await client("transmission", "metro-trading");
    const paid = await buyer.buySide(address("metro-trading"), { tokenId: offer.id, side: Side.SIDE_CONSUMER, maxPricePerMwh: offer.price, denom: CHF });
    expect(paid).toBeGreaterThan(0n);
    const token = await buyer.query.energy.token(offer.id);
    expect(token.consumer?.owner).toBe(address("metro-trading"));
    return offer.id;
  }

  /** transfer sends an ICS-20 transfer over the pair's transfer channel and waits for it to arrive. */
  async function transfer(from: "transmission" | "regional-east", amount: bigint, denom: string): Promise<void> {
    const ch = linkChannel(state, "transmission", "regional-east");
    const down = from === "transmission";
    const end = down ? ch.parent : ch.child;
    const to = down ? "regional-east" : "transmission";
    const arrivingDenom = down ? voucherDenom(`${ch.child.portId}/${ch.child.channelId}/${denom}`) : CHF;
    const before = await balance(chain(to), address("alice"), arrivingDenom);
    const c = await client(from, "alice");
    const result = await c.signingClient.sendIbcTokens(address("alice"), address("alice"), { denom, amount: amount.toString() }, end.portId, end.channelId, undefined, Math.floor(Date.now() / 1000) + 600, "auto");
    expect(result.code, result.rawLog).toBe(0);
    await waitFor(`${amount} ${arrivingDenom} for alice on ${to}`, () => balance(chain(to), address("alice"), arrivingDenom), (b) => b === before + amount, 180_000);
  }

  /** gridd runs the old binary's CLI against validator 0, signing with the test keyring of val-0's home. */
  async function tx(c: StateChain, from: string, args: string[]): Promise<void> {
    const node = c.nodes[0];
    if (!node) throw new Error(`${c.name} has no node`);
    const common = ["--from", from, "--keyring-backend", "test", "--home", node.home, "--chain-id", c.chainId, "--node", c.endpoints.rpc, "--gas", "400000", "--yes", "--output", "json"];
    const { stdout } = await run(previous.binary, ["tx", ...args, ...common]);
    const res = JSON.parse(stdout) as { code: number; raw_log?: string; txhash: string };
    expect(res.code, res.raw_log).toBe(0);
    await waitFor(`tx ${res.txhash} in a block`, () => getJson<{ tx_response: { code: number } }>(`${c.endpoints.rest}/cosmos/tx/v1beta1/txs/${res.txhash}`), (r) => r.tx_response.code === 0, 30_000);
  }

  /** snapshot is what an upgrade must not change: balances, supply and the demo tokens' owners. */
  async function snapshot() {
    const root = chain("transmission");
    const east = chain("regional-east");
    const ch = linkChannel(state, "transmission", "regional-east");
    const voucher = voucherDenom(`${ch.child.portId}/${ch.child.channelId}/${CHF}`);
    const reader = await client("transmission", "alpenkraft");
    const tokens = (await reader.query.energy.tokensByOwner(address("alpenkraft"))).tokens.map((t) => ({ id: t.id, producer: t.producer?.owner, consumer: t.consumer?.owner, ask: t.consumer?.ask }));
    return {
      root: await Promise.all(["alice", "metro-trading", "alpenkraft"].map(async (a) => [a, await balance(root, address(a), CHF)])),
      settlement: await Promise.all(["metro-trading", "alpenkraft"].map((a) => reader.query.fiat.settlementAccount(address(a), CHF))),
      supply: await supply(root, CHF),
      voucher: [await balance(east, address("alice"), voucher), await supply(east, voucher)],
      tokens,
    };
  }

  beforeAll(async () => {
    previous = await buildRelease(PREVIOUS_RELEASE, log);
    home = await mkdtemp(join(tmpdir(), "gridnet-upgrade-"));
    const portBase = await findFreePortBase(testPortBase(3), { nodes: 3 });
    state = await up({ topologyFile: PAIR_TOPOLOGY, home, portBase, binary: previous.binary, cosmovisor: true, log });
  });

  afterAll(async () => {
    for (const c of clients.values()) c.disconnect();
    if (home) {
      await down(home, log);
      if (process.env.GRIDLEDGER_KEEP_TEST_CHAINS !== "1") await rm(home, { recursive: true, force: true });
    }
  });

  it(`runs every node of the pair on ${PREVIOUS_RELEASE.tag} under Cosmovisor, with a trade and an IBC transfer`, async () => {
    expect(state.cosmovisor).toBeDefined();
    expect(nodes()).toHaveLength(3);
    for (const { node } of nodes()) {
      expect(await currentRelease(node.home)).toBe("genesis");
      expect(await appVersion(node.endpoints.rest)).toBe(PREVIOUS_RELEASE.tag);
      // The pid gridnet keeps is Cosmovisor's.
      const pid = await runningPid(node.home);
      expect(pid).toBeGreaterThan(0);
      expect(await readFile(`/proc/${pid}/cmdline`, "utf8")).toContain("cosmovisor");
    }
    expect((await offeredTokens()).length).toBeGreaterThanOrEqual(2);
    await buyOne();
    await transfer("transmission", 2_000_000n, CHF);
  });

  it(`passes a software-upgrade proposal; at its height every node halts and Cosmovisor switches to the new gridd, which migrates the store`, async () => {
    const root = chain("transmission");
    const east = chain("regional-east");
    const before = await snapshot();
    // Both chains upgrade at a height of their own, far enough ahead for the 10 s vote. Each
    // chain's validators vote at once after the proposal, in parallel: the voting period is short.
    const heights = new Map<string, number>();
    const proposals = await Promise.all(
      [root, east].map(async (c) => {
        const h = ((await latestHeight(c.endpoints.rpc)) ?? 0) + 30;
        heights.set(c.name, h);
        await tx(c, "validator", [
          "upgrade", "software-upgrade", UPGRADE,
          "--upgrade-height", String(h),
          "--upgrade-info", `gridd ${UPGRADE}`,
          "--title", `Upgrade to gridd ${UPGRADE}`,
          "--summary", `Switch every validator to gridd ${UPGRADE} (store migrations: x/energy 1 -> 2).`,
          "--deposit", "10000000ugrid",
          "--no-validate",
        ]);
        const listed = await getJson<{ proposals: Array<{ id: string; status: string }> }>(`${c.endpoints.rest}/cosmos/gov/v1/proposals?proposal_status=PROPOSAL_STATUS_VOTING_PERIOD`);
        const id = listed.proposals.at(-1)?.id;
        if (id === undefined) throw new Error(`no proposal in its voting period on ${c.name}`);
        // Every validator votes yes: validator and validator-1 on the root, validator on the child.
        await Promise.all(c.nodes.map((_, i) => tx(c, i === 0 ? "validator" : `validator-${i}`, ["gov", "vote", id, "yes"])));
        return { chain: c, id };
      }),
    );
    // Staging: the new release under upgrades/<name>/bin on every node, before the height.
    for (const { node } of nodes()) await stageUpgrade(node.home, UPGRADE, defaultBinary());
    for (const { chain: c, id } of proposals) {
      await waitFor(`proposal ${id} on ${c.name} passed`, () => getJson<{ proposal: { status: string } }>(`${c.endpoints.rest}/cosmos/gov/v1/proposals/${id}`), (p) => p.proposal.status === "PROPOSAL_STATUS_PASSED", 60_000);
      const plan = await getJson<{ plan: { name: string; height: string } | null }>(`${c.endpoints.rest}/cosmos/upgrade/v1beta1/current_plan`);
      expect(plan.plan).toMatchObject({ name: UPGRADE, height: String(heights.get(c.name)) });
    }

    const newVersion = (await run(defaultBinary(), ["version"])).stdout.trim() || (await run(defaultBinary(), ["version"])).stderr.trim();
    expect(newVersion).not.toBe(PREVIOUS_RELEASE.tag);
    for (const { chain: c, node } of nodes()) {
      const h = heights.get(c.name) as number;
      await waitForBlocks(node.endpoints.rpc, h + 3, 240_000, { log });
      // The old gridd stopped at the height, asking for the upgrade, and Cosmovisor switched.
      const nodeLog = await readFile(node.logFile, "utf8");
      expect(nodeLog).toContain(`UPGRADE "${UPGRADE}" NEEDED at height: ${h}`);
      expect(await currentRelease(node.home)).toBe(UPGRADE);
      // Its REST server answers a moment after the RPC.
      expect(await waitFor(`${c.name} ${node.endpoints.rest} answering`, () => appVersion(node.endpoints.rest), (v) => v === newVersion, 60_000)).toBe(newVersion);
      expect(await runningPid(node.home)).toBeGreaterThan(0);
    }
    for (const c of [root, east]) {
      const applied = await getJson<{ height: string }>(`${c.endpoints.rest}/cosmos/upgrade/v1beta1/applied_plan/${UPGRADE}`);
      expect(applied.height).toBe(String(heights.get(c.name)));
      const versions = await getJson<{ module_versions: Array<{ name: string; version: string }> }>(`${c.endpoints.rest}/cosmos/upgrade/v1beta1/module_versions?module_name=energy`);
      expect(versions.module_versions).toEqual([{ name: "energy", version: "2" }]);
    }
    // State survives: balances, supply, vouchers, tokens; and the invariants across the link.
    expect(await snapshot()).toEqual(before);
    const report = await checkNetworkInvariants(state);
    expect(report.problems).toEqual([]);
    expect(report.escrows).toBeGreaterThan(0);
  });

  it("goes on trading and relaying after the upgrade", async () => {
    const bought = await buyOne();
    expect(bought).toBeGreaterThan(0n);
    const ch = linkChannel(state, "transmission", "regional-east");
    const voucher = voucherDenom(`${ch.child.portId}/${ch.child.channelId}/${CHF}`);
    await transfer("regional-east", 1_000_000n, voucher);
    await transfer("transmission", 500_000n, CHF);
    await waitFor("every packet relayed", async () => (await checkNetworkInvariants(state)).problems, (p) => p.length === 0, 60_000);
    for (const { node } of nodes()) expect(await currentRelease(node.home)).toBe(UPGRADE);
  });
});
