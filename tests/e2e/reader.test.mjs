// End-to-end tests of the Dramatis reader in headless Chromium.
//
//   make build && node --test tests/e2e/        (or: make e2e)
//   DRAMATIS_DIST=/some/dist node --test tests/e2e/
//
// The page contract these tests rely on (see DESIGN.md):
// - <article> holds the article (<h1>, <p>, <blockquote>); each mention is
//   <mark class="mention lbl-LABEL" tabindex="0" data-actor data-label data-m>.
// - The hover card is <div id="card" class="card" role="tooltip"> (role="dialog"
//   when pinned by tap/click) with .card-name, .card-kind, .card-label,
//   .card-roles, .card-count.
// - textarea#paste, button#analyze, button#load-sample, .empty-state,
//   progress#progress while analysing, .legend with .legend-item[data-label].
//
// Timing is never asserted, except one bound on main-thread freezes while a
// 5 MB paste is analysed. Everything else only waits, generously.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  useReader,
  mentionNamed,
  mentions,
  screenshot,
  SUB_PATH,
  LOAD_TIMEOUT,
  UI_TIMEOUT,
} from './harness.mjs';

const reader = useReader(before, after);
const open = reader.open;
const mention = mentionNamed;

/** Assert that some mention reads exactly `text` and every such mention has `label`. */
function assertLabel(ms, text, label) {
  const hits = ms.filter((m) => m.text === text);
  assert.ok(hits.length > 0, `no mention "${text}"; mentions: ${summary(ms)}`);
  for (const m of hits) assert.equal(m.label, label, `"${text}" should be ${label}`);
}

function summary(ms) {
  const seen = [...new Set(ms.map((m) => `${m.text}/${m.label}`))];
  return seen.slice(0, 60).join(', ') + (seen.length > 60 ? ', …' : '');
}

function actorsOf(ms, pred) {
  return new Set(ms.filter(pred).map((m) => m.actor));
}

function assertCleanLoad(log) {
  assert.deepEqual(log.pageErrors, [], 'page errors');
  assert.deepEqual(log.consoleErrors, [], 'console errors');
  assert.deepEqual(log.failed, [], 'failed requests');
  assert.deepEqual(log.offOrigin(), [], 'requests that left the origin');
}

/** Boxes overlap when they share some area (touching edges do not count). */
function overlaps(a, b) {
  const eps = 0.5;
  return (
    a.x + eps < b.x + b.width &&
    b.x + eps < a.x + a.width &&
    a.y + eps < b.y + b.height &&
    b.y + eps < a.y + a.height
  );
}

function assertInViewport(box, vp, what) {
  const eps = 1;
  assert.ok(box.x >= -eps && box.y >= -eps, `${what} starts off screen: ${JSON.stringify(box)}`);
  assert.ok(box.x + box.width <= vp.width + eps, `${what} sticks out to the right: ${JSON.stringify(box)} in ${JSON.stringify(vp)}`);
  assert.ok(box.y + box.height <= vp.height + eps, `${what} sticks out at the bottom: ${JSON.stringify(box)} in ${JSON.stringify(vp)}`);
}

/** Put `text` in the paste box and press Analyze. */
async function analyze(page, text, fillTimeout = UI_TIMEOUT) {
  await page.locator('textarea#paste').fill(text, { timeout: fillTimeout });
  await page.locator('button#analyze').click();
}

const CARD = '[role=tooltip], [role=dialog]';

// ---------------------------------------------------------------------------

test('loads with no errors and no request leaving the origin', async (t) => {
  const { page, log } = await open(t);
  // Give late errors (a failed fetch, a panic after first paint) a moment.
  await page.waitForTimeout(500);
  assertCleanLoad(log);
  assert.ok(
    log.requests.some((u) => u.endsWith('.wasm')),
    `the wasm module was not requested: ${log.requests.join(', ')}`,
  );
  await screenshot(page, 'desktop-light', { fullPage: true });
});

test('loads under a sub-path with relative URLs only', async (t) => {
  const { page, log } = await open(t, { url: reader.server().subUrl });
  await page.waitForTimeout(500);
  assertCleanLoad(log);
  const outside = log.requests.filter((u) => !new URL(u).pathname.startsWith(SUB_PATH) && !u.startsWith('data:'));
  assert.deepEqual(outside, [], `requests outside ${SUB_PATH}`);
});

