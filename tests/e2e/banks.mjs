// Bank folders the end-to-end tests make on the fly: a copy of the example
// bank broken in three files (and its fix), the hostile bank with the test's
// own beacon address, and a large generated bank for measurements.

import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLE_BANK, ROOT, copyBank } from './support.mjs';

export const HOSTILE_TEMPLATE = path.join(ROOT, 'tests/e2e/fixtures/hostile-bank');
/** The beacon address written in the committed hostile bank. */
export const HOSTILE_PLACEHOLDER = 'http://127.0.0.1:8765';

function lineOf(text, needle) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`fixture: ${JSON.stringify(needle)} not found`);
  return text.slice(0, i).split('\n').length;
}

function replaceOnce(text, from, to) {
  if (!text.includes(from)) throw new Error(`fixture: ${JSON.stringify(from)} not found`);
  return text.replace(from, to);
}

/**
 * A copy of the example bank, with bank id `id` and `title`, broken in three files:
 * - questions/privacy.toml: `answer = "E"` on a 4-choice question;
 * - questions/statistics.toml: a question in the unknown domain `nosuch-domain`;
 * - questions/revenue.toml: a TOML syntax error.
 * Returns the folder, the 1-based line of each problem, and fix() which
 * writes the intact files back (keeping the new bank id).
 */
export function brokenBank(dest, id = 'e2e-fixable', title = 'My bank: a copy of the example bank') {
  copyBank(EXAMPLE_BANK, dest);
  const bankToml = path.join(dest, 'bank.toml');
  let meta = replaceOnce(fs.readFileSync(bankToml, 'utf8'), 'id = "example"', `id = "${id}"`);
  meta = meta.replace(/^title = .*$/m, `title = ${JSON.stringify(title)}`);
  fs.writeFileSync(bankToml, meta);
  const q = (name) => path.join(dest, 'questions', name);
  const intact = Object.fromEntries(
    ['privacy.toml', 'statistics.toml', 'revenue.toml'].map((f) => [f, fs.readFileSync(q(f), 'utf8')]),
  );

  const privacy = replaceOnce(intact['privacy.toml'], 'answer = "B"', 'answer = "E"');
  const statistics = replaceOnce(intact['statistics.toml'], 'domain = "statistics"', 'domain = "nosuch-domain"');
  const syntaxNeedle = 'this line is not TOML';
  const revenue = replaceOnce(intact['revenue.toml'], '[[questions]]', `${syntaxNeedle}\n\n[[questions]]`);
  fs.writeFileSync(q('privacy.toml'), privacy);
  fs.writeFileSync(q('statistics.toml'), statistics);
  fs.writeFileSync(q('revenue.toml'), revenue);

  return {
    id,
    folder: dest,
    lines: {
      answer: lineOf(privacy, 'answer = "E"'),
      domain: lineOf(statistics, 'domain = "nosuch-domain"'),
      syntax: lineOf(revenue, syntaxNeedle),
    },
    fix() {
      for (const [f, text] of Object.entries(intact)) fs.writeFileSync(q(f), text);
    },
  };
}

/** The committed hostile bank, copied to `dest` with the beacon at `origin`. */
export function hostileBank(dest, origin) {
  copyBank(HOSTILE_TEMPLATE, dest);
  const walk = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
    );
  for (const file of walk(dest).filter((f) => f.endsWith('.toml'))) {
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.split(HOSTILE_PLACEHOLDER).join(origin));
  }
  return dest;
}

/** A valid bank of `n` single-answer questions in two domains (for measurements). */
export function generatedBank(dest, { id = 'generated', n = 120 } = {}) {
  fs.mkdirSync(path.join(dest, 'questions'), { recursive: true });
  fs.writeFileSync(
    path.join(dest, 'bank.toml'),
    `format = 1
id = "${id}"
title = "Generated bank (${n} questions)"
version = "1"
license = "CC0-1.0"

[exam]
questions = ${Math.min(n, 100)}
minutes = 60
source = "Generated for measurements; not a real blueprint."

[[domains]]
id = "alpha"
name = "Alpha"
weight = [40, 60]

[[domains]]
id = "beta"
name = "Beta"
weight = [40, 60]
`,
  );
  const letters = ['A', 'B', 'C', 'D'];
  let out = '';
  for (let i = 1; i <= n; i++) {
    const key = letters[i % 4];
    out += `
[[questions]]
id = "${id}-${String(i).padStart(4, '0')}"
domain = "${i % 2 ? 'alpha' : 'beta'}"
topics = ["topic-${i % 7}"]
level = "recall"
type = "single"
stem = """
Generated question **${i}**: which of these is choice ${key}, the key? \
Some more words so the stem has a realistic length for layout and memory.
"""
answer = "${key}"
explanation = "The key is the choice written as ${key}; the others are generated distractors."
references = ["Generated reference ${i}"]
`;
    for (const l of letters) {
      out += `
[[questions.choices]]
text = "Option ${l} of question ${i}"
why = "${l === key ? 'Right' : 'Wrong'}: generated rationale for option ${l}."
`;
    }
  }
  fs.writeFileSync(path.join(dest, 'questions', 'generated.toml'), out);
  return dest;
}
