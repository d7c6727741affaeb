// Steps several tests share: find a bank's card on Home, reach a control
// with Tab, answer the question on screen with the keyboard.

import { Key, TIMEOUT } from './support.mjs';

/** The Home card of bank `id`. */
export async function bankCard(app, id) {
  return app.find('bank-card', { extra: `[data-bank="${id}"]` });
}

/**
 * Press Tab until `target` has focus (it may have it already). Returns the
 * number of Tabs pressed; throws if it is never reached in `max` presses.
 */
export async function focusByTab(app, target, max = 40) {
  const focused = () => app.driver.executeScript((el) => document.activeElement === el, target);
  for (let i = 0; i <= max; i++) {
    if (await focused()) return i;
    await app.press(Key.TAB);
  }
  const got = await app.focusedTestId();
  throw new Error(`Tab never reached the element (after ${max} presses, focus is on ${got})`);
}

const WORDS = { two: 2, three: 3, four: 4, five: 5, six: 6 };

/** How many choices the question on screen wants (1 unless choose-count says more). */
export async function howMany(app) {
  if (!(await app.isShown('choose-count'))) return 1;
  const text = (await app.text('choose-count')).toLowerCase();
  const digits = text.match(/\d+/);
  if (digits) return Number(digits[0]);
  for (const [word, n] of Object.entries(WORDS)) if (text.includes(word)) return n;
  throw new Error(`choose-count says no number: ${JSON.stringify(text)}`);
}

/** Wait for a question whose stem differs from `previous`; returns its text. */
export async function nextStem(app, previous) {
  let text = '';
  await app.driver.wait(
    async () => {
      const stems = await app.all('stem');
      if (!stems.length) return false;
      try {
        if (!(await stems[0].isDisplayed())) return false;
        text = (await stems[0].getText()).trim();
      } catch {
        return false;
      }
      return text !== '' && text !== previous;
    },
    TIMEOUT,
    'no new question appeared',
  );
  return text;
}

/**
 * Answer the question on screen by keyboard: press "1".."n" for the number
 * of choices it wants, check they show as chosen, press Enter, wait for the
 * feedback. Returns the stem and feedback's data-correct.
 */
export async function answerByKeyboard(app, previousStem) {
  const stem = await nextStem(app, previousStem);
  const n = await howMany(app);
  for (let p = 0; p < n; p++) {
    await app.press(String(p + 1));
    const choice = await app.find('choice', { extra: `[data-position="${p}"]` });
    await app.driver.wait(
      async () => (await choice.getAttribute('aria-checked')) === 'true',
      TIMEOUT,
      `pressing ${p + 1} did not check choice ${p} (aria-checked)`,
    );
  }
  await app.press(Key.ENTER);
  const feedback = await app.find('feedback');
  return { stem, correct: await feedback.getAttribute('data-correct'), chose: n };
}
