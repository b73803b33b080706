// End-to-end tests of the reading experience (issue 5) in headless Chromium:
// the cast panel, focus mode and its #actor= fragment, the mention map,
// legend toggles and the minor-actors switch, opening any article (file
// input, drag and drop, ?src=, samples; HTML reduced without running
// anything), themes, persistence and the clear button, click-only cards,
// a 360 px phone with bottom sheets, and offline use (manifest + service
// worker). Screenshots go to tests/e2e/artifacts/.
//
// Page contract used here (besides reader.test.mjs's):
// - .cast-panel with #cast-filter, .cast-group[data-kind] and
//   button.cast-entry[data-actor][aria-pressed] (.cast-name, .cast-count)
// - #focus-bar (.focus-name, .focus-pos, #focus-prev, #focus-next, #focus-exit);
//   <article class="reading focusing"> in focus mode
// - .mention-map with .tick.all / .tick.mine [data-m][data-actor]
// - .legend-item[data-label] > button.legend-toggle[aria-pressed]; #minor-toggle
// - #file-input, #sample-select, #open-status, #theme-toggle, #click-only, #clear
// - #card.sheet on narrow screens

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  useReader,
  mentionNamed,
  mentions,
  screenshot,
  waitForArticle,
  SUB_PATH,
  LOAD_TIMEOUT,
  UI_TIMEOUT,
} from './harness.mjs';

const reader = useReader(before, after);
const open = reader.open;
const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true };
const CARD = '[role=tooltip], [role=dialog]';

function assertClean(log) {
  assert.deepEqual(log.pageErrors, [], 'page errors');
  assert.deepEqual(log.consoleErrors, [], 'console errors');
  assert.deepEqual(log.offOrigin(), [], 'requests that left the origin');
}

/** The actor id of the first mention reading exactly `text`. */
async function actorOf(page, text) {
  return mentionNamed(page, text).getAttribute('data-actor');
}

async function articleText(page) {
  return page.locator('article').evaluate((a) => a.textContent);
}

async function waitForArticleText(page, needle) {
  await page.waitForFunction((n) => document.querySelector('article')?.textContent.includes(n), needle, {
    timeout: LOAD_TIMEOUT,
  });
}

// --- cast panel -------------------------------------------------------------

test('cast panel: actors grouped by kind, by salience, with counts and a filter', async (t) => {
  const { page, log } = await open(t);
  const panel = page.locator('.cast-panel');
  await panel.waitFor({ state: 'visible' });
  // Outside the article.
  assert.equal(await page.locator('article .cast-panel').count(), 0, 'the cast panel is inside <article>');

  const groups = await page.$$eval('.cast-group', (gs) => gs.map((g) => g.dataset.kind));
  const order = ['person', 'state', 'organisation', 'group', 'place'];
  assert.deepEqual(groups, order.filter((k) => groups.includes(k)), 'groups out of kind order');
  assert.ok(groups.includes('person') && groups.includes('state'), `groups: ${groups}`);

  // Every actor of the article is listed once, with its number of mentions.
  const ms = await mentions(page);
  const perActor = {};
  for (const m of ms) perActor[m.actor] = (perActor[m.actor] || 0) + 1;
  const entries = await page.$$eval('.cast-entry', (es) =>
    es.map((e) => ({ actor: e.dataset.actor, name: e.querySelector('.cast-name').textContent, n: Number(e.querySelector('.cast-count').textContent) })),
  );
  assert.deepEqual(entries.map((e) => e.actor).sort(), Object.keys(perActor).sort(), 'cast ≠ actors in the article');
  for (const e of entries) assert.equal(e.n, perActor[e.actor], `count of ${e.name}`);
  const people = await page.$$eval('.cast-group[data-kind=person] .cast-name', (es) => es.map((e) => e.textContent));
  assert.ok(people.includes('Vladimir Putin') && people.includes('Recep Tayyip Erdoğan'), `people: ${people}`);

  // The filter folds case and accents and knows how the article names an actor.
  await page.locator('#cast-filter').fill('erdogan');
  await page.waitForFunction(() => document.querySelectorAll('.cast-entry').length === 1);
  assert.equal(await page.locator('.cast-entry .cast-name').innerText(), 'Recep Tayyip Erdoğan');
  await page.locator('#cast-filter').fill('azeri');
  await page.waitForFunction(() => [...document.querySelectorAll('.cast-name')].some((e) => e.textContent === 'Azerbaijan'));
  await page.locator('#cast-filter').fill('nobody at all');
  await page.locator('.cast-none').waitFor();
  await page.locator('#cast-filter').fill('');
  assert.equal(await page.locator('.cast-entry').count(), entries.length);

  // The list is one Tab stop; arrow keys, Home and End move through it.
  assert.equal(await page.locator('.cast-entry[tabindex="0"]').count(), 1, 'the cast is more than one Tab stop');
  await page.locator('#cast-filter').focus();
  await page.keyboard.press('Tab');
  const focusedEntry = () => page.evaluate(() => document.activeElement?.dataset.actor);
  assert.equal(await focusedEntry(), entries[0].actor);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedEntry(), entries[1].actor);
  await page.keyboard.press('End');
  assert.equal(await focusedEntry(), entries[entries.length - 1].actor);
  await page.keyboard.press('Home');
  assert.equal(await focusedEntry(), entries[0].actor);
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedEntry(), entries[0].actor);
  assertClean(log);
});

