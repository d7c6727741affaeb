// An instructor's bank with three mistakes: loading it lists every problem
// with file:line:column and loads nothing; once the files are fixed on
// disk, loading the same folder again imports it.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe } from 'node:test';
import { launch, tempDir, step } from './support.mjs';
import { brokenBank } from './banks.mjs';

const LOCATED = /^(\S+\.toml):(\d+):(\d+): (.+)$/s;

describe('loading a broken bank, then the fixed one', { timeout: 120_000 }, () => {
  const dir = tempDir('banks');
  const db = path.join(dir, 'progress.sqlite3');
  const shipped = path.join(dir, 'shipped');
  fs.mkdirSync(shipped);
  const bank = brokenBank(path.join(dir, 'my-bank'));
  let app;
  after(async () => app?.quit());

  step('every problem is listed with file:line:column and the bank is not loaded', async () => {
    app = await launch({ db, banks: shipped });
    await app.goto('banks');
    await app.type('bank-path-input', bank.folder);
    await app.click('load-path-button');
    const list = await app.find('bank-errors');
    const items = await app.all('bank-error', '', list);
    const errors = [];
    for (const item of items) errors.push((await item.getText()).trim());
    assert.ok(errors.length >= 3, `at least 3 errors listed, got ${JSON.stringify(errors)}`);
    for (const e of errors) assert.match(e, LOCATED, 'each error starts file:line:column: ');

    const find = (file, re) =>
      errors
        .map((e) => e.match(LOCATED))
        .find((m) => m && path.basename(m[1]) === file && re.test(m[4]));
    const answer = find('privacy.toml', /`?E`? matches no choice/);
    assert.ok(answer, `the answer key E is named: ${JSON.stringify(errors)}`);
    assert.equal(Number(answer[2]), bank.lines.answer, 'line of the bad answer key');
    const domain = find('statistics.toml', /unknown domain `?nosuch-domain`?/);
    assert.ok(domain, `the unknown domain is named: ${JSON.stringify(errors)}`);
    assert.equal(Number(domain[2]), bank.lines.domain, 'line of the unknown domain');
    const syntax = find('revenue.toml', /TOML syntax/i);
    assert.ok(syntax, `the TOML syntax error is named: ${JSON.stringify(errors)}`);
    assert.equal(Number(syntax[2]), bank.lines.syntax, 'line of the syntax error');

    assert.equal((await app.all('bank-row', `[data-bank="${bank.id}"]`)).length, 0, 'an invalid bank is not loaded');
    assert.equal(await app.isShown('import-summary'), false, 'no import summary for an invalid bank');
  });

  step('after fixing the files, loading again imports the bank', async () => {
    bank.fix();
    await app.type('bank-path-input', bank.folder);
    await app.click('load-path-button');
    const summary = await app.text('import-summary');
    assert.match(summary, /12/, `the summary counts the 12 questions added: ${JSON.stringify(summary)}`);
    await app.waitGone('bank-errors');
    await app.find('bank-row', { extra: `[data-bank="${bank.id}"]` });

    // And Home offers it for study.
    await app.goto('home');
    const card = await app.find('bank-card', { extra: `[data-bank="${bank.id}"]` });
    assert.equal(await app.number('new-available', { within: card }), 12);
  });
});
