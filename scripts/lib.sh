# Shared helpers for the scripts in this folder. Source it; do not run it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Tools are cached outside the clone so a second clone or run reuses them.
CACHE="${GRIDLEDGER_CACHE:-$HOME/.cache/gridledger}"
TOOLS_BIN="$CACHE/bin"
mkdir -p "$TOOLS_BIN"
export PATH="$TOOLS_BIN:$ROOT/node_modules/.bin:$PATH"

step() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

need() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is not installed. $2"
}

# ensure_npm installs the workspace's npm packages when package-lock.json changed since the last install.
ensure_npm() {
  need node "Install Node.js 20.19 or newer (https://nodejs.org)."
  need npm "Install npm (it ships with Node.js)."
  local stamp="$ROOT/node_modules/.gridledger-lock"
  if [[ ! -f "$stamp" ]] || ! cmp -s "$ROOT/package-lock.json" "$stamp"; then
    step "installing npm packages (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$ROOT/package-lock.json" "$stamp"
  fi
}

# ensure_ts_build compiles the TypeScript packages the scripts import (@gridledger/client resolves
# to its dist/ build); incremental, so a few seconds when nothing changed.
ensure_ts_build() {
  step "building the TypeScript packages (tsc -b ts-client relayer)"
  (cd "$ROOT" && tsc -b ts-client relayer) || die "the TypeScript build failed (see above): fix it, then run this again."
}

# go_install_tool installs a Go program at an exact version into the tool cache.
go_install_tool() {
  local name="$1" pkg="$2" version="$3"
  local marker="$TOOLS_BIN/.$name-$version"
  if [[ ! -x "$TOOLS_BIN/$name" || ! -f "$marker" ]]; then
    step "installing $name $version from the Go module proxy"
    GOBIN="$TOOLS_BIN" go install "$pkg@$version"
    touch "$marker"
  fi
}

# go_mod_dir prints the module-cache directory of a module at the version chain/go.mod selects.
go_mod_dir() {
  (cd "$ROOT/chain" && go mod download "$1" && go list -m -f '{{.Dir}}' "$1")
}

# CHROMIUM is the browser the UI's end-to-end tests drive (playwright-core, never a downloaded one).
CHROMIUM="${GRIDLEDGER_CHROMIUM:-/usr/bin/chromium}"

# ensure_chromium installs Debian's chromium when it is missing: as root directly, else through
# passwordless sudo; otherwise it says what to run. Installed once, then a no-op.
ensure_chromium() {
  if [[ -x "$CHROMIUM" ]]; then return 0; fi
  local sudo=""
  if [[ "$(id -u)" != 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"
    else die "the browser tests need Chromium at $CHROMIUM: install it with 'sudo apt-get install chromium' (or set GRIDLEDGER_CHROMIUM to another Chromium), then run this again."; fi
  fi
  command -v apt-get >/dev/null 2>&1 || die "the browser tests need Chromium at $CHROMIUM and this system has no apt-get: install Chromium and set GRIDLEDGER_CHROMIUM to it."
  step "installing Chromium for the browser tests (Debian package chromium; once)"
  # The package lists may be stale or absent on a fresh machine: refresh them when the install fails.
  if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null; then
    $sudo apt-get update -q >/dev/null
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null
  fi
  [[ -x "$CHROMIUM" ]] || die "apt-get installed chromium, but $CHROMIUM is still missing: set GRIDLEDGER_CHROMIUM to the browser's path."
}
