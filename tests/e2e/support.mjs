// Shared plumbing for the end-to-end tests: launch the release binary in a
// WebDriver session (tauri-driver -> WebKitWebDriver -> hitprep-desktop),
// find things by data-testid, type like a user, take screenshots.
//
// scripts/e2e.sh starts Xvfb and tauri-driver and sets:
//   HITPREP_E2E_WEBDRIVER  tauri-driver's URL (default http://127.0.0.1:4444/)
//   HITPREP_E2E_APP        the binary (default target/release/hitprep-desktop)
//   HITPREP_E2E_TMP        a scratch folder removed after the run

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Builder, By, Key, until } from 'selenium-webdriver';

export { By, Key, until };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const APP = process.env.HITPREP_E2E_APP || path.join(ROOT, 'target/release/hitprep-desktop');
export const WEBDRIVER = process.env.HITPREP_E2E_WEBDRIVER || 'http://127.0.0.1:4444/';
export const EXAMPLE_BANK = path.join(ROOT, 'tests/fixtures/example-bank');
export const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');
/** Where a failing step leaves a picture of the window. */
export const FAILURES = path.join(ROOT, 'target/e2e-failures');

/** Apps launched and not yet quit (for pictures of failures). */
const live = new Set();

/**
 * `test` from node:test, plus: when the step fails, a screenshot of every
 * open app window goes to target/e2e-failures/ and its path to the report.
 */
export function step(name, opts, fn) {
  if (typeof opts === 'function') [fn, opts] = [opts, {}];
  return test(name, opts, async (t) => {
    try {
      return await fn(t);
    } catch (e) {
      let i = 0;
      for (const app of live) {
        const slug = `${path.basename(process.argv[1] || 'e2e', '.test.mjs')}-${name}`.replace(/[^\w.-]+/g, '-');
        const file = path.join(FAILURES, `${slug}${i++ ? `-${i}` : ''}.png`);
        try {
          await app.screenshot(file, { settle: false });
          t.diagnostic(`screenshot of the window when it failed: ${file}`);
        } catch {
          // the window is gone; nothing to show
        }
      }
      throw e;
    }
  });
}

/** Generous: a wait is a wait, not a timing assertion. */
export const TIMEOUT = 20_000;

/** A fresh scratch folder (inside the run's folder when scripts/e2e.sh made one). */
export function tempDir(prefix = 'e2e') {
  const base = process.env.HITPREP_E2E_TMP || os.tmpdir();
  return fs.mkdtempSync(path.join(base, `${prefix}-`));
}

/** Copy a bank folder to `dest` (created), returning `dest`. */
export function copyBank(src, dest) {
  fs.cpSync(src, dest, { recursive: true });
  return dest;
}

/**
 * A folder of shipped banks for --banks, holding a copy of the example bank
 * as example/ (so tests do not depend on what ships in question-banks/).
 */
export function exampleBanksDir(dir = tempDir('banks')) {
  copyBank(EXAMPLE_BANK, path.join(dir, 'example'));
  return dir;
}

/** `[data-testid="id"]`, plus any extra CSS (e.g. `[data-bank="x"]`). */
export function tid(id, extra = '') {
  return By.css(`[data-testid="${id}"]${extra}`);
}

/**
 * Start the app in a new WebDriver session. Each call is one launch of the
 * binary: a new process with the given database and banks folder.
 */
export async function launch({ db, banks, args = [], width = 1280, height = 800 } = {}) {
  const appArgs = [];
  if (db) appArgs.push('--db', db);
  if (banks) appArgs.push('--banks', banks);
  appArgs.push(...args);
  const driver = await new Builder()
    .usingServer(WEBDRIVER)
    .withCapabilities({
      browserName: 'wry',
      'tauri:options': { application: APP, args: appArgs },
    })
    .build();
  const app = new App(driver, { db, banks });
  live.add(app);
  try {
    await driver.manage().window().setRect({ width, height });
    await app.waitReady();
  } catch (e) {
    await app.quit();
    throw e;
  }
  return app;
}

export class App {
  constructor(driver, { db, banks }) {
    this.driver = driver;
    this.db = db;
    this.banks = banks;
    this.closed = false;
  }

  /** Wait for `[data-testid="app"][data-ready="true"]`. */
  async waitReady(timeout = TIMEOUT) {
    await this.driver.wait(
      until.elementLocated(tid('app', '[data-ready="true"]')),
      timeout,
      'the app never became ready ([data-testid="app"][data-ready="true"])',
    );
  }

  /** The first element with this testid, once it exists and is displayed. */
  async find(id, { extra = '', timeout = TIMEOUT, visible = true, within } = {}) {
    const by = tid(id, extra);
    const what = `[data-testid="${id}"]${extra}`;
    const root = within || this.driver;
    const el = await this.driver.wait(
      async () => {
        const found = await root.findElements(by);
        return found[0] || null;
      },
      timeout,
      `no ${what} appeared within ${timeout} ms`,
    );
    if (visible) {
      await this.driver.wait(until.elementIsVisible(el), timeout, `${what} never became visible`);
    }
    return el;
  }

  /** All elements with this testid now (no waiting). */
  async all(id, extra = '', within) {
    return (within || this.driver).findElements(tid(id, extra));
  }

