/**
 * New blocks as they come: a CometBFT websocket subscription to NewBlockHeader events (the
 * header is all the UI needs to know a block is there), and polling the node's status when the
 * websocket cannot be opened or goes quiet. Every new height lets the query cache refresh.
 */
import { Comet38Client, HttpClient, WebsocketClient } from "@cosmjs/tendermint-rpc";

/** LiveMode says how the UI learns of new blocks. */
export type LiveMode = "connecting" | "websocket" | "polling" | "down";

export interface BlockWatcher {
  readonly onHeight: (height: number) => void;
  readonly onMode: (mode: LiveMode, error?: unknown) => void;
}

export interface WatchOptions {
  /** pollMs is the polling interval when the websocket is not available. */
  readonly pollMs?: number;
  /** quietMs: a websocket without a block this long is given up for polling. */
  readonly quietMs?: number;
  /** retryMs: while polling, the websocket is tried again this often. */
  readonly retryMs?: number;
}

/** websocketBase is the node's RPC URL as ws(s)://; CosmJS's WebsocketClient adds /websocket. */
export function websocketBase(rpc: string): string {
  return rpc.replace(/^http/, "ws").replace(/\/+$/, "");
}

/** watchBlocks reports new heights until the returned function is called. */
export function watchBlocks(rpc: string, watcher: BlockWatcher, options: WatchOptions = {}): () => void {
  const pollMs = options.pollMs ?? 2_000;
  const quietMs = options.quietMs ?? 15_000;
  const retryMs = options.retryMs ?? 20_000;
  let stopped = false;
  let last = 0;
  let socket: Comet38Client | undefined;
  let pollTimer: ReturnType<typeof setInterval> | undefined;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const http = Comet38Client.create(new HttpClient(rpc));

  const seen = (height: number) => {
    if (height > last) {
      last = height;
      watcher.onHeight(height);
    }
  };

  const closeSocket = () => {
    if (quietTimer !== undefined) clearTimeout(quietTimer);
    try {
      socket?.disconnect();
    } catch {
      // already closed
    }
    socket = undefined;
  };

  const poll = async () => {
    try {
      seen((await http.status()).syncInfo.latestBlockHeight);
      if (socket === undefined) watcher.onMode("polling");
    } catch (error) {
      if (socket === undefined) watcher.onMode("down", error);
    }
  };

  const startPolling = (error?: unknown) => {
    if (stopped) return;
    closeSocket();
    watcher.onMode("polling", error);
    if (pollTimer === undefined) {
      void poll();
      pollTimer = setInterval(() => void poll(), pollMs);
    }
    if (retryTimer === undefined) {
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        openSocket();
      }, retryMs);
    }
  };

  const armQuietTimer = () => {
    if (quietTimer !== undefined) clearTimeout(quietTimer);
    quietTimer = setTimeout(() => startPolling(new Error(`no block over the websocket for ${quietMs / 1000} s`)), quietMs);
  };

  function openSocket(): void {
    if (stopped) return;
    try {
      const ws = new WebsocketClient(websocketBase(rpc), (error) => startPolling(error));
      socket = Comet38Client.create(ws);
      armQuietTimer();
      socket.subscribeNewBlockHeader().subscribe({
        next: (header) => {
          if (pollTimer !== undefined) {
            clearInterval(pollTimer);
            pollTimer = undefined;
          }
          armQuietTimer();
          watcher.onMode("websocket");
          seen(header.height);
        },
        error: (error: unknown) => startPolling(error),
        complete: () => startPolling(new Error("the node closed the websocket")),
      });
    } catch (error) {
      startPolling(error);
    }
  }

  watcher.onMode("connecting");
  void poll(); // the current height at once, before the first new block
  openSocket();
  return () => {
    stopped = true;
    closeSocket();
    if (pollTimer !== undefined) clearInterval(pollTimer);
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    http.disconnect();
  };
}
