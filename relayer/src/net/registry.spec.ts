import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keplrChainInfo, type KeplrChainInfo, type RegistryAssetList, type RegistryChain } from "@gridledger/client";
import { afterEach, describe, expect, it } from "vitest";
import { readRegistryFile, registryDir, registryFilesOf, writeRegistryFiles } from "./registry.js";
import type { StateChain } from "./state.js";

const endpoints = { rpc: "http://127.0.0.1:27040", rest: "http://127.0.0.1:27041", grpc: "127.0.0.1:27042", node: "tcp://127.0.0.1:27040" };

const stateChain = (over: Partial<StateChain> = {}): StateChain => ({
  name: "regional-east",
  chainId: "gridledger-regional-east-1",
  level: "distribution",
  parent: "transmission",
  home: "/tmp/net/regional-east",
  periodSeconds: 900,
  endpoints,
  nodes: [{ index: 0, home: "/tmp/net/regional-east/val-0", endpoints, logFile: "/tmp/net/regional-east/val-0/gridd.log" }],
  gridOperator: { name: "dso-east", address: "grid1dso" },
  banks: [
    { account: "alpine-bank", address: "grid1alpine", denom: "uchf.alpine", currency: "CHF", displayDenom: "chf.alpine", exponent: 6 },
    { account: "north-bank", address: "grid1north", denom: "ueur.north", currency: "EUR", displayDenom: "eur.north", exponent: 2 },
  ],
  accounts: {},
  seeded: true,
  ...over,
});

