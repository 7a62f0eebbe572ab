/**
 * Vite builds the app into dist/ (served by `npm start` and `gridnet ui`). `npm run dev -w ui`
 * serves it with hot reload and answers /network.json, /status.json and the chains' registry files
 * from the default gridnet network (or the one in GRIDNET_HOME), as the built app's server does.
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * gridnetFiles serves what the UI server serves for a gridnet network (network.json, status.json,
 * /chains/<name>/<file>.json) in development, read from its state on each request.
 */
function gridnetFiles(): Plugin {
  return {
    name: "gridledger-network-json",
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = new URL(req.url ?? "/", "http://dev").pathname;
        const chainFile = /^\/chains\/([^/]+)\/([^/]+\.json)$/.exec(path);
        if (path !== "/network.json" && path !== "/status.json" && chainFile === null) {
          next();
          return;
        }
        void (async () => {
          try {
            // The relayer's build (npm start or `npx tsc -b relayer` makes it): Node code, never bundled.
            const relayer = await import("@gridledger/relayer");
            const home = process.env.GRIDNET_HOME ?? relayer.defaultNetworkHome("default");
            const state = await relayer.readState(home);
            if (state === undefined) {
              res.statusCode = 404;
              res.end(`no gridnet network in ${home}: start one with npm start`);
              return;
            }
            const sources = relayer.gridnetUiSources(state);
            const body =
              path === "/network.json" ? await sources.network() : path === "/status.json" ? await sources.status?.() : await sources.chainFile?.(chainFile?.[1] ?? "", chainFile?.[2] ?? "");
            if (body === undefined) {
              res.statusCode = 404;
              res.end(`${path}: not found`);
              return;
            }
            res.setHeader("content-type", "application/json");
            res.end(JSON.stringify(body));
          } catch (err) {
            res.statusCode = 500;
            res.end(err instanceof Error ? err.message : String(err));
          }
        })();
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), gridnetFiles()],
  resolve: {
    // This checkout's client, from source: never a stale build, and the same in a git worktree.
    alias: { "@gridledger/client": fileURLToPath(new URL("../ts-client/src/index.ts", import.meta.url)) },
  },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 2_000,
    rollupOptions: {
      output: {
        // The libraries change less often than the app: their chunks stay cached across builds.
        manualChunks(id: string) {
          if (id.includes("node_modules/recharts") || id.includes("node_modules/d3-")) return "charts";
          if (id.includes("node_modules/@cosmjs") || id.includes("node_modules/cosmjs-types") || id.includes("node_modules/@noble")) return "cosmjs";
          if (id.includes("node_modules/react") || id.includes("node_modules/@tanstack")) return "react";
          return undefined;
        },
      },
    },
  },
});
