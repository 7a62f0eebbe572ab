/**
 * The web UI's server: the built app (ui/dist) and /network.json, on 127.0.0.1 only. `npm start`
 * runs it next to the network and `gridnet ui` alone; the browser tests run it against a test chain.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import type { NetworkDescription } from "@gridledger/client";

/** NETWORK_PATH is where the UI reads the network from. */
export const NETWORK_PATH = "/network.json";

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
  const server = createServer((req, res) => {
    void handle(options, req.url ?? "/", res).catch((err: unknown) => {
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

async function handle(options: UiServerOptions, rawUrl: string, res: import("node:http").ServerResponse): Promise<void> {
  const path = decodeURIComponent(new URL(rawUrl, "http://ui").pathname);
  if (path === NETWORK_PATH) {
    const body = JSON.stringify(await options.network());
    res.writeHead(200, { "content-type": CONTENT_TYPES[".json"] as string, "cache-control": "no-store" });
    res.end(body);
    return;
  }
  const root = normalize(options.dist);
  let file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  // Routes of the app (#/market is a hash, but a reload of /market works too) get index.html.
  const found = await stat(file).catch(() => undefined);
  if (found === undefined || found.isDirectory()) file = join(root, "index.html");
  const type = CONTENT_TYPES[extname(file)] ?? "application/octet-stream";
  // Vite names assets by content hash: they never change; index.html must be read fresh.
  const cache = file.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache";
  res.writeHead(200, { "content-type": type, "cache-control": cache });
  createReadStream(file)
    .on("error", (err) => res.destroy(err))
    .pipe(res);
}