// The fields below are checked against cosmos/chain-registry's chain.schema.json and
// assetlist.schema.json by hand: required chain_name ([a-z0-9]+), chain_type, and for cosmos
// chains chain_id and bech32_prefix; status and network_type from the schema's enums; fee tokens
// with their gas prices; apis as {address, provider}; assets with denom_units (the base at
// exponent 0, the display unit among them), base, name, display, symbol and type_asset.
describe("a chain's chain-registry files", () => {
  let dir = "";
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = "";
  });

  it("describe the chain as chain.json: name, id, prefix, coin type 118, free ugrid fees, staking token, local endpoints", () => {
    const { chain } = registryFilesOf(stateChain());
    expect(chain.chain_name).toMatch(/^[a-z0-9]+$/);
    expect(chain).toMatchObject({
      $schema: "../chain.schema.json",
      chain_name: "gridledgerregionaleast",
      chain_type: "cosmos",
      status: "live",
      network_type: "devnet",
      pretty_name: "gridledger regional-east (distribution)",
      chain_id: "gridledger-regional-east-1",
      bech32_prefix: "grid",
      daemon_name: "gridd",
      node_home: "/tmp/net/regional-east/val-0",
      key_algos: ["secp256k1"],
      slip44: 118,
      fees: { fee_tokens: [{ denom: "ugrid", fixed_min_gas_price: 0, low_gas_price: 0, average_gas_price: 0, high_gas_price: 0 }] },
      staking: { staking_tokens: [{ denom: "ugrid" }] },
    } satisfies Partial<RegistryChain>);
    const provider = "gridnet (this machine)";
    expect(chain.apis).toEqual({
      rpc: [{ address: "http://127.0.0.1:27040", provider }],
      rest: [{ address: "http://127.0.0.1:27041", provider }],
      grpc: [{ address: "127.0.0.1:27042", provider }],
    });
  });

  it("list GRID and every fiat denom in assetlist.json with its display unit and exponent", () => {
    const { assetlist } = registryFilesOf(stateChain());
    expect(assetlist.chain_name).toBe("gridledgerregionaleast");
    expect(assetlist.assets.map((a) => [a.base, a.display, a.symbol])).toEqual([
      ["ugrid", "grid", "GRID"],
      ["uchf.alpine", "chf.alpine", "CHF"],
      ["ueur.north", "eur.north", "EUR"],
    ]);
    expect(assetlist.assets[1]?.denom_units).toEqual([
      { denom: "uchf.alpine", exponent: 0 },
      { denom: "chf.alpine", exponent: 6 },
    ]);
    expect(assetlist.assets[2]?.denom_units).toContainEqual({ denom: "eur.north", exponent: 2 });
    for (const a of assetlist.assets) {
      expect(a.type_asset).toBe("sdk.coin");
      expect(a.denom_units[0]).toMatchObject({ denom: a.base, exponent: 0 });
      expect(a.denom_units.map((u) => u.denom)).toContain(a.display);
      expect(a.name).not.toBe("");
    }
  });

  it("derive Keplr's chain info from chain.json and assetlist.json (the same as @gridledger/client's keplrChainInfo)", () => {
    const chain = stateChain();
    const { keplr } = registryFilesOf(chain);
    expect(keplr).toMatchObject({
      chainId: "gridledger-regional-east-1",
      chainName: "gridledger regional-east (distribution)",
      rpc: endpoints.rpc,
      rest: endpoints.rest,
      bip44: { coinType: 118 },
      bech32Config: {
        bech32PrefixAccAddr: "grid",
        bech32PrefixAccPub: "gridpub",
        bech32PrefixValAddr: "gridvaloper",
        bech32PrefixValPub: "gridvaloperpub",
        bech32PrefixConsAddr: "gridvalcons",
        bech32PrefixConsPub: "gridvalconspub",
      },
      stakeCurrency: { coinDenom: "GRID", coinMinimalDenom: "ugrid", coinDecimals: 6 },
      feeCurrencies: [{ coinDenom: "GRID", coinMinimalDenom: "ugrid", coinDecimals: 6, gasPriceStep: { low: 0, average: 0, high: 0 } }],
    } satisfies Partial<KeplrChainInfo>);
    expect(keplr.currencies).toEqual([
      { coinDenom: "GRID", coinMinimalDenom: "ugrid", coinDecimals: 6 },
      { coinDenom: "CHF", coinMinimalDenom: "uchf.alpine", coinDecimals: 6 },
      { coinDenom: "EUR", coinMinimalDenom: "ueur.north", coinDecimals: 2 },
    ]);
    const fiat = chain.banks.map((b) => ({ denom: b.denom, currency: b.currency, exponent: b.exponent, displayDenom: b.displayDenom }));
    expect(keplrChainInfo({ name: chain.name, chainId: chain.chainId, level: chain.level, rpc: endpoints.rpc, rest: endpoints.rest }, fiat)).toEqual(keplr);
  });

  it("refuse a bank exponent x/fiat would refuse, rather than write a unit wallets would misread", () => {
    const bad = stateChain({ banks: [{ account: "b", address: "grid1b", denom: "uchf.b", currency: "CHF", displayDenom: "chf.b", exponent: 0 }] });
    expect(() => registryFilesOf(bad)).toThrow(/uchf\.b: exponent 0 must be an integer in 1\.\.18/);
  });

  it("are written into every chain home's registry folder and read back by chain name", async () => {
    dir = await mkdtemp(join(tmpdir(), "gridnet-registry-"));
    const root = stateChain({ name: "transmission", chainId: "gl-t-1", level: "transmission", home: join(dir, "transmission"), banks: [] });
    const { parent: _, ...rootChain } = root;
    const east = stateChain({ home: join(dir, "regional-east") });
    const state = { chains: [rootChain, east] };
    expect(await writeRegistryFiles(state)).toEqual([join(dir, "transmission", "registry"), join(dir, "regional-east", "registry")]);
    const onDisk = JSON.parse(await readFile(join(registryDir(east), "assetlist.json"), "utf8")) as RegistryAssetList;
    expect(onDisk.assets.map((a) => a.base)).toEqual(["ugrid", "uchf.alpine", "ueur.north"]);
    expect(((await readRegistryFile(state, "transmission", "chain.json")) as RegistryChain).chain_id).toBe("gl-t-1");
    expect(((await readRegistryFile(state, "regional-east", "keplr.json")) as KeplrChainInfo).currencies).toHaveLength(3);
    expect(await readRegistryFile(state, "nowhere", "chain.json")).toBeUndefined();
    expect(await readRegistryFile(state, "transmission", "gridnet.json")).toBeUndefined();
    expect(await readRegistryFile(state, "transmission", "../../etc/passwd")).toBeUndefined();
  });
});
