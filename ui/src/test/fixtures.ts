// Test data shaped exactly like the generated bindings, and a stand-in
// backend that records every command the UI sends.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { BankInfo } from "../bindings/BankInfo";
import type { BankReport } from "../bindings/BankReport";
import type { Home } from "../bindings/Home";
import type { Outcome } from "../bindings/Outcome";
import type { QuestionDetail } from "../bindings/QuestionDetail";
import type { QuestionSummary } from "../bindings/QuestionSummary";
import type { Settings } from "../bindings/Settings";
import type { Shown } from "../bindings/Shown";
import type { Startup } from "../bindings/Startup";

export type Call = { cmd: string; args: Record<string, unknown> };
export type Handler = (args: Record<string, unknown>) => unknown;

/** Install a mock backend; unknown commands reject like a Rust error would. */
export function backend(handlers: Record<string, Handler | unknown>): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (!(cmd in handlers)) {
      throw { kind: "test", message: `unexpected command ${cmd}` };
    }
    const h = handlers[cmd];
    return typeof h === "function" ? (h as Handler)(args) : h;
  });
  return calls;
}

export function callsOf(calls: Call[], cmd: string): Record<string, unknown>[] {
  return calls.filter((c) => c.cmd === cmd).map((c) => c.args);
}

export function report(over: Partial<BankReport> = {}): BankReport {
  return {
    id: "rhit",
    title: "RHIT practice",
    due: { learning: 2, review: 5, new: 10 },
    due_now: 7,
    due_later_today: 3,
    reviews_today: 12,
    streak_days: 4,
    by_domain: [
      {
        id: "d1",
        name: "Data content, structure and standards",
        questions: 40,
        seen: 10,
        answers: 20,
        correct: 15,
        accuracy: 0.75,
        mean_retrievability: 0.875,
      },
      {
        id: "d2",
        name: "Information protection",
        questions: 30,
        seen: 0,
        answers: 0,
        correct: 0,
        accuracy: null,
        mean_retrievability: null,
      },
    ],
    ...over,
  };
}

export function home(over: Partial<Home> = {}): Home {
  return { banks: [report()], days_to_exam: 21, ...over };
}

export function startup(over: Partial<Startup> = {}): Startup {
  return { database: "/home/student/.local/share/hitprep/progress.sqlite3", bundled: [], problem: null, ...over };
}

export function settings(over: Partial<Settings> = {}): Settings {
  return {
    scheduler: {
      parameters: Array.from({ length: 21 }, (_, i) => i / 10),
      desired_retention: 0.9,
      learning_steps: "1m 10m",
      relearning_steps: "10m",
      maximum_interval: 36500,
      fuzz: true,
    },
    new_per_day: 20,
    rollover_hour: 4,
    exam_date: null,
    theme: "system",
    ...over,
  };
}

export function shown(over: Partial<Shown> = {}): Shown {
  return {
    row: 101,
    bank: "rhit",
    id: "q-001",
    domain: "d1",
    domain_name: "Data content, structure and standards",
    kind: "single",
    choose: 1,
    stem_html: "<p>Which form authorises <strong>disclosure</strong>?</p>",
    scenario: null,
    choices_html: ["<p>Consent</p>", "<p>Authorization</p>", "<p>Notice</p>", "<p>Waiver</p>"],
    flagged: false,
    note: null,
    reason: "new",
    mode: "study",
    progress: { answered: 0, correct: 0, remaining: 5 },
    ...over,
  };
}

export function outcome(over: Partial<Outcome> = {}): Outcome {
  return {
    correct: true,
    rating: "good",
    key: [1],
    chosen: [1],
    explanation_html: "<p>An authorization is required for most disclosures.</p>",
    rationales_html: [
      "<p>Consent is general.</p>",
      "<p>Authorization is specific.</p>",
      "<p>A notice informs.</p>",
      "<p>No such waiver.</p>",
    ],
    references: ["45 CFR 164.508"],
    next_due: "10 minutes",
    can_rerate: true,
    progress: { answered: 1, correct: 1, remaining: 4 },
    ...over,
  };
}

export function bankInfo(over: Partial<BankInfo> = {}): BankInfo {
  return {
    id: "example",
    title: "Example bank",
    version: "2026.11",
    source: "/opt/hitprep/question-banks/example",
    questions: 12,
    retired: 1,
    ...over,
  };
}

export function summary(over: Partial<QuestionSummary> = {}): QuestionSummary {
  return {
    row: 7,
    id: "priv-001",
    domain: "privacy",
    topics: ["hipaa"],
    stem: "Under **HIPAA**, which [form](https://example.org) is needed?",
    flagged: false,
    answers: 4,
    correct: 3,
    last_correct: true,
    phase: "review",
    due: null,
    retired: false,
    ...over,
  };
}

export function detail(over: Partial<QuestionDetail> = {}): QuestionDetail {
  return {
    row: 7,
    bank: "example",
    id: "priv-001",
    domain: "privacy",
    topics: ["hipaa"],
    kind: "single",
    stem_html: "<p>Under HIPAA, which form is needed?</p>",
    scenario: null,
    choices_html: ["<p>Consent</p>", "<p>Authorization</p>", "<p>Notice</p>"],
    rationales_html: ["<p>No.</p>", "<p>Yes.</p>", "<p>No, it informs.</p>"],
    key: [1],
    explanation_html: "<p>See <a href=\"https://www.hhs.gov/hipaa\">HHS</a>.</p>",
    references: ["45 CFR 164.508"],
    flagged: false,
    note: null,
    retired: false,
    history: [
      {
        review: 1,
        at: "2026-11-20T09:15:00Z",
        kind: "study",
        rating: "again",
        correct: false,
        shown: [2, 0, 1],
        chosen: [0],
        duration_ms: 12400,
        due_after: "2026-11-20T09:25:00Z",
      },
      {
        review: 2,
        at: "2026-11-20T09:26:00Z",
        kind: "study",
        rating: "good",
        correct: true,
        shown: [0, 1, 2],
        chosen: [1],
        duration_ms: 65000,
        due_after: "2026-11-23T09:26:00Z",
      },
    ],
    ...over,
  };
}