test("highlights the sample's actors with the right labels", async (t) => {
  const { page } = await open(t);
  const ms = await mentions(page);
  assert.ok(ms.length > 0, 'no .mention in <article>');

  assertLabel(ms, 'Putin', 'PERSON');
  assertLabel(ms, 'Erdoğan', 'PERSON');
  assertLabel(ms, 'Azerbaijan', 'GPE');
  assertLabel(ms, 'Azeri', 'NORP');
  assertLabel(ms, 'OSCE', 'ORG');
  assertLabel(ms, 'NATO', 'ORG');
  const lavrov = ms.filter((m) => m.text === 'Lavrov' || m.text === 'Sergey Lavrov');
  assert.ok(lavrov.length > 0, `no mention of Lavrov; mentions: ${summary(ms)}`);
  for (const m of lavrov) assert.equal(m.label, 'PERSON', `"${m.text}" should be PERSON`);

  for (const m of ms) {
    assert.ok(m.actor, `mention "${m.text}" has no data-actor`);
    assert.ok(m.label, `mention "${m.text}" has no data-label`);
  }

  const putin = actorsOf(ms, (m) => m.text.includes('Putin'));
  assert.equal(putin.size, 1, `Putin's mentions belong to several actors: ${[...putin]}`);

  const azeri = actorsOf(ms, (m) => m.text === 'Azeri' || m.text === 'Azerbaijan');
  assert.equal(azeri.size, 1, `"Azeri" and "Azerbaijan" should be one actor: ${[...azeri]}`);

  const pashinyan = actorsOf(ms, (m) => m.text === 'Pashinyan' || m.text === 'Nikol Pashinyan');
  assert.ok(ms.some((m) => m.text === 'Pashinyan'), 'no mention "Pashinyan"');
  assert.ok(ms.some((m) => m.text === 'Nikol Pashinyan'), 'no mention "Nikol Pashinyan"');
  assert.equal(pashinyan.size, 1, `"Pashinyan" and "Nikol Pashinyan" should be one actor: ${[...pashinyan]}`);

  // Mentions are focusable.
  const tabindex = await page.locator('article .mention').first().getAttribute('tabindex');
  assert.equal(tabindex, '0');
});

test('hovering a mention shows a card beside it, which stays while hovered and then closes', async (t) => {
  const { page } = await open(t);
  const vp = page.viewportSize();
  const putin = mention(page, 'Putin');
  await putin.scrollIntoViewIfNeeded();
  await putin.hover();

  const card = page.locator('[role=tooltip]');
  await card.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  assert.equal((await card.locator('.card-name').innerText()).trim(), 'Vladimir Putin');
  const text = await card.innerText();
  assert.match(text, /President/, `card text: ${text}`);
  assert.match(text, /Russia/, `card text: ${text}`);

  const mbox = await putin.boundingBox();
  const cbox = await card.boundingBox();
  assert.ok(mbox && cbox, 'mention or card has no box');
  assert.ok(!overlaps(mbox, cbox), `card ${JSON.stringify(cbox)} covers the mention ${JSON.stringify(mbox)}`);
  assertInViewport(cbox, vp, 'card');
  await screenshot(page, 'hover-card');

  // Moving onto the card keeps it open (well past the close grace period).
  await page.mouse.move(cbox.x + cbox.width / 2, cbox.y + cbox.height / 2, { steps: 10 });
  await page.waitForTimeout(1000);
  assert.ok(await card.isVisible(), 'the card closed while the pointer was on it');

  // Moving away closes it after the grace period.
  await page.mouse.move(1, 1, { steps: 10 });
  await card.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
});

test('keyboard: Tab focuses a mention and opens its card; Escape closes it', async (t) => {
  const { page } = await open(t);
  let focused = false;
  for (let i = 0; i < 30 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => !!document.activeElement?.classList.contains('mention'));
  }
  assert.ok(focused, 'no .mention got focus after 30 Tabs');
  const card = page.locator('[role=tooltip]');
  await card.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  const name = (await card.locator('.card-name').innerText()).trim();
  assert.ok(name.length > 0, 'the card has no name');
  await page.keyboard.press('Escape');
  await card.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
});

test('tapping a mention opens its card (phone)', async (t) => {
  const { page } = await open(t, {
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    isMobile: true,
  });
  await screenshot(page, 'phone');
  const putin = mention(page, 'Putin');
  await putin.scrollIntoViewIfNeeded();
  await putin.tap();
  const card = page.locator(CARD).first();
  await card.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  assert.equal((await card.locator('.card-name').innerText()).trim(), 'Vladimir Putin');
  const box = await card.boundingBox();
  assert.ok(box.x >= -1 && box.x + box.width <= 361, `card sticks out sideways on a phone: ${JSON.stringify(box)}`);
  await screenshot(page, 'phone-card');
});