  /** Whether an element with this testid exists and is displayed now. */
  async isShown(id, extra = '') {
    for (const el of await this.all(id, extra)) {
      try {
        if (await el.isDisplayed()) return true;
      } catch {
        // went stale between find and ask: treat as gone
      }
    }
    return false;
  }

  /** Wait until no element with this testid is displayed. */
  async waitGone(id, { extra = '', timeout = TIMEOUT } = {}) {
    await this.driver.wait(
      async () => !(await this.isShown(id, extra)),
      timeout,
      `[data-testid="${id}"]${extra} was still shown after ${timeout} ms`,
    );
  }

  /** The visible text of the element with this testid (waits for it). */
  async text(id, opts) {
    return (await (await this.find(id, opts)).getText()).trim();
  }

  /** The first integer in the element's text (e.g. "12 new" -> 12). */
  async number(id, opts) {
    const text = await this.text(id, opts);
    const m = text.match(/-?\d+/);
    if (!m) throw new Error(`[data-testid="${id}"] shows no number: ${JSON.stringify(text)}`);
    return Number(m[0]);
  }

  async click(id, opts) {
    const el = await this.find(id, opts);
    await el.click();
    return el;
  }

  /** Keys to whatever has focus, as a user types them (WebDriver actions). */
  async press(...keys) {
    await this.driver.actions({ async: true }).sendKeys(...keys).perform();
  }

  /** Replace the value of a text field (found by testid) with `value`. */
  async type(id, value, opts) {
    const el = await this.find(id, opts);
    await el.clear();
    await el.sendKeys(value);
    return el;
  }

  /** data-testid of the focused element (or of its nearest marked ancestor). */
  async focusedTestId() {
    return this.driver.executeScript(() => {
      const el = document.activeElement;
      const marked = el && el.closest && el.closest('[data-testid]');
      return marked ? marked.getAttribute('data-testid') : null;
    });
  }

  /** Choose a value in a <select> found by testid, by clicking its option. */
  async select(id, value) {
    const sel = await this.find(id);
    const option = await sel.findElement(By.css(`option[value="${value}"]`));
    await option.click();
    await this.driver.wait(
      async () => (await sel.getAttribute('value')) === value,
      TIMEOUT,
      `[data-testid="${id}"] did not take the value ${value}`,
    );
    return sel;
  }

  /** Go to a screen with the nav buttons and wait for its container. */
  async goto(screen) {
    await this.click(`nav-${screen}`);
    return this.find(`screen-${screen}`);
  }

  /** Save a PNG of the window to `file` (absolute, or a name in docs/screenshots). */
  async screenshot(file, { settle = true } = {}) {
    const out = path.isAbsolute(file) ? file : path.join(SCREENSHOTS, file);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    // Let pending layout and painting settle: two animation frames.
    if (settle) {
      await this.driver.executeAsyncScript((done) =>
        requestAnimationFrame(() => requestAnimationFrame(() => done())),
      );
    }
    fs.writeFileSync(out, Buffer.from(await this.driver.takeScreenshot(), 'base64'));
    return out;
  }

  /** The app's process id, found by its --db argument (null if not running). */
  pid() {
    return this.db ? findAppPid(this.db) : null;
  }

  /** End the session: WebKitWebDriver closes the window and the app exits. */
  async quit() {
    if (this.closed) return;
    this.closed = true;
    live.delete(this);
    try {
      await this.driver.quit();
    } catch {
      // already gone
    }
  }
}

// ---- processes (Linux /proc) -------------------------------------------

function readProc(pid, file) {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

function allPids() {
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
}

/** The hitprep-desktop process started with `--db <db>`. */
export function findAppPid(db) {
  for (const pid of allPids()) {
    const cmd = readProc(pid, 'cmdline');
    if (!cmd) continue;
    const argv = cmd.split('\0');
    if (!path.basename(argv[0] || '').startsWith('hitprep-desktop')) continue;
    const i = argv.indexOf('--db');
    if (i >= 0 && argv[i + 1] === db) return pid;
  }
  return null;
}

/** `pid` and all its descendants, with name, VmRSS and Pss (shared pages split) in KiB. */
export function processTree(pid) {
  const parent = new Map();
  for (const p of allPids()) {
    const stat = readProc(p, 'stat');
    if (!stat) continue;
    // pid (comm) state ppid ...; comm may hold spaces and parentheses
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parent.set(p, Number(rest[1]));
  }
  const tree = [pid];
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, pp] of parent) {
      if (tree.includes(pp) && !tree.includes(p)) {
        tree.push(p);
        grew = true;
      }
    }
  }
  return tree.map((p) => {
    const status = readProc(p, 'status') || '';
    const name = (status.match(/^Name:\s*(.*)$/m) || [])[1] || '?';
    const rss = Number((status.match(/^VmRSS:\s*(\d+)/m) || [])[1] || 0);
    const pss = Number(((readProc(p, 'smaps_rollup') || '').match(/^Pss:\s*(\d+)/m) || [])[1] || 0);
    return { pid: p, name, rssKiB: rss, pssKiB: pss };
  });
}

/** Wait until the app started with `--db <db>` has exited. */
export async function waitAppExited(db, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  while (findAppPid(db) !== null) {
    if (Date.now() > end) throw new Error(`the app with --db ${db} was still running after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
