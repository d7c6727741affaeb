// The one door to the Rust side. Nothing else in the UI imports `invoke` or
// the dialog plugin: every command has a typed wrapper here, and every
// failure comes out as a `CommandError` ({kind, message}) a screen can show.
//
// Tauri v2 turns JS argument keys from camelCase into the Rust parameter
// names (keepHistory -> keep_history); the values inside (Search,
// Settings) keep their snake_case field names as serde expects them.

import { invoke } from "@tauri-apps/api/core";
import { open } from "@tauri-apps/plugin-dialog";

import type { BankInfo } from "./bindings/BankInfo";
import type { CommandError } from "./bindings/CommandError";
import type { Home } from "./bindings/Home";
import type { LoadOutcome } from "./bindings/LoadOutcome";
import type { Mode } from "./bindings/Mode";
import type { Outcome } from "./bindings/Outcome";
import type { Outline } from "./bindings/Outline";
import type { Progress } from "./bindings/Progress";
import type { QuestionDetail } from "./bindings/QuestionDetail";
import type { QuestionSummary } from "./bindings/QuestionSummary";
import type { Rating } from "./bindings/Rating";
import type { Search } from "./bindings/Search";
import type { Settings } from "./bindings/Settings";
import type { Shown } from "./bindings/Shown";
import type { Startup } from "./bindings/Startup";

export type { CommandError };

/** Whether `e` already has the `{kind, message}` shape the Rust side sends. */
export function isCommandError(e: unknown): e is CommandError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as { kind?: unknown }).kind === "string" &&
    typeof (e as { message?: unknown }).message === "string"
  );
}

/** Any rejection as a `CommandError`: the backend's own as is, anything
 * else (a string from the IPC layer, an Error) as kind "ipc". */
export function normaliseError(e: unknown): CommandError {
  if (isCommandError(e)) {
    return { kind: e.kind, message: e.message };
  }
  return { kind: "ipc", message: String(e) };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw normaliseError(e);
  }
}

// Start-up and home
export const startup = () => call<Startup>("startup");
export const home = () => call<Home>("home");

// Studying
export const studyStart = (bank: string, mode: Mode) =>
  call<Shown | null>("study_start", { bank, mode });
export const studyNext = () => call<Shown | null>("study_next");
export const studyAnswer = (positions: number[]) =>
  call<Outcome>("study_answer", { positions });
export const studyRate = (rating: Rating) => call<string>("study_rate", { rating });
export const studyEnd = () => call<Progress | null>("study_end");
export const setFlag = (row: number, flagged: boolean) =>
  call<null>("set_flag", { row, flagged });
export const setNote = (row: number, note: string | null) =>
  call<null>("set_note", { row, note });

// Browsing
export const browse = (search: Search) => call<QuestionSummary[]>("browse", { search });
export const bankOutline = (bank: string) => call<Outline>("bank_outline", { bank });
export const questionDetail = (row: number) =>
  call<QuestionDetail>("question_detail", { row });

// Banks
export const listBanks = () => call<BankInfo[]>("list_banks");
export const loadBank = (path: string) => call<LoadOutcome>("load_bank", { path });
export const removeBank = (bank: string, keepHistory: boolean) =>
  call<null>("remove_bank", { bank, keepHistory });

// Settings
export const getSettings = () => call<Settings>("get_settings");
export const saveSettings = (settings: Settings) =>
  call<Settings>("save_settings", { settings });

/** The native folder picker; the chosen folder, or null if cancelled. */
export async function pickBankFolder(): Promise<string | null> {
  try {
    const chosen = await open({
      directory: true,
      multiple: false,
      title: "Choose a bank folder",
    });
    if (Array.isArray(chosen)) return chosen[0] ?? null;
    return chosen ?? null;
  } catch (e) {
    throw normaliseError(e);
  }
}
