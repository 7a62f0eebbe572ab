/**
 * The few CometBFT JSON-RPC calls the benchmark makes, over plain HTTP (fetch keeps
 * connections alive), without CosmJS's response decoding: broadcasting thousands of
 * transactions should cost the client as little as possible.
 */
import { fromBase64, toBase64, toHex } from "@cosmjs/encoding";
import { sha256 } from "@cosmjs/crypto";

export class RpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
    readonly data?: string,
  ) {
    super(`${method}: ${message}${data ? ` (${data})` : ""}`);
  }
}

export interface BroadcastResult {
  code: number;
  codespace: string;
  log: string;
  hash: string;
}

export interface BlockMeta {
  height: number;
  /** Header time in ms since the epoch (BFT time of the block). */
  timeMs: number;
  /** Header time as the chain wrote it (RFC 3339, nanoseconds). */
  time: string;
  numTxs: number;
}

export interface TxResult {
  code: number;
  codespace: string;
  log: string;
  gasWanted: number;
  gasUsed: number;
  /** base64 of the TxMsgData (msg responses). */
  data: string;
}

/** parseTimeMs parses an RFC 3339 time with up to nanoseconds into ms since the epoch, keeping sub-ms digits. */
export function parseTimeMs(time: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(time);
  if (!m) throw new Error(`unexpected block time "${time}"`);
  const whole = Date.parse(`${m[1]}Z`);
  const frac = m[2] ? Number(`0.${m[2]}`) * 1000 : 0;
  return whole + frac;
}

export class Rpc {
  private id = 0;

  constructor(readonly url: string) {}

  /**
   * call makes one JSON-RPC call. A connection the node closed while it sat idle in the pool
   * (CometBFT closes idle keep-alive connections after 10 s; signing thousands of transactions
   * keeps the client busy that long) fails at once: such network errors are retried.
   */
  async call<T>(method: string, params: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<T> {
    return retryNetwork(() => this.callOnce<T>(method, params, timeoutMs));
  }

  private async callOnce<T>(method: string, params: Record<string, unknown>, timeoutMs: number): Promise<T> {
    let res: Response;
    let text: string;
    try {
      res = await fetch(this.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: ++this.id, method, params }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      const cause = (err as { cause?: { message?: string; code?: string } }).cause;
      throw new Error(`${method} at ${this.url}: ${(err as Error).message}${cause ? ` (${cause.code ?? ""} ${cause.message ?? ""})` : ""}`, { cause: err });
    }
    let body: { result?: T; error?: { code: number; message: string; data?: string } };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new RpcError(method, res.status, `HTTP ${res.status}: ${text.slice(0, 200)}`);
    }
    if (body.error) throw new RpcError(method, body.error.code, body.error.message, body.error.data);
    if (body.result === undefined) throw new RpcError(method, res.status, `no result in ${text.slice(0, 200)}`);
    return body.result;
  }

  async broadcastTxSync(tx: Uint8Array): Promise<BroadcastResult> {
    const r = await this.call<{ code: number; codespace?: string; log?: string; hash: string }>("broadcast_tx_sync", { tx: toBase64(tx) });
    return { code: r.code, codespace: r.codespace ?? "", log: r.log ?? "", hash: r.hash };
  }

  async latestHeight(): Promise<number> {
    const s = await this.call<{ sync_info: { latest_block_height: string } }>("status");
    return Number(s.sync_info.latest_block_height);
  }

  async status(): Promise<{ network: string; version: string; latestHeight: number }> {
    const s = await this.call<{ node_info: { network: string; version: string }; sync_info: { latest_block_height: string } }>("status");
    return { network: s.node_info.network, version: s.node_info.version, latestHeight: Number(s.sync_info.latest_block_height) };
  }

  async unconfirmedTxs(): Promise<number> {
    const r = await this.call<{ n_txs: string; total: string }>("num_unconfirmed_txs");
    return Number(r.total);
  }

  /** blockMetas returns the headers of [min, max] (at most 20 per call), oldest first. */
  async blockMetas(min: number, max: number): Promise<BlockMeta[]> {
    const out: BlockMeta[] = [];
    for (let lo = min; lo <= max; lo += 20) {
      const hi = Math.min(max, lo + 19);
      const r = await this.call<{ block_metas: Array<{ header: { height: string; time: string }; num_txs: string }> }>("blockchain", {
        minHeight: String(lo),
        maxHeight: String(hi),
      });
      for (const m of r.block_metas) {
        out.push({ height: Number(m.header.height), time: m.header.time, timeMs: parseTimeMs(m.header.time), numTxs: Number(m.num_txs) });
      }
    }
    return out.sort((a, b) => a.height - b.height);
  }

  /** blockTxHashes returns the hashes (upper-case hex) of a block's transactions, in block order. */
  async blockTxHashes(height: number): Promise<string[]> {
    const r = await this.call<{ block: { data: { txs: string[] | null } } }>("block", { height: String(height) });
    return (r.block.data.txs ?? []).map((tx) => toHex(sha256(fromBase64(tx))).toUpperCase());
  }

  /** blockResults returns the execution results of a block's transactions, in block order. */
  async blockResults(height: number): Promise<TxResult[]> {
    // CometBFT stores a block (and status reports its height) before executing it; its results
    // appear once FinalizeBlock is done, which for a big block can take seconds.
    const deadline = Date.now() + 300_000;
    for (;;) {
      try {
        return await this.blockResultsOnce(height);
      } catch (err) {
        if (Date.now() > deadline || !(err instanceof RpcError && /could not find results/.test(err.message))) throw err;
        await sleep(25);
      }
    }
  }

  private async blockResultsOnce(height: number): Promise<TxResult[]> {
    const r = await this.call<{
      txs_results: Array<{ code?: number; codespace?: string; log?: string; gas_wanted?: string; gas_used?: string; data?: string }> | null;
    }>("block_results", { height: String(height) });
    return (r.txs_results ?? []).map((t) => ({
      code: t.code ?? 0,
      codespace: t.codespace ?? "",
      log: t.log ?? "",
      gasWanted: Number(t.gas_wanted ?? 0),
      gasUsed: Number(t.gas_used ?? 0),
      data: t.data ?? "",
    }));
  }

  async waitForHeight(height: number, timeoutMs = 60_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const h = await this.latestHeight();
      if (h >= height) return h;
      if (Date.now() > deadline) throw new Error(`the chain did not reach height ${height} within ${timeoutMs / 1000} s (it is at ${h})`);
      await sleep(100);
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** isNetworkError tells a dropped or refused connection from an answer of the node. */
export function isNetworkError(err: unknown): boolean {
  if (err instanceof RpcError) return false;
  const text = `${(err as Error)?.message ?? ""} ${String((err as { cause?: unknown })?.cause ?? "")}`;
  return /fetch failed|terminated|other side closed|socket|ECONNRESET|EPIPE|UND_ERR/i.test(text);
}

/** retryNetwork runs f again (up to `attempts` times in all) when it fails with a network error. */
export async function retryNetwork<T>(f: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await f();
    } catch (err) {
      if (i >= attempts || !isNetworkError(err)) throw err;
      await sleep(100 * i);
    }
  }
}