test('cast panel: hovering an entry lights all its mentions', async (t) => {
  const { page } = await open(t);
  const putin = await actorOf(page, 'Putin');
  await page.locator(`.cast-entry[data-actor="${putin}"]`).hover();
  await page.waitForFunction(
    (id) => getComputedStyle(document.querySelector(`article mark[data-actor="${id}"]`)).outlineStyle === 'solid',
    putin,
  );
  const styles = await page.$$eval('article mark.mention', (els) =>
    els.map((e) => ({ actor: e.dataset.actor, outline: getComputedStyle(e).outlineStyle })),
  );
  for (const s of styles) {
    assert.equal(s.outline === 'solid', s.actor === putin, `outline of a mention of ${s.actor}: ${s.outline}`);
  }
  // The mention map shows where that actor is.
  const mine = await page.$$eval('.mention-map .tick.mine', (ts) => ts.map((x) => x.dataset.actor));
  assert.ok(mine.length > 0 && mine.every((a) => a === putin), `map ticks: ${mine}`);
  await screenshot(page, 'cast-hover');
  await page.mouse.move(640, 5);
  await page.waitForFunction(() => !document.querySelector('.mention-map .tick.mine'));
});

// --- focus mode ---------------------------------------------------------------

test('focus mode: click a cast entry, step with buttons and keys, share by fragment, leave', async (t) => {
  const { page, log } = await open(t);
  const putin = await actorOf(page, 'Putin');
  const count = await page.locator(`article mark[data-actor="${putin}"]`).count();
  assert.ok(count >= 3, `Putin has ${count} mentions`);

  await page.locator(`.cast-entry[data-actor="${putin}"]`).click();
  const bar = page.locator('#focus-bar');
  await bar.waitFor({ state: 'visible' });
  assert.equal(await bar.locator('.focus-name').innerText(), 'Vladimir Putin');
  assert.equal(await page.locator(`.cast-entry[data-actor="${putin}"]`).getAttribute('aria-pressed'), 'true');
  assert.match(new URL(page.url()).hash, /^#actor=Vladimir%20Putin$/);
  assert.ok(await page.locator('article').evaluate((a) => a.classList.contains('focusing')));

  // Emphasised: the focused actor's mentions; dimmed: every other mention.
  const look = await page.$$eval('article mark.mention', (els) =>
    els.map((e) => ({ actor: e.dataset.actor, weight: getComputedStyle(e).fontWeight, bg: getComputedStyle(e).backgroundColor })),
  );
  for (const l of look) {
    if (l.actor === putin) assert.ok(Number(l.weight) >= 600, `focused mention weight ${l.weight}`);
    else assert.match(l.bg, /rgba\(0, 0, 0, 0\)|transparent/, `another actor's mention keeps its colour: ${l.bg}`);
  }
  const textColour = await page.locator('article p').first().evaluate((p) => getComputedStyle(p).color);
  const normal = await page.evaluate(() => getComputedStyle(document.body).color);
  assert.notEqual(textColour, normal, 'the rest of the text is not dimmed');

  // The first mention has focus; Next / n / p move along the actor's mentions.
  const activeM = () => page.evaluate(() => ({ m: document.activeElement?.dataset.m, actor: document.activeElement?.dataset.actor }));
  const order = await page.$$eval(`article mark[data-actor="${putin}"]`, (els) => els.map((e) => e.dataset.m));
  assert.deepEqual(await activeM(), { m: order[0], actor: putin });
  await screenshot(page, 'focus-mode');
  await page.locator('#focus-next').click();
  await page.waitForFunction((m) => document.activeElement?.dataset.m === m, order[1]);
  assert.match(await bar.locator('.focus-pos').innerText(), new RegExp(`mention 2 of ${count}`));
  await page.keyboard.press('n');
  await page.waitForFunction((m) => document.activeElement?.dataset.m === m, order[2]);
  await page.keyboard.press('p');
  await page.waitForFunction((m) => document.activeElement?.dataset.m === m, order[1]);
  await page.locator('#focus-prev').click();
  await page.locator('#focus-prev').click();
  await page.waitForFunction((m) => document.activeElement?.dataset.m === m, order[count - 1]);
  assert.match(await bar.locator('.focus-pos').innerText(), new RegExp(`mention ${count} of ${count}`));

  // Escape closes an open card first, then leaves focus mode.
  await page.locator(`article mark[data-m="${order[0]}"]`).focus();
  await page.locator('[role=tooltip]').waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await page.locator('[role=tooltip]').waitFor({ state: 'hidden' });
  assert.ok(await bar.isVisible(), 'the first Escape left focus mode while a card was open');
  await page.keyboard.press('Escape');
  await bar.waitFor({ state: 'detached' });
  assert.equal(new URL(page.url()).hash, '');
  assert.ok(!(await page.locator('article').evaluate((a) => a.classList.contains('focusing'))));
  assertClean(log);
});

test('focus mode: the #actor= fragment restores it, and following another fragment switches', async (t) => {
  const { page } = await open(t, { url: reader.server().url + '#actor=Vladimir%20Putin' });
  const bar = page.locator('#focus-bar');
  await bar.waitFor({ state: 'visible' });
  assert.equal(await bar.locator('.focus-name').innerText(), 'Vladimir Putin');
  assert.ok(await page.locator('article').evaluate((a) => a.classList.contains('focusing')));
  await page.evaluate(() => {
    location.hash = '#actor=Armenia';
  });
  await page.waitForFunction(() => document.querySelector('#focus-bar .focus-name')?.textContent === 'Armenia');
  // An actor this article does not have: no focus mode, nothing breaks.
  await page.evaluate(() => {
    location.hash = '#actor=Nobody%20Here';
  });
  await bar.waitFor({ state: 'detached' });
  // Leaving with the button clears the fragment.
  await page.evaluate(() => {
    location.hash = '#actor=Turkey';
  });
  await bar.waitFor({ state: 'visible' });
  await page.locator('#focus-exit').click();
  await bar.waitFor({ state: 'detached' });
  assert.equal(new URL(page.url()).hash, '');
});

// --- mention map ----------------------------------------------------------------

test('mention map: ticks along the article; a click jumps there', async (t) => {
  const { page } = await open(t);
  const map = page.locator('.mention-map');
  await map.waitFor({ state: 'visible' });
  const ticks = await page.$$eval('.mention-map .tick.all', (ts) => ts.map((x) => ({ top: parseFloat(x.style.top), cls: x.className })));
  assert.ok(ticks.length > 10, `only ${ticks.length} ticks`);
  assert.ok(ticks.every((x) => /lbl-[A-Z_]+/.test(x.cls)), 'a tick without a label colour');
  assert.ok(ticks[0].top < 5 && ticks[ticks.length - 1].top > 80, `ticks span ${ticks[0].top}%–${ticks[ticks.length - 1].top}%`);

  const total = await page.locator('article mark.mention').count();
  const box = await map.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.9);
  await page.waitForFunction(() => document.activeElement?.classList.contains('mention'));
  const m = Number(await page.evaluate(() => document.activeElement.dataset.m));
  assert.ok(m > total * 0.6, `jumped to mention ${m} of ${total}, not near the end`);
  const inView = await page.evaluate(() => {
    const r = document.activeElement.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  assert.ok(inView, 'the mention jumped to is not on screen');

  // In focus mode the map jumps among the focused actor's mentions.
  const armenia = await actorOf(page, 'Armenia');
  await page.locator(`.cast-entry[data-actor="${armenia}"]`).click();
  await page.locator('#focus-bar').waitFor();
  const mine = await page.$$eval('.mention-map .tick.mine', (ts) => ts.map((x) => x.dataset.actor));
  assert.ok(mine.length > 0 && mine.every((a) => a === armenia));
  await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.5);
  await page.waitForFunction((id) => document.activeElement?.dataset.actor === id, armenia);
  assert.match(await page.locator('#focus-bar .focus-pos').innerText(), /^mention \d+ of \d+$/);
  await screenshot(page, 'mention-map');
});

// --- legend toggles and minor actors ----------------------------------------------

test('legend toggles hide and show a label, and persist', async (t) => {
  const { page } = await open(t);
  const toggle = page.locator('.legend-item[data-label=PERSON] .legend-toggle');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await toggle.click();
  await page.waitForFunction(() => document.querySelector('.legend-item[data-label=PERSON] .legend-toggle').getAttribute('aria-pressed') === 'false');

  const look = await page.$$eval('article mark.mention', (els) =>
    els.map((e) => ({ label: e.dataset.label, bg: getComputedStyle(e).backgroundColor, tab: e.getAttribute('tabindex') })),
  );
  for (const l of look) {
    const off = l.label === 'PERSON';
    assert.equal(/rgba\(0, 0, 0, 0\)/.test(l.bg), off, `${l.label} background ${l.bg}`);
    assert.equal(l.tab, off ? '-1' : '0', `${l.label} tabindex`);
  }
  // A hidden mention opens no card on hover.
  const putin = mentionNamed(page, 'Putin');
  await putin.hover();
  await page.waitForTimeout(900);
  assert.equal(await page.locator(CARD).count(), 0, 'a hidden mention opened a card');
  // Other labels still do.
  await mentionNamed(page, 'Azerbaijan').hover();
  await page.locator('[role=tooltip]').waitFor({ state: 'visible' });
  await page.mouse.move(640, 5);

  // Kept across a reload.
  await page.reload();
  await waitForArticle(page);
  assert.equal(await page.locator('.legend-item[data-label=PERSON] .legend-toggle').getAttribute('aria-pressed'), 'false');
  assert.ok(await page.locator('article').evaluate((a) => a.classList.contains('hide-PERSON')));
  await page.locator('.legend-item[data-label=PERSON] .legend-toggle').click();
  await page.waitForFunction(() => !document.querySelector('article').classList.contains('hide-PERSON'));
  assert.equal(await mentionNamed(page, 'Putin').getAttribute('tabindex'), '0');
});

test('the minor-actors switch hides actors mentioned once', async (t) => {
  const { page } = await open(t);
  const before = await page.locator('.cast-entry').count();
  const once = await page.$$eval('.cast-entry', (es) => es.filter((e) => e.querySelector('.cast-count').textContent === '1').map((e) => e.dataset.actor));
  assert.ok(once.length > 0, 'the sample has actors mentioned once');
  await page.locator('label.switch').click();
  await page.waitForFunction(() => document.querySelector('#minor-toggle').checked === false);
  await page.waitForFunction((n) => document.querySelectorAll('.cast-entry').length < n, before);
  assert.match(await page.locator('.cast-panel').innerText(), /minor actors hidden/);
  // Their mentions lose their highlight and leave the Tab order.
  const minor = await page.$$eval('article mark.minor', (els) =>
    els.map((e) => ({ bg: getComputedStyle(e).backgroundColor, tab: e.getAttribute('tabindex') })),
  );
  assert.ok(minor.length > 0, 'no mention is marked minor');
  for (const m of minor) {
    assert.match(m.bg, /rgba\(0, 0, 0, 0\)/);
    assert.equal(m.tab, '-1');
  }
  // A new article: minor means minor in *that* article (actor ids are reused).
  await page.locator('textarea#paste').fill(
    'Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi. ' +
      'Ruto and Abiy discussed trade. Somalia sent an observer. Ruto thanked Abiy.',
  );
  await page.locator('button#analyze').click();
  await waitForArticleText(page, 'sent an observer');
  const marks = await page.$$eval('article mark.mention', (els) => els.map((e) => ({ actor: e.dataset.actor, minor: e.classList.contains('minor') })));
  const n = {};
  for (const m of marks) n[m.actor] = (n[m.actor] || 0) + 1;
  for (const m of marks) assert.equal(m.minor, n[m.actor] === 1, `mention of ${m.actor} (${n[m.actor]} mentions) minor=${m.minor}`);
  assert.ok(marks.some((m) => m.minor) && marks.some((m) => !m.minor));

  await page.reload();
  await waitForArticle(page);
  assert.equal(await page.locator('#minor-toggle').isChecked(), false, 'the switch did not persist');
  await page.locator('label.switch').click();
  await page.waitForFunction(() => document.querySelector('#minor-toggle').checked);
  await page.locator('#load-sample').click();
  await page.waitForFunction((n) => document.querySelectorAll('.cast-entry').length === n, before);
});

// --- any article ------------------------------------------------------------------

test('open a .txt and a .md file with the file input', async (t) => {
  const { page, log } = await open(t);
  await page.locator('#file-input').setInputFiles({
    name: 'scholz.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Scholz in Paris\n\nGerman Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Monday.'),
  });
  await waitForArticleText(page, 'Olaf Scholz met');
  assert.match(await page.locator('#open-status').innerText(), /Opened scholz\.txt/);
  assert.equal(await page.locator('article h1').innerText(), 'Scholz in Paris');
  assert.ok((await mentions(page)).some((m) => m.text === 'Olaf Scholz' && m.label === 'PERSON'));

  await page.locator('#file-input').setInputFiles({
    name: 'notes.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('# NATO meets in *Brussels*\n\n**NATO** Secretary General [Jens Stoltenberg](https://example.com/js) spoke in Brussels. ![a photo](photo.jpg)\n\n> "We are united," Stoltenberg said.'),
  });
  await waitForArticleText(page, 'Secretary General');
  const text = await articleText(page);
  assert.ok(!/[*\[\]]|example\.com|photo/.test(text), `Markdown marks are left: ${text}`);
  assert.equal(await page.locator('article h1').innerText(), 'NATO meets in Brussels');
  assert.equal(await page.locator('article blockquote').count(), 1);
  assert.ok((await mentions(page)).some((m) => m.text === 'Jens Stoltenberg'));
  // Unsupported files are refused with a message.
  await page.locator('#file-input').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff]) });
  await page.locator('#open-status.error').waitFor();
  assert.ok((await articleText(page)).includes('Secretary General'), 'a refused file replaced the article');
  assertClean(log);
  assert.ok(!log.requests.some((u) => /example\.com|photo\.jpg/.test(u)), 'Markdown links or images were fetched');
});

