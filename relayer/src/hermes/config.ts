/**
 * The Hermes configuration for a planned network: one [[chains]] entry per gridd chain, the REST
 * API and telemetry on their own 127.0.0.1 ports. Pure, so it is unit-tested line by line.
 */
import { join } from "node:path";
import { BECH32_PREFIX, DENOM } from "../chain/spec.js";
import type { Endpoints } from "../chain/spec.js";
import { RELAYER_ACCOUNT, type HermesPlan } from "../topology/plan.js";

export const HERMES_CONFIG_FILE = "config.toml";
export const HERMES_KEY_NAME = RELAYER_ACCOUNT;

/** HermesChain is what Hermes needs to know about one chain. */
export interface HermesChain {
  chainId: string;
  endpoints: Endpoints;
}

export function hermesConfigPath(hermes: Pick<HermesPlan, "home">): string {
  return join(hermes.home, HERMES_CONFIG_FILE);
}

export function hermesKeyStore(hermes: Pick<HermesPlan, "home">): string {
  return join(hermes.home, "keys");
}

const q = (s: string) => `'${s.replace(/'/g, "")}'`;

/**
 * hermesConfig renders config.toml. Choices, each for a local network of 1-second blocks:
 * - packets are cleared on start and every 10 blocks, so packets sent while Hermes was down are
 *   relayed (or timed out, refunding the sender) as soon as it is back;
 * - clients are refreshed (a 14-day trusting period against the SDK's 21-day unbonding);
 * - connections and channels are opened by `gridnet up`, not by Hermes' handshake workers;
 * - the gas price is zero, like the chains' minimum gas price.
 */
export function hermesConfig(hermes: HermesPlan, chains: readonly HermesChain[]): string {
  const lines = [
    "# Written by gridnet from the topology: edits are overwritten by the next `gridnet up`.",
    "[global]",
    "log_level = 'info'",
    "",
    "[mode.clients]",
    "enabled = true",
    "refresh = true",
    "misbehaviour = false",
    "",
    "[mode.connections]",
    "enabled = false",
    "",
    "[mode.channels]",
    "enabled = false",
    "",
    "[mode.packets]",
    "enabled = true",
    "clear_interval = 10",
    "clear_on_start = true",
    "tx_confirmation = true",
    "",
    "[rest]",
    "enabled = true",
    "host = '127.0.0.1'",
    `port = ${hermes.restPort}`,
    "",
    "[telemetry]",
    "enabled = true",
    "host = '127.0.0.1'",
    `port = ${hermes.telemetryPort}`,
  ];
  for (const chain of chains) {
    const rpc = chain.endpoints.rpc;
    lines.push(
      "",
      "[[chains]]",
      `id = ${q(chain.chainId)}`,
      "type = 'CosmosSdk'",
      `rpc_addr = ${q(rpc)}`,
      `grpc_addr = ${q(`http://${chain.endpoints.grpc}`)}`,
      `event_source = { mode = 'push', url = ${q(`${rpc.replace(/^http/, "ws")}/websocket`)}, batch_delay = '200ms' }`,
      "rpc_timeout = '10s'",
      "trusted_node = true",
      `account_prefix = ${q(BECH32_PREFIX)}`,
      `key_name = ${q(HERMES_KEY_NAME)}`,
      "key_store_type = 'Test'",
      `key_store_folder = ${q(hermesKeyStore(hermes))}`,
      "store_prefix = 'ibc'",
      "default_gas = 300000",
      "max_gas = 4000000",
      `gas_price = { price = 0.0, denom = ${q(DENOM)} }`,
      "gas_multiplier = 1.3",
      "max_msg_num = 30",
      "max_tx_size = 180000",
      "clock_drift = '5s'",
      "max_block_time = '30s'",
      "trusting_period = '14days'",
      "trust_threshold = '2/3'",
      "address_type = { derivation = 'cosmos' }",
      "memo_prefix = 'gridledger'",
    );
  }
  return `${lines.join("\n")}\n`;
}