test('analyses a pasted article', async (t) => {
  const { page } = await open(t);
  await analyze(
    page,
    'German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Monday. ' +
      'Scholz said Germany and France would support Ukraine.',
  );
  await page.waitForFunction(
    () => [...document.querySelectorAll('article .mention')].some((e) => e.textContent.trim() === 'Olaf Scholz'),
    null,
    { timeout: LOAD_TIMEOUT },
  );
  const ms = await mentions(page);
  assertLabel(ms, 'Olaf Scholz', 'PERSON');
  assertLabel(ms, 'Emmanuel Macron', 'PERSON');
  assertLabel(ms, 'Germany', 'GPE');
  assertLabel(ms, 'Ukraine', 'GPE');
  assert.ok(!ms.some((m) => m.text.includes('Putin')), 'a mention of Putin from the sample remains');
  const text = await page.locator('article').innerText();
  assert.ok(!text.includes('Putin'), 'the sample article is still shown');
});

test('analysing empty text shows an empty state', async (t) => {
  const { page } = await open(t);
  await analyze(page, '');
  const empty = page.locator('.empty-state');
  await empty.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  assert.ok((await empty.innerText()).trim().length > 0, '.empty-state has no text');
});

test('pasted markup is shown as text, never run', async (t) => {
  const { page, log } = await open(t);
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>Hello from <b>Paris</b>';
  await analyze(page, evil);
  await page.waitForFunction(() => document.querySelector('article')?.textContent.includes('Hello from'), null, {
    timeout: LOAD_TIMEOUT,
  });
  await page.waitForTimeout(300); // an injected onerror would have fired by now
  assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined', 'injected script ran');
  const text = await page.locator('article').evaluate((a) => a.textContent);
  assert.ok(text.includes('<script>'), `the literal <script> is not shown: ${text.slice(0, 200)}`);
  assert.equal(await page.locator('article img').count(), 0, 'an <img> was created inside <article>');
  assert.equal(await page.locator('article script, article b').count(), 0, 'markup was parsed inside <article>');
  assert.ok(!log.requests.some((u) => new URL(u).pathname.endsWith('/x')), 'the injected <img> was fetched');
});

