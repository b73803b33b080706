// In-browser speed of the engine compiled to wasm (crates/bench-wasm), timed in
// headless Chromium with performance.now(), printed beside nothing else: compare
// with `dramatis bench` (native). Run by `make bench-wasm`.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const wasmPath = process.argv[2] ?? 'crates/bench-wasm/target/wasm32-unknown-unknown/release/dramatis_bench_wasm.wasm';
const bytes = readFileSync(wasmPath);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const result = await page.evaluate(async (b64) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const { instance } = await WebAssembly.instantiate(bin, {});
    const x = instance.exports;
    const time = (f) => { const t = performance.now(); const r = f(); return [performance.now() - t, r]; };
    const [kbColdMs] = time(() => x.parse_kb());
    const kbRuns = [];
    for (let i = 0; i < 9; i++) kbRuns.push(time(() => x.parse_kb())[0]);
    kbRuns.sort((a, b) => a - b);
    const kbWarmMs = kbRuns[4];
    const [loadMs] = time(() => x.load());
    const tokens = x.prepare(200000);
    time(() => x.tag()); // warm-up
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(time(() => x.tag())[0]);
    runs.sort((a, b) => a - b);
    const tagMs = runs[2];
    const an = [];
    for (let i = 0; i < 30; i++) an.push(time(() => x.analyze_sample())[0]);
    an.sort((a, b) => a - b);
    return { kbColdMs, kbWarmMs, loadMs, tokens, tagMs, analyzeMs: an[15] };
  }, bytes.toString('base64'));
  const mtps = result.tokens / result.tagMs / 1000;
  console.log(`wasm in Chromium: KB parse, first call ${result.kbColdMs.toFixed(1)} ms, then median ${result.kbWarmMs.toFixed(1)} ms (9 runs)`);
  console.log(`wasm in Chromium: KB + model load ${result.loadMs.toFixed(1)} ms`);
  console.log(`wasm in Chromium: tagger alone ${mtps.toFixed(2)} M tokens/s (${result.tokens} tokens in ${result.tagMs.toFixed(0)} ms, median of 5)`);
  console.log(`wasm in Chromium: sample article analysis median ${result.analyzeMs.toFixed(2)} ms (30 runs)`);
} finally {
  await browser.close();
}
