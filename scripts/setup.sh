#!/usr/bin/env bash
# Install every tool the Dramatis build and tests need, idempotently.
#
#   rust toolchain   per rust-toolchain.toml (+ the wasm32-unknown-unknown target)
#   trunk            0.21.14 (cargo install --locked)
#   wasm-bindgen     the CLI at exactly the wasm-bindgen version in Cargo.lock
#   cargo deps       fetched, because Trunk.toml builds with offline = true
#   npm packages     package-lock.json: binaryen 132 (wasm-opt), playwright-core
#   chromium         Debian chromium + chromium-driver (for the browser tests)
#
# A tool that is already there at the right version is left alone, so a second
# run installs and rebuilds nothing and prints one "...: present" line per tool.
# Safe under CI=true with no stdin; uses sudo only when not root.
set -euo pipefail

cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION="0.21.14"

say() { printf '%s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }
installing() { printf '%s: installing...\n' "$1"; }

# --- Rust toolchain ----------------------------------------------------------
if ! command -v rustup >/dev/null 2>&1; then
    die "rustup not found; install it from https://rustup.rs and run this again"
fi
channel="$(awk -F'"' '/^[[:space:]]*channel[[:space:]]*=/ { print $2; exit }' rust-toolchain.toml)"
[ -n "$channel" ] || die "no channel in rust-toolchain.toml"
if ! rustup toolchain list | grep "^${channel}-" >/dev/null; then
    installing "rust ${channel}"
    # rustup >= 1.28: with no argument, installs the toolchain file's toolchain,
    # its components and targets.
    rustup toolchain install </dev/null
fi
if ! rustup target list --installed --toolchain "$channel" | grep -x 'wasm32-unknown-unknown' >/dev/null; then
    installing "rust target wasm32-unknown-unknown"
    rustup target add --toolchain "$channel" wasm32-unknown-unknown </dev/null
fi
say "rust ${channel} + wasm32-unknown-unknown: present"

# --- Cargo.lock and dependencies ---------------------------------------------
if [ ! -f Cargo.lock ]; then
    installing "Cargo.lock"
    cargo generate-lockfile
fi
# Trunk runs cargo with --offline, so every crate must be in the local cache.
# `cargo fetch` downloads nothing when it already is.
cargo fetch --quiet </dev/null
say "cargo dependencies: present"

# --- trunk -------------------------------------------------------------------
have_trunk="$(trunk --version 2>/dev/null | awk '{ print $2 }' || true)"
if [ "$have_trunk" != "$TRUNK_VERSION" ]; then
    installing "trunk ${TRUNK_VERSION} (found: ${have_trunk:-none}; ~15 min on 2 cores)"
    cargo install trunk --version "=${TRUNK_VERSION}" --locked </dev/null
fi
say "trunk ${TRUNK_VERSION}: present"

# --- wasm-bindgen-cli ----------------------------------------------------------
# Must equal the wasm-bindgen crate in Cargo.lock exactly (the schema versions
# must match). No --locked: the locked build wants a webpki-roots the mirror lacks.
wb_version="$(awk '
    /^\[\[package\]\]/ { name = "" }
    /^name = "wasm-bindgen"$/ { name = "wasm-bindgen"; next }
    name == "wasm-bindgen" && /^version = / { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)"
[ -n "$wb_version" ] || die "no wasm-bindgen package in Cargo.lock"
have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)"
if [ "$have_wb" != "$wb_version" ]; then
    installing "wasm-bindgen-cli ${wb_version} (found: ${have_wb:-none}; ~8 min on 2 cores)"
    cargo install wasm-bindgen-cli --version "=${wb_version}" --force </dev/null
fi
say "wasm-bindgen ${wb_version}: present"
trunk_wb="$(awk -F'"' '/^[[:space:]]*wasm_bindgen[[:space:]]*=/ { print $2; exit }' Trunk.toml)"
if [ -n "$trunk_wb" ] && [ "$trunk_wb" != "$wb_version" ]; then
    die "Trunk.toml [tools] wasm_bindgen is ${trunk_wb} but Cargo.lock has wasm-bindgen ${wb_version}; make them equal"
fi

# --- npm packages (binaryen's wasm-opt, playwright-core) -----------------------
command -v node >/dev/null 2>&1 || die "node (>= 20) not found"
command -v npm >/dev/null 2>&1 || die "npm not found"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "node >= 20 is needed (found $(node --version))"
stamp="node_modules/.dramatis-setup-stamp"
want_stamp() { cat package.json package-lock.json 2>/dev/null | sha256sum | awk '{ print $1 }'; }
if [ ! -f package-lock.json ] || [ ! -x node_modules/.bin/wasm-opt ] \
    || [ ! -d node_modules/playwright-core ] || [ ! -f "$stamp" ] \
    || [ "$(cat "$stamp")" != "$(want_stamp)" ]; then
    if [ -f package-lock.json ]; then
        installing "npm packages (npm ci)"
        npm ci --no-audit --no-fund </dev/null
    else
        installing "npm packages (npm install)"
        npm install --no-audit --no-fund </dev/null
    fi
    want_stamp >"$stamp"
fi
wasm_opt_version="$(node_modules/.bin/wasm-opt --version | awk '{ print $3 }')"
pw_version="$(node -p 'require("./node_modules/playwright-core/package.json").version')"
say "npm: wasm-opt ${wasm_opt_version}, playwright-core ${pw_version}: present"

# --- chromium + chromium-driver + an emoji font (Debian) ----------------------
missing=()
# fonts-noto-color-emoji: flag emoji in screenshots of the cards.
for pkg in chromium chromium-driver fonts-noto-color-emoji; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep 'install ok installed' >/dev/null || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    installing "${missing[*]} (apt)"
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install ${missing[*]} by hand"
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then sudo=(sudo -n); fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update </dev/null
    "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
fi
chromium_version="$(dpkg-query -W -f='${Version}' chromium)"
say "chromium ${chromium_version}: present"
