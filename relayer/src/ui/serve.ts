/**
 * The web UI's server: the built app (ui/dist), /network.json, and for a gridnet network
 * /status.json (`gridnet status --json`, cached briefly) and every chain's chain-registry files at
 * /chains/<name>/{chain,assetlist,keplr}.json, on 127.0.0.1 only. `npm start`
 * runs it next to the network and `gridnet ui` alone; the browser tests run it against a test chain.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import type { NetworkDescription, NetworkStatus } from "@gridledger/client";

/** NETWORK_PATH is where the UI reads the network from. */
export const NETWORK_PATH = "/network.json";

/** STATUS_PATH is where the UI reads the network's status from (only a gridnet network has one). */
export const STATUS_PATH = "/status.json";

/** STATUS_CACHE_MS: browsers polling /status.json share one status this young, so the nodes are asked at most this often. */
export const STATUS_CACHE_MS = 2_000;

const CHAIN_FILE = /^\/chains\/([^/]+)\/([^/]+\.json)$/;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".map": "application/json; charset=utf-8",
};

export interface UiServerOptions {
  /** dist is the built app (ui/dist). */
  dist: string;
  /** network is read on every request, so a network that changed is seen on reload. */
  network: () => Promise<NetworkDescription>;
  /** port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** status is the network's status (a gridnet network); without it /status.json is 404. */
  status?: () => Promise<NetworkStatus>;
  /** chainFile reads a chain's registry file ("chain.json"); undefined is 404. */
  chainFile?: (chain: string, file: string) => Promise<unknown>;
}

export interface UiServer {
  url: string;
  close(): Promise<void>;
}

/** serveUi starts the server; a port in use fails with what to do. */
export async function serveUi(options: UiServerOptions): Promise<UiServer> {
  if (!(await stat(join(options.dist, "index.html")).catch(() => undefined))) {
    throw new Error(`the UI is not built (${join(options.dist, "index.html")} is missing): \`npm run build -w ui\`, or \`npx gridnet ui\`, which builds it`);
  }
  const status = options.status === undefined ? undefined : cached(options.status, STATUS_CACHE_MS);
  const server = createServer((req, res) => {
    void handle(options, status, req.url ?? "/", res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(`gridledger UI server: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  });
  await listen(server, options.port);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // browsers keep connections open
      }),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      reject(err.code === "EADDRINUSE" ? new Error(`port ${port} is in use: stop the program on it (\`ss -ltnp | grep ${port}\`) or pass --ui-port`) : err);
    });
    server.listen({ port, host: "127.0.0.1" }, () => resolve());
  });
}

/**
 * cached shares one answer of `read` for `ttlMs` after it settles, and one read in flight between
 * callers, so many browsers polling cost the nodes one status at a time. A failure is not kept.
 */
export function cached<T>(read: () => Promise<T>, ttlMs: number, now: () => number = Date.now): () => Promise<T> {
  let value: { at: number; promise: Promise<T> } | undefined;
  return () => {
    if (value !== undefined && (value.at === Infinity || now() - value.at < ttlMs)) return value.promise;
    const entry = { at: Infinity, promise: read() };
    value = entry;
    entry.promise.then(
      () => {
        entry.at = now();
      },
      () => {
        if (value === entry) value = undefined;
      },
    );
    return entry.promise;
  };
}

/**
 * json answers with a JSON body. `shared` lets any page read it (a wallet or an integrator's page
 * fetching chain.json): never for network.json, whose demo mnemonics stay with this app's origin.
 */
function json(res: ServerResponse, status: number, body: unknown, shared = false): void {
  res.writeHead(status, { "content-type": CONTENT_TYPES[".json"] as string, "cache-control": "no-store", ...(shared ? { "access-control-allow-origin": "*" } : {}) });
  res.end(JSON.stringify(body, null, status === 200 ? 2 : undefined));
}

async function handle(options: UiServerOptions, status: (() => Promise<NetworkStatus>) | undefined, rawUrl: string, res: ServerResponse): Promise<void> {
  const path = decodeURIComponent(new URL(rawUrl, "http://ui").pathname);
  if (path === NETWORK_PATH) {
    json(res, 200, await options.network());
    return;
  }
  if (path === STATUS_PATH) {
    if (status === undefined) json(res, 404, { error: "this server has no gridnet network: no status (the UI reads the chains' RPC instead)" });
    else json(res, 200, await status());
    return;
  }
  const file = CHAIN_FILE.exec(path);
  if (file !== null) {
    const [, chain = "", name = ""] = file;
    const body = options.chainFile === undefined ? undefined : await options.chainFile(chain, name);
    if (body === undefined) json(res, 404, { error: `no ${name} for chain "${chain}" here (gridnet up writes chain.json, assetlist.json and keplr.json for every chain it starts)` });
    else json(res, 200, body, true);
    return;
  }
  const root = normalize(options.dist);
  let asset = normalize(join(root, path));
  if (asset !== root && !asset.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  // Routes of the app (#/market is a hash, but a reload of /market works too) get index.html.
  const found = await stat(asset).catch(() => undefined);
  if (found === undefined || found.isDirectory()) asset = join(root, "index.html");
  const type = CONTENT_TYPES[extname(asset)] ?? "application/octet-stream";
  // Vite names assets by content hash: they never change; index.html must be read fresh.
  const cache = asset.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache";
  res.writeHead(200, { "content-type": type, "cache-control": cache });
  createReadStream(asset)
    .on("error", (err) => res.destroy(err))
    .pipe(res);
}
