// A student's first day: a fresh database shows the example bank, five
// questions are answered with the keyboard alone, and the progress is still
// there after the app is closed and started again.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe } from 'node:test';
import { Key, exampleBanksDir, launch, tempDir, waitAppExited, step } from './support.mjs';
import { answerByKeyboard, bankCard, focusByTab } from './steps.mjs';

describe('first day of study', { timeout: 180_000 }, () => {
  const dir = tempDir('study');
  const db = path.join(dir, 'progress.sqlite3');
  const banks = exampleBanksDir(path.join(dir, 'banks'));
  let app;
  after(async () => app?.quit());

  step('first launch shows the example bank with 12 new questions', async () => {
    app = await launch({ db, banks });
    await app.find('screen-home');
    const card = await bankCard(app, 'example');
    assert.equal(await app.number('new-available', { within: card }), 12, 'new-available on a fresh database');
    assert.equal(await app.number('reviews-today', { within: card }), 0, 'reviews-today on a fresh database');
    assert.equal(await app.number('due-now', { within: card }), 0, 'due-now on a fresh database');
    assert.equal((await app.all('bank-card')).length, 1, 'only the example bank is loaded');
  });

  step('five questions answered with the keyboard alone', async () => {
    const card = await bankCard(app, 'example');
    const study = await app.find('study-button', { within: card });
    const tabs = await focusByTab(app, study);
    assert.ok(tabs <= 40, 'the Study button is reachable with Tab');
    await app.press(Key.ENTER);
    await app.find('screen-study');

    const seen = [];
    for (let i = 1; i <= 5; i++) {
      const { stem, correct } = await answerByKeyboard(app, seen.at(-1));
      seen.push(stem);
      assert.match(correct, /^(true|false)$/, `feedback ${i} says whether the answer was right`);
      const progress = await app.find('progress');
      assert.equal(await progress.getAttribute('role'), 'progressbar');
      assert.equal(await progress.getAttribute('aria-valuenow'), String(i), `progress after ${i} answers`);
      await app.press(' ');
      await app.waitGone('feedback');
    }
    assert.equal(new Set(seen).size, 5, 'five different questions were asked');
    // The next question (or the end of the session) is on screen, and the
    // progress still counts five.
    const progress = await app.find('progress');
    assert.equal(await progress.getAttribute('aria-valuenow'), '5');
  });

  step('quitting and starting again keeps the progress', async () => {
    await app.quit();
    await waitAppExited(db);
    app = await launch({ db, banks });
    await app.find('screen-home');
    const card = await bankCard(app, 'example');
    assert.equal(await app.number('reviews-today', { within: card }), 5, 'reviews-today after relaunch');
    assert.equal(await app.number('new-available', { within: card }), 7, 'new-available after relaunch: 12 - 5');
    // The five answered cards are learning cards due again later today
    // (or already, if a 1-minute step has passed).
    const due = (await app.number('due-now', { within: card })) + (await app.number('due-later', { within: card }));
    assert.equal(due, 5, 'due-now + due-later after relaunch');
  });
});