const HOSTILE_HTML = `<!doctype html><html><head><title>Site | Scholz and Macron</title>
<meta property="article:published_time" content="2023-05-06T08:00:00Z">
<script>window.__pwned = 1</script><style>body{display:none}</style>
<link rel="stylesheet" href="https://evil.example/x.css"></head>
<body onload="window.__pwned = 4">
<header class="site"><nav><a href="/">Home</a> Menu Item World</nav></header>
<div class="ad-slot">BUY NOW advert text</div>
<article>
  <h1>Scholz and Macron meet in Paris</h1>
  <p class="byline">By Jane Reporter</p>
  <div class="story-body share-enabled">
  <p>German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Saturday.</p>
  <img src="x" onerror="window.__pwned = 2"><img src="https://evil.example/pixel.gif">
  <blockquote><p>"We stand together," Macron told reporters.</p></blockquote>
  <aside>Related: another story</aside>
  <p>Scholz said Germany and France would support Ukraine.<script>window.__pwned = 3</script></p>
  <p>The two leaders will meet again in Berlin next month.</p>
  </div>
  <div class="share-bar">Share on Twitter</div>
  <form><input value="Subscribe text"></form>
</article>
<footer>Copyright footer</footer>
<iframe src="https://evil.example/frame"></iframe>
</body></html>`;

