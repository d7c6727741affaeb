// Measurements (not a test: it asserts nothing about time):
//  1. cold start, N launches of the release binary on a fresh database:
//     session (process spawned, WebDriver attached) -> Home ready -> first
//     question visible after clicking Study;
//  2. resident memory of the app and its WebKit processes (sum of VmRSS)
//     at Home and after answering 100 questions in one session.
//
// Run through the harness, which starts Xvfb and tauri-driver:
//   scripts/e2e.sh --measure            (N=5)
//   COLD_START_RUNS=10 scripts/e2e.sh --measure

import path from 'node:path';
import fs from 'node:fs';
import { Builder } from 'selenium-webdriver';
import { APP, App, Key, WEBDRIVER, exampleBanksDir, processTree, tempDir, waitAppExited } from './support.mjs';
import { generatedBank } from './banks.mjs';

const RUNS = Number(process.env.COLD_START_RUNS || 5);
const ANSWERS = Number(process.env.MEMORY_ANSWERS || 100);
const now = () => performance.now();

/** Poll the page (tight loop, no sleep) until `js` returns true. */
async function until(driver, js, what, timeout = 30_000) {
  const end = now() + timeout;
  for (;;) {
    try {
      if (await driver.executeScript(js)) return now();
    } catch {
      // page not there yet
    }
    if (now() > end) throw new Error(`timed out waiting for ${what}`);
  }
}

const q = (id, extra = '') => `document.querySelector('[data-testid="${id}"]${extra}')`;
const visible = (id, extra = '') => `{ const e = ${q(id, extra)}; return !!e && e.getClientRects().length > 0; }`;

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median: Math.round(median), max: Math.round(s.at(-1)), min: Math.round(s[0]) };
}

async function session(db, banks) {
  const driver = await new Builder()
    .usingServer(WEBDRIVER)
    .withCapabilities({
      browserName: 'wry',
      'tauri:options': { application: APP, args: ['--db', db, '--banks', banks] },
    })
    .build();
  return new App(driver, { db, banks });
}

async function coldStart() {
  const rows = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = tempDir('cold');
    const db = path.join(dir, 'progress.sqlite3');
    const banks = exampleBanksDir(path.join(dir, 'banks'));
    const t0 = now();
    const app = await session(db, banks);
    const tSession = now();
    try {
      const tHome = await until(
        app.driver,
        `return !!document.querySelector('[data-testid="app"][data-ready="true"] [data-testid="bank-card"][data-bank="example"] [data-testid="study-button"]')`,
        'Home with the example bank',
      );
      await app.driver.executeScript(`${q('bank-card', '[data-bank="example"]')}.querySelector('[data-testid="study-button"]').click()`);
      const tClick = now();
      const tQuestion = await until(app.driver, visible('stem'), 'the first question');
      rows.push({
        session: tSession - t0,
        home: tHome - t0,
        question: tQuestion - t0,
        studyToQuestion: tQuestion - tClick,
      });
    } finally {
      await app.quit();
      await waitAppExited(db);
    }
  }
  console.log(`\nCold start, ${RUNS} launches, fresh database each (ms from session request):`);
  console.log('run  session  home-ready  first-question  (study click -> question)');
  rows.forEach((r, i) =>
    console.log(
      `${String(i + 1).padStart(3)}  ${r.session.toFixed(0).padStart(7)}  ${r.home.toFixed(0).padStart(10)}  ${r.question
        .toFixed(0)
        .padStart(14)}  ${r.studyToQuestion.toFixed(0).padStart(8)}`,
    ),
  );
  for (const key of ['session', 'home', 'question', 'studyToQuestion']) {
    const s = stats(rows.map((r) => r[key]));
    console.log(`${key.padEnd(16)} median ${String(s.median).padStart(5)} ms   max ${String(s.max).padStart(5)} ms`);
  }
  return rows;
}

function rss(app) {
  const pid = app.pid();
  if (!pid) throw new Error('app process not found');
  const procs = processTree(pid);
  return {
    total: procs.reduce((a, p) => a + p.rssKiB, 0),
    pss: procs.reduce((a, p) => a + p.pssKiB, 0),
    procs,
  };
}

const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;

async function memory() {
  const dir = tempDir('memory');
  const db = path.join(dir, 'progress.sqlite3');
  const banks = path.join(dir, 'banks');
  fs.mkdirSync(banks);
  generatedBank(path.join(banks, 'generated'), { n: Math.max(120, ANSWERS + 20) });
  const app = await session(db, banks);
  try {
    await app.driver.manage().window().setRect({ width: 1280, height: 800 });
    await app.waitReady();
    // Allow enough new cards today for one long session.
    await app.goto('settings');
    const field = await app.type('new-per-day', String(ANSWERS + 20));
    await field.sendKeys(Key.TAB);
    await app.find('settings-saved');
    await app.goto('home');
    await app.find('bank-card', { extra: '[data-bank="generated"]' });
    const atHome = rss(app);

    await app.click('study-button');
    const times = [];
    let previous = '';
    for (let i = 0; i < ANSWERS; i++) {
      // The next question: a stem different from the last one.
      await until(
        app.driver,
        `{ const s = ${q('stem')}; return !!s && s.textContent.trim() !== '' && s.textContent.trim() !== ${JSON.stringify(previous)} && !${q('feedback')}; }`,
        `question ${i + 1}`,
      );
      previous = await app.driver.executeScript(`return ${q('stem')}.textContent.trim()`);
      const t = now();
      await app.press('1', Key.ENTER);
      await until(app.driver, `return !!${q('feedback')}`, `feedback ${i + 1}`);
      times.push(now() - t);
      await app.press(' ');
    }
    const answered = await app.driver.executeScript(`return ${q('progress')}?.getAttribute('aria-valuenow')`);
    // Let the last answer's rendering settle before reading memory.
    await app.driver.executeAsyncScript((done) => setTimeout(done, 500));
    const after100 = rss(app);

    console.log(`\nResident memory (VmRSS, app + WebKit child processes), ${ANSWERS} answers in one session:`);
    const line = (m) => `${mib(m.total)}  (${m.procs.map((p) => `${p.name} ${mib(p.rssKiB)}`).join(', ')}); PSS ${mib(m.pss)}`;
    console.log(`  at Home:            ${line(atHome)}`);
    console.log(`  after ${ANSWERS} answers: ${line(after100)}`);
    console.log('  (RSS counts shared libraries once per process; PSS splits them, so it is the fairer total)');
    console.log(`  progress shows ${answered} answered`);
    const s = stats(times);
    console.log(`  keypress (1, Enter) -> feedback shown, via WebDriver: median ${s.median} ms, max ${s.max} ms`);
  } finally {
    await app.quit();
  }
}

try {
  await coldStart();
  await memory();
} catch (e) {
  console.error(e);
  process.exitCode = 1;
}
