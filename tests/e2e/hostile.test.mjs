// A hostile bank: scripts, event handlers, javascript: links, frames,
// objects and remote images in every text a bank can show. Loading and
// studying it must run none of it and fetch nothing; the HTML is shown as
// text.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import { By, launch, tempDir, step } from './support.mjs';
import { hostileBank } from './banks.mjs';
import { answerByKeyboard, bankCard } from './steps.mjs';

/** What must not exist anywhere in the page after bank text is shown. */
async function assertInert(app, where) {
  const pwned = await app.driver.executeScript('return window.__pwned');
  assert.equal(pwned ?? null, null, `${where}: window.__pwned was set to ${JSON.stringify(pwned)}`);
  const found = await app.driver.executeScript(() => {
    const count = (sel) => document.querySelectorAll(sel).length;
    return {
      iframes: count('iframe, frame, object, embed'),
      handlers: count('[onerror], [onload], [onmouseover], [onclick]'),
      jsLinks: [...document.querySelectorAll('[href], [src], [action]')].filter((el) =>
        /^\s*javascript:/i.test(el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action') || ''),
      ).length,
      remote: [...document.querySelectorAll('[src], link[href], [style]')].filter((el) =>
        /127\.0\.0\.1/.test(el.getAttribute('src') || el.getAttribute('href') || el.getAttribute('style') || ''),
      ).length,
      inlineScripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('__pwned')).length,
      forms: count('form'),
    };
  });
  assert.deepEqual(
    found,
    { iframes: 0, handlers: 0, jsLinks: 0, remote: 0, inlineScripts: 0, forms: 0 },
    `${where}: bank HTML became live elements`,
  );
}

describe('a hostile bank is shown as text and runs nothing', { timeout: 120_000 }, () => {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(404).end();
  });
  const dir = tempDir('hostile');
  const db = path.join(dir, 'progress.sqlite3');
  const shipped = path.join(dir, 'shipped');
  fs.mkdirSync(shipped);
  let folder;
  let app;

  before(async () => {
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    folder = hostileBank(path.join(dir, 'hostile-bank'), `http://127.0.0.1:${server.address().port}`);
  });
  after(async () => {
    await app?.quit();
    server.close();
  });

  step('it loads', async () => {
    app = await launch({ db, banks: shipped });
    await app.goto('banks');
    await app.type('bank-path-input', folder);
    await app.click('load-path-button');
    await app.find('import-summary');
    await app.find('bank-row', { extra: '[data-bank="e2e-hostile"]' });
    await assertInert(app, 'Banks');
  });

  step('studying it shows the HTML as text and runs none of it', async () => {
    await app.goto('home');
    const card = await bankCard(app, 'e2e-hostile');
    assert.match(await card.getText(), /<img src=/, 'the title shows its HTML as text');
    await assertInert(app, 'Home');

    await app.click('study-button', { within: card });
    await app.find('screen-study');
    const stem = await app.text('stem');
    assert.ok(stem.includes('<script>window.__pwned = "script"</script>'), `the stem shows <script> as text: ${stem}`);
    assert.ok(stem.includes('onerror='), 'the stem shows the img tag as text');
    assert.ok(stem.includes('<iframe'), 'the stem shows the iframe tag as text');
    await assertInert(app, 'Study (question)');

    const first = await answerByKeyboard(app);
    await app.find('explanation');
    // Click every "click me" link the page shows (their javascript: target
    // must be gone, and a click must not navigate or run anything).
    const links = await app.driver.findElements(By.xpath("//a[contains(., 'click me')]"));
    for (const link of links) {
      if (await link.isDisplayed()) await link.click();
    }
    await app.waitReady();
    await app.find('feedback');
    await assertInert(app, 'Study (feedback)');

    // The second question (multiple response, hostile stem) as well.
    await app.press(' ');
    await app.waitGone('feedback');
    await answerByKeyboard(app, first.stem);
    await assertInert(app, 'Study (second question)');
  });

  step('browsing it shows the HTML as text and runs none of it', async () => {
    await app.goto('browse');
    const row = await app.find('result-row');
    await row.click();
    const detail = await app.text('question-detail');
    assert.match(detail, /<script>/, 'the detail shows <script> as text');
    await assertInert(app, 'Browse');
  });

  step('the beacon server got no request', async () => {
    // Anything loaded would have been requested by now; ask the page once
    // more so any queued work has run.
    await app.driver.executeAsyncScript((done) => setTimeout(done, 200));
    assert.deepEqual(requests, [], 'requests reached the beacon server');
  });
});