test('an HTML page is reduced to its article; nothing from it runs or loads', async (t) => {
  const { page, log } = await open(t);
  await page.locator('#file-input').setInputFiles({ name: 'story.html', mimeType: 'text/html', buffer: Buffer.from(HOSTILE_HTML) });
  await waitForArticleText(page, 'would support Ukraine');
  await page.waitForTimeout(400); // an injected handler would have fired by now
  assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined', 'script from the page ran');
  assert.equal(await page.locator('article h1').innerText(), 'Scholz and Macron meet in Paris');
  const text = await articleText(page);
  for (const kept of ['By Jane Reporter', 'Olaf Scholz met French President', 'We stand together', 'support Ukraine', 'again in Berlin']) {
    assert.ok(text.includes(kept), `"${kept}" is missing: ${text}`);
  }
  for (const dropped of ['Menu Item', 'BUY NOW', 'Related', 'Share on Twitter', 'Copyright', 'Subscribe', 'window.__pwned', 'display:none']) {
    assert.ok(!text.includes(dropped), `"${dropped}" was kept: ${text}`);
  }
  assert.equal(await page.locator('article blockquote').count(), 1);
  // Only our own elements inside <article>.
  const tags = await page.$$eval('article *', (els) => [...new Set(els.map((e) => e.tagName.toLowerCase()))].sort());
  assert.ok(tags.every((x) => ['h1', 'p', 'blockquote', 'mark'].includes(x)), `tags: ${tags}`);
  // The page's date becomes the article date.
  assert.equal(await page.locator('#article-date').inputValue(), '2023-05-06');
  assert.ok(!log.requests.some((u) => u.includes('evil.example') || new URL(u).pathname.endsWith('/x')), `requests: ${log.requests}`);
  assertClean(log);
  await screenshot(page, 'opened-html');
});

