/**
 * The web UI's browser tests share this: Debian's Chromium driven by playwright-core, the built
 * app served as `npm start` serves it for one test chain (with its accounts as demo accounts), and
 * the artifacts folder for screenshots.
 */
import { access, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { serveUi, UI_DIST, uiNetwork, type TestChain, type UiServer } from "@gridledger/relayer";
import { type Browser, chromium, type Page } from "playwright-core";

/** CHROMIUM is installed by scripts/test.sh (ensure_chromium in scripts/lib.sh). */
export const CHROMIUM = process.env.GRIDLEDGER_CHROMIUM ?? "/usr/bin/chromium";
export const ARTIFACTS = fileURLToPath(new URL("../../artifacts/ui/", import.meta.url));
// Without the background-networking flags Chromium keeps calling Google's services, which a
// closed network refuses; as root it needs --no-sandbox.
export const CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** ZONE is the browser's time zone in these tests: a zone with summer time, unlike UTC. */
export const ZONE = "Europe/Zurich";

/** requireChromium fails with what to do when Chromium is missing; it makes the artifacts folder. */
export async function requireChromium(): Promise<void> {
  try {
    await access(CHROMIUM);
  } catch {
    throw new Error(`no Chromium at ${CHROMIUM}: run the tests through \`npm test\` (it installs Debian's chromium), or \`bash -c 'source scripts/lib.sh; ensure_chromium'\``);
  }
  await mkdir(ARTIFACTS, { recursive: true });
}

/** serveUiFor serves the built UI with a network of the one test chain, its accounts as demo accounts. */
export function serveUiFor(chain: TestChain, name: string): Promise<UiServer> {
  const network = uiNetwork(name, [
    {
      name: "local-test",
      chainId: chain.chainId,
      level: "local",
      endpoints: { rpc: chain.rpc, rest: chain.rest },
      accounts: Object.values(chain.accounts).flatMap((a) => (a === undefined ? [] : [a])),
    },
  ]);
  return serveUi({ dist: UI_DIST, port: 0, network: async () => network });
}

/** openPage launches Chromium with a desktop viewport in ZONE, logging the page's errors. */
export async function openPage(log: (m: string) => void): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB", timezoneId: ZONE, acceptDownloads: true });
  const page = await context.newPage();
  page.on("pageerror", (err) => log(`page error: ${err.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") log(`browser console: ${m.text()}`);
  });
  page.on("requestfailed", (r) => log(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ""}`));
  return { browser, page };
}
