// In-browser benchmark (not a test): `make bench-browser` after `make build`.
// Prints medians over several fresh page loads of dist/ in headless Chromium:
//   navigation → first highlighted mention, KB load, first analysis (cold
//   code), and re-analysis of the sample (warm), all from the page's own
//   performance.now() clock.
import { startServer, launchBrowser, assertDistBuilt } from './harness.mjs';

const LOADS = Number(process.env.LOADS || 7);
const REANALYSES = 30;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

await assertDistBuilt();
const server = await startServer();
const browser = await launchBrowser();
const nav = [], kb = [], first = [], warm = [], automaton = [];
try {
  for (let i = 0; i < LOADS; i++) {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector('mark.mention');
    nav.push(await page.evaluate(() => performance.now()));
    kb.push(+(await page.getAttribute('article', 'data-kb-ms')));
    first.push(+(await page.getAttribute('article', 'data-analysis-ms')));
    await page.waitForFunction(() => document.querySelector('article')?.dataset.automatonMs, null, { timeout: 10_000 });
    automaton.push(+(await page.getAttribute('article', 'data-automaton-ms')));
    if (i === 0) {
      for (let k = 0; k < REANALYSES; k++) {
        await page.click('#load-sample');
        await page.waitForTimeout(20);
        warm.push(+(await page.getAttribute('article', 'data-analysis-ms')));
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const f = (x) => `${x.toFixed(1)} ms`;
console.log(`page loads: ${LOADS}`);
console.log(`navigation → highlighted article   median ${f(median(nav))}  (min ${f(Math.min(...nav))}, max ${f(Math.max(...nav))})`);
console.log(`knowledge base load                median ${f(median(kb))}`);
console.log(`first analysis of the sample       median ${f(median(first))}`);
console.log(`gazetteer automaton (after paint)  median ${f(median(automaton))}`);
console.log(`re-analysis of the sample (warm)   median ${f(median(warm))}  (${REANALYSES} runs)`);