test('drag and drop a file (or text) onto the page', async (t) => {
  const { page, log } = await open(t);
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(['Dropped story\n\nKenya and Ethiopia asked the World Food Programme for help.'], 'dropped.txt', { type: 'text/plain' }));
    return d;
  });
  await page.dispatchEvent('.app', 'dragover', { dataTransfer: dt });
  await page.locator('.app.dragging .drop-overlay').waitFor({ state: 'visible' });
  await page.dispatchEvent('.app', 'drop', { dataTransfer: dt });
  await waitForArticleText(page, 'World Food Programme');
  assert.equal(await page.locator('.app.dragging').count(), 0, 'the drop overlay stayed');
  assert.ok((await mentions(page)).some((m) => m.text === 'Kenya' && m.label === 'GPE'));

  const textDt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.setData('text/plain', 'Chile and Argentina signed a pact in Santiago.');
    return d;
  });
  await page.dispatchEvent('article', 'drop', { dataTransfer: textDt });
  await waitForArticleText(page, 'signed a pact');
  assertClean(log);
});

test('?src= opens a file of this site, also under a sub-path; other origins are refused', async (t) => {
  const { page, log } = await open(t, { url: reader.server().url + '?src=pacific-forum-2023.txt' });
  await waitForArticleText(page, 'Pacific Islands Forum');
  assert.match(await page.locator('article h1').innerText(), /Pacific leaders meet in Fiji/);
  assertClean(log);

  const sub = await open(t, { url: reader.server().subUrl + '?src=andes-lithium-2023.txt#actor=Chile' });
  await waitForArticleText(sub.page, 'lithium');
  await sub.page.locator('#focus-bar .focus-name').filter({ hasText: 'Chile' }).waitFor();
  assert.deepEqual(sub.log.requests.filter((u) => !new URL(u).pathname.startsWith(SUB_PATH)), []);

  const evil = await open(t, { url: reader.server().url + '?src=https://evil.example/story.txt' });
  await evil.page.locator('#open-status.error').waitFor();
  assert.match(await evil.page.locator('#open-status').innerText(), /only open files from this site/);
  assert.deepEqual(evil.log.offOrigin(), [], 'a request left the origin');
  // The reader still works: it shows the sample.
  await waitForArticleText(evil.page, 'Nagorno-Karabakh');

  const missing = await open(t, { url: reader.server().url + '?src=no-such-file.txt' });
  await missing.page.locator('#open-status.error').waitFor();
  assert.match(await missing.page.locator('#open-status').innerText(), /HTTP 404/);
});

