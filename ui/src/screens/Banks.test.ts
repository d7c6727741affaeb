import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Banks from "./Banks.svelte";
import type { LoadOutcome } from "../bindings/LoadOutcome";
import { backend, bankInfo, callsOf, type Handler } from "../test/fixtures";

function setup(handlers: Record<string, Handler | unknown> = {}) {
  const calls = backend({ list_banks: [bankInfo()], remove_bank: null, ...handlers });
  render(Banks, {});
  return calls;
}

const invalid: LoadOutcome = {
  status: "invalid",
  folder: "/tmp/broken",
  errors: [
    { file: "questions/privacy.toml", line: 14, column: 9, message: "choice 5 is the key but there are only 4 choices" },
    { file: "bank.toml", line: 3, column: 1, message: "missing field `title`" },
  ],
  warnings: [{ file: "questions/stats.toml", line: 40, column: 3, message: "rationale is empty" }],
};

const loaded: LoadOutcome = {
  status: "loaded",
  summary: {
    bank: "mybank",
    title: "My bank",
    new_bank: false,
    added: ["q-10", "q-11"],
    changed: ["q-02"],
    reset: [],
    retired: ["q-05"],
    restored: [],
    unchanged: 8,
  },
  warnings: [],
};

describe("Banks", () => {
  it("lists banks with their counts, version and folder", async () => {
    setup();
    const row = await screen.findByTestId("bank-row");
    expect(row).toHaveAttribute("data-bank", "example");
    expect(row).toHaveTextContent("Example bank");
    expect(row).toHaveTextContent("2026.11");
    expect(row).toHaveTextContent("/opt/hitprep/question-banks/example");
    expect(within(row).getByTestId("bank-questions")).toHaveTextContent("12");
    expect(within(row).getByTestId("bank-retired")).toHaveTextContent("1");
  });

  it("shows every error as file:line:column: message for an invalid bank", async () => {
    const calls = setup({ load_bank: invalid });
    const u = userEvent.setup();
    await screen.findByTestId("bank-row");
    await u.type(screen.getByTestId("bank-path-input"), "/tmp/broken");
    await u.click(screen.getByTestId("load-path-button"));
    const box = await screen.findByTestId("bank-errors");
    const errors = within(box).getAllByTestId("bank-error");
    expect(errors.map((e) => e.textContent)).toEqual([
      "questions/privacy.toml:14:9: choice 5 is the key but there are only 4 choices",
      "bank.toml:3:1: missing field `title`",
    ]);
    expect(within(box).getByTestId("bank-warning")).toHaveTextContent("questions/stats.toml:40:3: rationale is empty");
    expect(box).toHaveTextContent("Nothing changed");
    expect(callsOf(calls, "load_bank")).toEqual([{ path: "/tmp/broken" }]);
    // Nothing changed, so the list was not reloaded.
    expect(callsOf(calls, "list_banks")).toHaveLength(1);
  });

  it("shows the update summary for a loaded bank and refreshes the list", async () => {
    const calls = setup({ load_bank: loaded });
    const u = userEvent.setup();
    await screen.findByTestId("bank-row");
    await u.type(screen.getByTestId("bank-path-input"), "/banks/mine{Enter}");
    const summary = await screen.findByTestId("import-summary");
    expect(summary).toHaveTextContent("Updated My bank");
    expect(within(summary).getByTestId("summary-added")).toHaveTextContent("2");
    expect(within(summary).getByTestId("summary-changed")).toHaveTextContent("1");
    expect(within(summary).getByTestId("summary-reset")).toHaveTextContent("0");
    expect(within(summary).getByTestId("summary-retired")).toHaveTextContent("1");
    expect(within(summary).getByTestId("summary-restored")).toHaveTextContent("0");
    expect(within(summary).getByTestId("summary-unchanged")).toHaveTextContent("8");
    expect(summary).toHaveTextContent("q-10, q-11");
    await vi.waitFor(() => expect(callsOf(calls, "list_banks")).toHaveLength(2));
  });

  it("loads the folder chosen in the dialog", async () => {
    const calls = setup({ "plugin:dialog|open": "/home/me/bank", load_bank: loaded });
    const u = userEvent.setup();
    await screen.findByTestId("bank-row");
    await u.click(screen.getByTestId("load-bank-button"));
    await screen.findByTestId("import-summary");
    expect(callsOf(calls, "load_bank")).toEqual([{ path: "/home/me/bank" }]);
  });

  it("does nothing when the dialog is cancelled", async () => {
    const calls = setup({ "plugin:dialog|open": null });
    const u = userEvent.setup();
    await screen.findByTestId("bank-row");
    await u.click(screen.getByTestId("load-bank-button"));
    expect(callsOf(calls, "load_bank")).toHaveLength(0);
  });

  it("shows the backend's message when the folder is not a bank", async () => {
    setup({
      load_bank: () => {
        throw { kind: "invalid_bank", message: "/tmp is not a bank folder: it has no bank.toml." };
      },
    });
    const u = userEvent.setup();
    await screen.findByTestId("bank-row");
    await u.type(screen.getByTestId("bank-path-input"), "/tmp");
    await u.click(screen.getByTestId("load-path-button"));
    expect(await screen.findByTestId("error-message")).toHaveTextContent("/tmp is not a bank folder");
  });

  it("shows Loading… while the bank loads", async () => {
    let finish: (v: LoadOutcome) => void = () => {};
    setup({ load_bank: () => new Promise<LoadOutcome>((r) => (finish = r)) });
    const u = userEvent.setup();
    await screen.findByTestId("bank-row");
    await u.type(screen.getByTestId("bank-path-input"), "/x");
    await u.click(screen.getByTestId("load-path-button"));
    expect(await screen.findByTestId("loading")).toHaveTextContent("Loading…");
    finish(loaded);
    await screen.findByTestId("import-summary");
    expect(screen.queryByTestId("loading")).toBeNull();
  });

  it("asks before removing, and passes keepHistory", async () => {
    const calls = setup();
    const u = userEvent.setup();
    await u.click(await screen.findByTestId("remove-bank"));
    const dialog = screen.getByTestId("confirm-remove");
    expect(dialog).toHaveAttribute("role", "dialog");
    expect(dialog).toHaveAttribute("aria-modal", "true");
    const keep = within(dialog).getByTestId("keep-history");
    expect(keep).toBeChecked();
    expect(callsOf(calls, "remove_bank")).toHaveLength(0);
    await u.click(keep);
    await u.click(within(dialog).getByTestId("confirm-remove-button"));
    await vi.waitFor(() => expect(callsOf(calls, "remove_bank")).toEqual([{ bank: "example", keepHistory: false }]));
    await vi.waitFor(() => expect(screen.queryByTestId("confirm-remove")).toBeNull());
    expect(callsOf(calls, "list_banks")).toHaveLength(2);
  });

  it("keeps history by default and Escape cancels", async () => {
    const calls = setup();
    const u = userEvent.setup();
    await u.click(await screen.findByTestId("remove-bank"));
    await u.keyboard("{Escape}");
    expect(screen.queryByTestId("confirm-remove")).toBeNull();
    expect(callsOf(calls, "remove_bank")).toHaveLength(0);
    await u.click(screen.getByTestId("remove-bank"));
    await u.click(screen.getByTestId("confirm-remove-button"));
    await vi.waitFor(() => expect(callsOf(calls, "remove_bank")).toEqual([{ bank: "example", keepHistory: true }]));
  });
});
