// End-to-end tests of the knowledge base in the reader: cards say who an
// actor is as of the article's date, with plain links and nothing fetched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useReader, mentionNamed, screenshot, UI_TIMEOUT } from './harness.mjs';

const reader = useReader(before, after);
const open = (t) => reader.open(t, { viewport: { width: 1280, height: 900 } });
const mention = mentionNamed;

async function cardFor(page, text) {
  await page.mouse.move(1, 1);
  await page.locator('[role=tooltip]').waitFor({ state: 'detached', timeout: UI_TIMEOUT }).catch(() => {});
  const m = mention(page, text);
  await m.scrollIntoViewIfNeeded();
  await m.hover();
  const card = page.locator('[role=tooltip]');
  await card.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  return card;
}

async function setDate(page, date) {
  await page.locator('#article-date').fill(date);
  await page.locator('#article-date').dispatchEvent('change');
  await page.waitForFunction((d) => document.querySelector('#article-date')?.value === d, date, { timeout: UI_TIMEOUT });
}

test('cards show the office held on the article date, and follow a new date', async (t) => {
  const { page, log } = await open(t);
  await setDate(page, '2020-10-14');
  assert.match(await page.locator('.date-source').innerText(), /set by you/);
  let card = await cardFor(page, 'Vladimir Putin');
  let text = await card.innerText();
  assert.match(text, /President of Russia since 2012/, text);
  assert.match(text, /Russian politician/, text);
  const wikidata = card.locator('a', { hasText: 'Wikidata' });
  assert.match(await wikidata.getAttribute('href'), /^https:\/\/www\.wikidata\.org\/wiki\/Q\d+$/);
  await screenshot(page, 'card-kb');

  await setDate(page, '2010-06-01');
  card = await cardFor(page, 'Vladimir Putin');
  text = await card.innerText();
  assert.match(text, /Prime Minister of Russia/, text);
  assert.match(text, /Later: .*President of Russia/, text);
  // Links are plain links: nothing was fetched from other sites.
  assert.deepEqual(log.offOrigin(), []);
});

test('state agents and outlets carry their country and sector', async (t) => {
  const { page } = await open(t);
  let card = await cardFor(page, 'Azeri forces');
  assert.match(await card.innerText(), /Azerbaijan · Military/);
  card = await cardFor(page, 'Anadolu');
  assert.match(await card.innerText(), /Turkey · Media, state-owned/);
});

test('a date stated in a pasted article is used for its cards', async (t) => {
  const { page } = await open(t);
  await page.locator('textarea#paste').fill('ANKARA, June 1, 2010 - Turkish Prime Minister Recep Tayyip Erdoğan met Russian Prime Minister Vladimir Putin.');
  await page.locator('button#analyze').click();
  await page.waitForFunction(() => document.querySelector('#article-date')?.value === '2010-06-01', null, { timeout: UI_TIMEOUT });
  assert.match(await page.locator('.date-source').innerText(), /found in the article/);
  const card = await cardFor(page, 'Recep Tayyip Erdoğan');
  assert.match(await card.innerText(), /Prime Minister of Turkey since 2003/);
});