test('a 5 MB paste shows progress, finishes, and never freezes the page', { timeout: 180_000 }, async (t) => {
  const { page } = await open(t);
  const title = 'Leaders meet in Paris as NATO weighs more support for Ukraine';
  const para =
    'German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Monday, ' +
    'and NATO Secretary General Jens Stoltenberg said the alliance would keep supporting Ukraine. ' +
    '"We stand together," Macron told reporters, while Russia and Belarus held military drills ' +
    'and the European Union prepared new sanctions against Moscow.';
  const endMarker = 'This is the end of the long article, said Olaf Scholz in Berlin.';
  const parts = [title];
  let size = title.length;
  while (size < 5 * 1024 * 1024) {
    parts.push(para);
    size += para.length + 2;
  }
  parts.push(endMarker);
  const big = parts.join('\n\n');
  assert.ok(Buffer.byteLength(big) >= 5 * 1024 * 1024);

  // Typing 5 MB through fill() is slow and echoes the text in errors: set the
  // value directly and fire the input event a paste would.
  await page.locator('textarea#paste').evaluate((el, value) => {
    el.focus();
    el.value = value;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, big);

  // Watch the main thread: the largest gap between 50 ms interval ticks (and
  // animation frames, for the record), and whether a progress bar appeared.
  await page.evaluate(() => {
    const w = window;
    const s = (w.__e2e = { maxGap: 0, rafMaxGap: 0, sawProgress: false, ticks: 0, stop: false, long: [] });
    const busy = () => !!document.querySelector('progress, [role=progressbar]');
    let last = performance.now();
    s.interval = setInterval(() => {
      const now = performance.now();
      const gap = now - last;
      s.maxGap = Math.max(s.maxGap, gap);
      const b = busy();
      if (gap > 250 && s.long.length < 20) s.long.push(`${Math.round(gap)} ms${b ? ' (progress shown)' : ''}`);
      last = now;
      s.ticks++;
      if (b) s.sawProgress = true;
    }, 50);
    let rlast = performance.now();
    const frame = () => {
      const now = performance.now();
      s.rafMaxGap = Math.max(s.rafMaxGap, now - rlast);
      rlast = now;
      if (!s.stop) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    s.observer = new MutationObserver(() => {
      if (busy()) s.sawProgress = true;
    });
    s.observer.observe(document.body, { childList: true, subtree: true });
  });

  await page.locator('button#analyze').click();

  // Done: the progress bar came and went, and the last paragraph is rendered.
  await page.waitForFunction(
    (marker) => {
      const s = window.__e2e;
      if (!s.sawProgress || document.querySelector('progress, [role=progressbar]')) return false;
      const ps = document.querySelectorAll('article p');
      return ps.length > 0 && ps[ps.length - 1].textContent.includes(marker);
    },
    endMarker,
    { timeout: 60_000, polling: 250 },
  );
  // Paragraphs render in order, so the last one being there means the article
  // is complete. (Counting with locator.count() here would itself freeze the
  // page for ~1 s at 190k mentions: count natively, once, afterwards.)
  const stats = await page.evaluate(() => {
    const s = window.__e2e;
    s.stop = true;
    clearInterval(s.interval);
    s.observer.disconnect();
    return { maxGap: s.maxGap, rafMaxGap: s.rafMaxGap, ticks: s.ticks, sawProgress: s.sawProgress, long: s.long };
  });
  const count = await page.evaluate(() => document.querySelectorAll('article .mention').length);
  t.diagnostic(`5 MB paste: ${count} mentions; largest gap ${Math.round(stats.maxGap)} ms between interval ticks, ${Math.round(stats.rafMaxGap)} ms between frames; gaps over 250 ms: ${stats.long.join(', ') || 'none'}`);

  assert.ok(stats.sawProgress, 'no progress element was shown');
  assert.ok(count > 0, 'the article has no mentions');
  const ms = await page.$$eval('article .mention', (els) => els.slice(0, 50).map((e) => e.textContent.trim()));
  assert.ok(ms.includes('Olaf Scholz'), `expected "Olaf Scholz" among the first mentions: ${ms.join(', ')}`);
  assert.ok(stats.maxGap < 1000, `the main thread froze for ${Math.round(stats.maxGap)} ms`);
});

test('the legend lists the labels present with their colours', async (t) => {
  const { page } = await open(t);
  const legend = page.locator('.legend');
  await legend.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  const ms = await mentions(page);
  const present = [...new Set(ms.map((m) => m.label))].sort();
  const listed = (await page.$$eval('.legend .legend-item', (els) => els.map((e) => e.dataset.label))).sort();
  assert.deepEqual(listed, present, 'legend labels differ from the labels in the article');

  // Each legend item shows the colour its mentions use; the colours differ.
  const colours = await page.evaluate((labels) => {
    const rgb = /rgba?\([^)]*\)/g;
    const paint = (el) => {
      const out = new Set();
      const cs = getComputedStyle(el);
      const add = (c) => {
        if (c && !/^rgba\(\s*0,\s*0,\s*0,\s*0\s*\)$/.test(c) && c !== 'transparent') out.add(c.replace(/\s+/g, ''));
      };
      add(cs.backgroundColor);
      for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
        if (cs[`border${side}Style`] !== 'none' && parseFloat(cs[`border${side}Width`]) > 0) add(cs[`border${side}Color`]);
      }
      if (cs.boxShadow && cs.boxShadow !== 'none') for (const c of cs.boxShadow.match(rgb) || []) add(c);
      if (cs.textDecorationLine && cs.textDecorationLine !== 'none') add(cs.textDecorationColor);
      return out;
    };
    const deep = (root) => {
      const out = new Set();
      for (const el of [root, ...root.querySelectorAll('*')]) for (const c of paint(el)) out.add(c);
      return out;
    };
    return labels.map((label) => {
      const item = document.querySelector(`.legend .legend-item[data-label="${label}"]`);
      const mark = document.querySelector(`article .mention[data-label="${label}"]`);
      const legendColours = item ? [...deep(item)] : [];
      const markColours = mark ? [...paint(mark)] : [];
      return { label, legendColours, markColours, shared: markColours.filter((c) => legendColours.includes(c)) };
    });
  }, present);
  for (const c of colours) {
    assert.ok(c.legendColours.length > 0, `legend item ${c.label} shows no colour`);
    assert.ok(c.shared.length > 0, `legend colour for ${c.label} (${c.legendColours}) is not the mentions' (${c.markColours})`);
  }
  const firsts = colours.map((c) => c.shared[0]);
  assert.equal(new Set(firsts).size, firsts.length, `labels share a colour: ${JSON.stringify(colours.map((c) => [c.label, c.shared[0]]))}`);
});

test('dark colour scheme', async (t) => {
  const light = await open(t);
  const dark = await open(t, { colorScheme: 'dark' });
  const bg = (p) => p.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(await bg(dark.page), await bg(light.page), 'the dark scheme has the light background');
  await screenshot(dark.page, 'desktop-dark', { fullPage: true });
  await dark.page.waitForTimeout(100);
  const putin = mention(dark.page, 'Putin');
  await putin.hover();
  await dark.page.locator('[role=tooltip]').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  await screenshot(dark.page, 'hover-card-dark');
});
