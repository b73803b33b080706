# Dramatis: build, serve and test the reader.
#
#   make setup   install every tool (scripts/setup.sh; idempotent, fast when done)
#   make build   release site in dist/ (trunk build --release; relative URLs)
#   make serve   setup, then serve the reader at http://127.0.0.1:8080
#   make test    setup, host unit tests, build, then the browser tests
#   make e2e     only the browser tests, against an existing dist/
#   make bench   engine benchmarks (native, release)
#   make train   retrain the tagger into assets/model/tagger.bin (from ../shared/data/ner)
#   make eval    the tagger and the engine on the held-out splits (P/R/F1)
#   make model-check  retrain into target/ and check the shipped model is byte-identical
#   make bench-wasm   the tagger and engine compiled to wasm, timed in headless Chromium
#   make bench-browser  in-browser timings of dist/ (headless Chromium)
#   make sizes   what a first visit downloads (raw and gzip)
#   make clean   remove dist/, test artifacts and cargo's target/

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build

# Trunk finds wasm-opt (npm binaryen 132) and wasm-bindgen (cargo install) on
# PATH; the first match wins, so these come before anything in /usr/bin.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: setup build serve test unit e2e bench bench-browser bench-wasm train eval model-check sizes clean

setup:
	bash scripts/setup.sh

build: setup
	trunk build --release
	@# dist/ must work from any static server and under any sub-path.
	@if grep -Eq '(src|href)="/' dist/index.html; then \
		echo "error: dist/index.html has absolute URLs (public_url must be ./)" >&2; exit 1; \
	fi

# Live-rebuilding release server. It writes its own output (with Trunk's
# autoreload script) to target/trunk-serve, so dist/ stays the clean build.
serve: setup
	trunk serve --release --address $(HOST) --port $(PORT) --dist target/trunk-serve

unit:
	cargo test -p dramatis-core -p dramatis
	cargo test -p dramatis-app

test: setup
	$(MAKE) --no-print-directory unit
	$(MAKE) --no-print-directory model-check
	$(MAKE) --no-print-directory build
	$(MAKE) --no-print-directory e2e

e2e:
	@test -f dist/index.html || { echo "error: no dist/index.html; run 'make build' first" >&2; exit 1; }
	node --test --test-concurrency=1 tests/e2e/

bench:
	cargo run --release -p dramatis -- bench

SHARED ?= ../shared

train:
	cargo run --release -p dramatis -- train --shared $(SHARED)

eval:
	cargo run --release -p dramatis -- eval --heldout --shared $(SHARED) --system tagger
	cargo run --release -p dramatis -- eval --heldout --shared $(SHARED) --system engine

# The shipped model must be what `dramatis train` makes of the corpora.
model-check:
	cargo run --release -p dramatis -- train --shared $(SHARED) --out target/model-check/tagger.bin
	cmp target/model-check/tagger.bin assets/model/tagger.bin
	@echo "model-check: assets/model/tagger.bin is reproducible"

bench-wasm:
	cargo build --release --target wasm32-unknown-unknown --manifest-path crates/bench-wasm/Cargo.toml
	node scripts/bench-wasm.mjs
	cargo run --release -p dramatis -- bench --iterations 30

# In-browser timings of the built dist/ (headless Chromium).
bench-browser:
	@test -f dist/index.html || { echo "error: no dist/index.html; run 'make build' first" >&2; exit 1; }
	node tests/e2e/bench.mjs

# What a first visit downloads, raw and gzipped.
sizes:
	@cd dist && for f in *; do printf '%-44s %8d bytes  %8d gzip\n' "$$f" "$$(stat -c %s "$$f")" "$$(gzip -9c "$$f" | wc -c)"; done
	@cd dist && printf '%-44s %8d bytes  %8d gzip\n' "total" "$$(cat * | wc -c)" "$$(for f in *; do gzip -9c "$$f"; done | wc -c)"

clean:
	rm -rf dist tests/e2e/artifacts
	cargo clean