test('the samples library opens each bundled sample', async (t) => {
  const { page, log } = await open(t);
  const options = await page.$$eval('#sample-select option', (os) => os.map((o) => ({ v: o.value, t: o.textContent })));
  assert.ok(options.length >= 4, `options: ${JSON.stringify(options)}`);
  for (const o of options.filter((x) => x.v && x.v !== 'karabakh-2020')) {
    assert.match(o.t, /^Sample:/, 'written samples are marked as samples');
    await page.locator('#sample-select').selectOption(o.v);
    await waitForArticleText(page, 'It is not a real news report');
    assert.ok((await mentions(page)).length > 5, `${o.v} has few mentions`);
  }
  await page.locator('#sample-select').selectOption('karabakh-2020');
  await waitForArticleText(page, 'Nagorno-Karabakh');
  assertClean(log);
});

// --- themes, settings, persistence ------------------------------------------------------

test('theme toggle: system → light → dark, kept across reloads, and clear forgets everything', async (t) => {
  const { page, log } = await open(t, { colorScheme: 'dark' });
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const theme = () => page.evaluate(() => document.documentElement.getAttribute('data-theme'));
  const systemDark = await bg();
  const toggle = page.locator('#theme-toggle');
  await toggle.click();
  assert.equal(await theme(), 'light');
  const light = await bg();
  assert.notEqual(light, systemDark, 'light theme on a dark system looks dark');
  await screenshot(page, 'theme-light', { fullPage: false });
  await toggle.click();
  assert.equal(await theme(), 'dark');
  assert.equal(await bg(), systemDark);
  await screenshot(page, 'theme-dark', { fullPage: false });

  // Settings and the last article survive a reload.
  await page.locator('#settings summary').click();
  await page.locator('#click-only').check();
  await page.locator('textarea#paste').fill('Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi.');
  await page.locator('button#analyze').click();
  await waitForArticleText(page, 'William Ruto');
  await page.reload();
  await waitForArticle(page);
  assert.equal(await theme(), 'dark');
  assert.ok((await articleText(page)).includes('William Ruto'), 'the last article was not restored');
  await page.locator('#settings summary').click();
  assert.ok(await page.locator('#click-only').isChecked());

  // Clear: nothing stored, defaults back, the sample shown.
  await page.locator('#clear').click();
  await waitForArticleText(page, 'Nagorno-Karabakh');
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'localStorage is not empty after clear');
  assert.equal(await theme(), null);
  assert.equal(await page.locator('#click-only').isChecked(), false);
  assert.match(await page.locator('#open-status').innerText(), /Forgot/);
  await page.reload();
  await waitForArticleText(page, 'Nagorno-Karabakh');
  assertClean(log);
});

test('click-only cards: hover and focus open nothing; click and Enter open a dialog', async (t) => {
  const { page } = await open(t);
  await page.locator('#settings summary').click();
  await page.locator('#click-only').check();
  const putin = mentionNamed(page, 'Putin');
  await putin.scrollIntoViewIfNeeded();
  await putin.hover();
  await page.waitForTimeout(900);
  assert.equal(await page.locator(CARD).count(), 0, 'hover opened a card');
  await putin.focus();
  await page.waitForTimeout(300);
  assert.equal(await page.locator(CARD).count(), 0, 'focus opened a card');
  await page.keyboard.press('Enter');
  const dialog = page.locator('[role=dialog]');
  await dialog.waitFor({ state: 'visible' });
  // Screen readers: the mention is described by its card while it is open.
  assert.equal(await putin.getAttribute('aria-describedby'), await dialog.getAttribute('id'));
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await putin.click();
  await dialog.waitFor({ state: 'visible' });
  // Hoverable and persistent: it stays while the pointer moves onto it.
  const box = await dialog.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 10, { steps: 5 });
  await page.waitForTimeout(700);
  assert.ok(await dialog.isVisible());
  await dialog.locator('.card-close').click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await putin.getAttribute('aria-describedby'), null);
});

// --- phone ------------------------------------------------------------------------------

/** Elements that stick out to the right of the viewport (fixed overlays excepted). */
async function overflowing(page) {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const bad = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > w + 0.5) bad.push(`${el.tagName.toLowerCase()}.${el.className}: ${Math.round(r.right)}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, bodyScroll: document.body.scrollWidth, w, bad: bad.slice(0, 10) };
  });
}

test('phone (360 px): no horizontal scrolling, with every panel open', async (t) => {
  const { page, log } = await open(t, PHONE);
  await page.locator('.cast-panel summary').click();
  await page.locator('#settings summary').click();
  const o = await overflowing(page);
  assert.equal(o.w, 360);
  assert.ok(o.scrollWidth <= 360 && o.bodyScroll <= 360, `page is ${o.scrollWidth}/${o.bodyScroll} px wide`);
  assert.deepEqual(o.bad, [], 'elements wider than the screen');
  // Focus mode on a phone.
  await page.locator('.cast-entry').first().tap();
  await page.locator('#focus-bar').waitFor();
  const o2 = await overflowing(page);
  assert.deepEqual(o2.bad, [], 'focus mode is wider than the screen');
  assertClean(log);
});

test('phone: a tapped mention opens a bottom sheet that never covers it', async (t) => {
  const { page, log } = await open(t, PHONE);
  // A mention well down the page, so that the sheet would cover it unless the page scrolls.
  const target = page.locator('article mark.mention').nth(30);
  await target.scrollIntoViewIfNeeded();
  await page.evaluate(() => {
    const el = document.querySelectorAll('article mark.mention')[30];
    const r = el.getBoundingClientRect();
    window.scrollBy(0, r.top - (innerHeight - 60)); // near the bottom edge
  });
  await target.tap();
  const sheet = page.locator('#card.sheet');
  await sheet.waitFor({ state: 'visible' });
  assert.equal(await sheet.getAttribute('role'), 'dialog');
  await page.waitForTimeout(300); // the sheet's slide-in
  const s = await sheet.boundingBox();
  const m = await target.boundingBox();
  assert.ok(Math.abs(s.x) <= 1 && Math.abs(s.width - 360) <= 1, `sheet is not full width: ${JSON.stringify(s)}`);
  assert.ok(Math.abs(s.y + s.height - 740) <= 1, `sheet is not at the bottom: ${JSON.stringify(s)}`);
  assert.ok(m.y + m.height <= s.y, `the sheet ${JSON.stringify(s)} covers the mention ${JSON.stringify(m)}`);
  assert.ok(m.y >= 0, 'the mention scrolled off the top');
  await screenshot(page, 'phone-sheet');
  // Dismissible: the close button.
  await sheet.locator('.card-close').tap();
  await sheet.waitFor({ state: 'hidden' });
  assertClean(log);
});

// --- installable and offline ------------------------------------------------------------

test('web app manifest: installable fields and icons, all same-origin', async (t) => {
  const { page } = await open(t);
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  assert.equal(href, './manifest.webmanifest');
  const manifest = await page.evaluate(async (h) => (await fetch(h)).json(), href);
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.name && manifest.short_name);
  const sizes = manifest.icons.map((i) => i.sizes);
  assert.ok(sizes.includes('192x192') && sizes.includes('512x512'), `icons: ${sizes}`);
  for (const icon of manifest.icons) {
    const ok = await page.evaluate(async (src) => (await fetch(src)).ok, icon.src);
    assert.ok(ok, `icon ${icon.src} is missing`);
  }
});

test('service worker: after the first visit the reader works offline (also under a sub-path)', async (t) => {
  for (const url of [reader.server().url, reader.server().subUrl]) {
    const { context, page } = await open(t, { url });
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(new URL(scope).pathname, new URL(url).pathname, 'service worker scope');
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: LOAD_TIMEOUT });
    const cached = await page.evaluate(async () => {
      const keys = [];
      for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) keys.push(r.url);
      return keys;
    });
    assert.ok(cached.some((u) => u.endsWith('.wasm')), `wasm not cached: ${cached}`);
    assert.ok(cached.some((u) => /style-[0-9a-f]+\.css$/.test(u)), `css not cached: ${cached}`);
    assert.ok(cached.some((u) => u.endsWith('/worker.js')), `the analysis worker is not cached: ${cached}`);

    await context.setOffline(true);
    await page.reload({ waitUntil: 'load', timeout: LOAD_TIMEOUT });
    await waitForArticle(page);
    assert.ok((await articleText(page)).includes('Nagorno-Karabakh'), 'offline reload shows no article');
    // Analysing works offline too.
    await page.locator('textarea#paste').fill('Offline, Angela Merkel spoke about Germany.');
    await page.locator('button#analyze').click();
    await waitForArticleText(page, 'Offline, ');
    await context.setOffline(false);
  }
});

// --- long documents -----------------------------------------------------------------------

/** An article of about `bytes` bytes (a title, then one paragraph repeated), with an end marker. */
function longArticle(bytes, endMarker) {
  const para =
    'German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Monday, ' +
    'and NATO Secretary General Jens Stoltenberg said the alliance would keep supporting Ukraine. ' +
    '"We stand together," Macron told reporters, while Russia and Belarus held military drills.';
  const parts = ['Leaders meet in Paris as NATO weighs more support for Ukraine'];
  let size = parts[0].length;
  while (size < bytes) {
    parts.push(para);
    size += para.length + 2;
  }
  parts.push(endMarker);
  return parts.join('\n\n');
}

/** Paste `text` the way a real paste would (fill() is slow for megabytes), then press Analyze. */
async function pasteAndAnalyze(page, text) {
  await page.locator('textarea#paste').evaluate((el, value) => {
    el.value = value;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  await page.locator('button#analyze').click();
}

/** Watch the main thread: the longest gap between 50 ms ticks while `fn` runs. */
async function longestStall(page, fn) {
  await page.evaluate(() => {
    const s = (window.__stall = { max: 0, last: performance.now(), progress: false });
    s.timer = setInterval(() => {
      const now = performance.now();
      s.max = Math.max(s.max, now - s.last);
      s.last = now;
      if (document.querySelector('progress')) s.progress = true;
    }, 50);
  });
  await fn();
  return page.evaluate(() => {
    clearInterval(window.__stall.timer);
    return { max: window.__stall.max, progress: window.__stall.progress };
  });
}

test('a 1 MB article is analysed in a Web Worker with a progress bar, and scrolls smoothly', { timeout: 120_000 }, async (t) => {
  const { page, log } = await open(t);
  const end = 'The end of the long article, said Olaf Scholz in Berlin.';
  const text = longArticle(1024 * 1024, end);
  await page.locator('textarea#paste').evaluate((el, value) => {
    el.value = value;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  const stall = await longestStall(page, async () => {
    await page.locator('button#analyze').click();
    await page.waitForFunction(
      (m) => {
        const ps = document.querySelectorAll('article p');
        return !document.querySelector('progress') && ps.length > 0 && ps[ps.length - 1].textContent.includes(m);
      },
      end,
      { timeout: 60_000, polling: 250 },
    );
  });
  assert.equal(await page.locator('article').getAttribute('data-analysed-in'), 'worker');
  assert.ok(stall.progress, 'no progress bar was shown');
  // The cast and the map know the whole article.
  const scholz = await page.locator('.cast-entry', { hasText: 'Olaf Scholz' }).locator('.cast-count').innerText();
  assert.ok(Number(scholz) > 3000, `Olaf Scholz has ${scholz} mentions`);
  assert.ok((await page.locator('.mention-map .tick').count()) > 100);

  // Scrolling the whole article: frames keep coming.
  const frames = await page.evaluate(async () => {
    let max = 0;
    let last = performance.now();
    const step = Math.max(1, Math.floor(document.documentElement.scrollHeight / 60));
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      max = Math.max(max, now - last);
      last = now;
    }
    return max;
  });
  t.diagnostic(`1 MB: longest main-thread stall ${Math.round(stall.max)} ms while analysing and rendering; longest frame while scrolling ${Math.round(frames)} ms`);
  assert.ok(stall.max < 1000, `the page froze for ${Math.round(stall.max)} ms`);
  assert.ok(frames < 1000, `a scroll frame took ${Math.round(frames)} ms`);
  assertClean(log);
});

test('without Web Workers, big inputs are analysed on the page in slices', { timeout: 120_000 }, async (t) => {
  const { page } = await open(t);
  await page.addInitScript(() => {
    delete window.Worker;
  });
  await page.reload();
  await waitForArticle(page);
  assert.equal(await page.evaluate(() => typeof window.Worker), 'undefined');
  const end = 'Closing words from Emmanuel Macron in Paris.';
  await pasteAndAnalyze(page, longArticle(700 * 1024, end));
  await page.waitForFunction(
    (m) => [...document.querySelectorAll('article p')].pop()?.textContent.includes(m) && !document.querySelector('progress'),
    end,
    { timeout: 60_000, polling: 250 },
  );
  assert.equal(await page.locator('article').getAttribute('data-analysed-in'), 'page');
});

// --- the README's screenshots -------------------------------------------------------------

test('screenshots for the README: light, dark (focus mode), phone (bottom sheet)', async (t) => {
  const light = await open(t, { viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  const putin = mentionNamed(light.page, 'Vladimir Putin');
  await putin.hover();
  await light.page.locator('[role=tooltip]').waitFor({ state: 'visible' });
  await light.page.waitForTimeout(400);
  await screenshot(light.page, 'readme-light');

  const dark = await open(t, { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  const erdogan = await actorOf(dark.page, 'Erdoğan');
  await dark.page.locator(`.cast-entry[data-actor="${erdogan}"]`).click();
  await dark.page.locator('#focus-next').click();
  await dark.page.locator('[role=tooltip]').waitFor({ state: 'visible' });
  await dark.page.waitForTimeout(400);
  await screenshot(dark.page, 'readme-dark');

  const phone = await open(t, { ...PHONE, colorScheme: 'light' });
  const m = mentionNamed(phone.page, 'Sergey Lavrov');
  await m.scrollIntoViewIfNeeded();
  await m.tap();
  await phone.page.locator('#card.sheet').waitFor({ state: 'visible' });
  await phone.page.waitForTimeout(400);
  await screenshot(phone.page, 'readme-phone');
});
