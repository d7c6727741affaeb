import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Browse from "./Browse.svelte";
import type { Search } from "../bindings/Search";
import { backend, bankInfo, callsOf, detail, summary, type Handler } from "../test/fixtures";

function setup(handlers: Record<string, Handler | unknown> = {}) {
  const calls = backend({
    list_banks: [bankInfo(), bankInfo({ id: "rhit", title: "RHIT" })],
    bank_outline: { domains: [["privacy", "Privacy and HIPAA"], ["stats", "Hospital statistics"]], topics: ["hipaa", "census"] },
    browse: [summary(), summary({ row: 8, id: "stat-002", domain: "stats", stem: "Compute the `census`.", answers: 0, correct: 0, last_correct: null, flagged: true })],
    question_detail: detail(),
    set_flag: null,
    set_note: null,
    ...handlers,
  });
  render(Browse, {});
  return calls;
}

const searches = (calls: ReturnType<typeof setup>) => callsOf(calls, "browse").map((a) => a.search as Search);

describe("Browse", () => {
  it("lists results with id, domain name, plain stem, accuracy and flag", async () => {
    setup();
    const rows = await screen.findAllByTestId("result-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("priv-001");
    expect(rows[0]).toHaveTextContent("Privacy and HIPAA");
    expect(rows[0]).toHaveTextContent("Under HIPAA, which form is needed?");
    expect(rows[0].textContent).not.toMatch(/\*\*|\]\(/);
    expect(rows[0]).toHaveTextContent("Accuracy 75%");
    expect(within(rows[0]).queryByTestId("row-flag")).toBeNull();
    expect(rows[1]).toHaveTextContent("Accuracy —");
    expect(within(rows[1]).getByTestId("row-flag")).toBeInTheDocument();
  });

  it("sends each filter to browse", async () => {
    const calls = setup();
    const u = userEvent.setup();
    await screen.findAllByTestId("result-row");
    expect(searches(calls)[0]).toEqual({
      bank: "example",
      text: null,
      domain: null,
      topic: null,
      flagged: false,
      last_wrong: false,
      never_seen: false,
      include_retired: false,
      limit: null,
    });
    await u.selectOptions(screen.getByTestId("filter-domain"), "stats");
    await u.selectOptions(screen.getByTestId("filter-topic"), "census");
    await u.click(screen.getByTestId("filter-flagged"));
    await u.click(screen.getByTestId("filter-wrong"));
    await u.click(screen.getByTestId("filter-unseen"));
    await u.type(screen.getByTestId("search-text"), "census{Enter}");
    await vi.waitFor(() =>
      expect(searches(calls).at(-1)).toMatchObject({
        bank: "example",
        text: "census",
        domain: "stats",
        topic: "census",
        flagged: true,
        last_wrong: true,
        never_seen: true,
      }),
    );
  });

  it("changing bank reloads the outline and the results", async () => {
    const calls = setup();
    const u = userEvent.setup();
    await screen.findAllByTestId("result-row");
    await u.selectOptions(screen.getByTestId("browse-bank"), "rhit");
    await vi.waitFor(() => expect(callsOf(calls, "bank_outline").at(-1)).toEqual({ bank: "rhit" }));
    await vi.waitFor(() => expect(searches(calls).at(-1)?.bank).toBe("rhit"));
  });

  it("opens a question with its key, rationales and history", async () => {
    const calls = setup();
    const u = userEvent.setup();
    const rows = await screen.findAllByTestId("result-row");
    rows[0].focus();
    await u.keyboard("{Enter}");
    const view = await screen.findByTestId("question-detail");
    expect(callsOf(calls, "question_detail")).toEqual([{ row: 7 }]);
    const choices = within(view).getAllByTestId("detail-choice");
    expect(choices[1]).toHaveTextContent("Correct answer");
    expect(choices[0]).not.toHaveTextContent("Correct answer");
    expect(within(view).getAllByTestId("rationale")).toHaveLength(3);
    expect(within(view).getByTestId("references")).toHaveTextContent("45 CFR 164.508");
    const history = within(view).getAllByTestId("history-row");
    expect(history).toHaveLength(2);
    expect(history[0]).toHaveTextContent("Wrong");
    expect(history[0]).toHaveTextContent("Again");
    expect(history[0]).toHaveTextContent("12 s");
    expect(history[0]).toHaveTextContent("A");
    expect(history[1]).toHaveTextContent("Right");
    expect(history[1]).toHaveTextContent("Good");
    expect(history[1]).toHaveTextContent("1 min 5 s");
    expect(history[1].lastElementChild).toHaveTextContent(/^B$/);
  });

  it("Up and Down move between rows", async () => {
    setup();
    const u = userEvent.setup();
    const rows = await screen.findAllByTestId("result-row");
    rows[0].focus();
    await u.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(rows[1]);
    await u.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(rows[1]);
    await u.keyboard("{ArrowUp}");
    expect(document.activeElement).toBe(rows[0]);
  });

  it("flags and notes from the detail", async () => {
    const calls = setup();
    const u = userEvent.setup();
    await u.click((await screen.findAllByTestId("result-row"))[0]);
    const view = await screen.findByTestId("question-detail");
    await u.click(within(view).getByTestId("flag"));
    await vi.waitFor(() => expect(within(view).getByTestId("flag")).toHaveAttribute("aria-pressed", "true"));
    expect(callsOf(calls, "set_flag")).toEqual([{ row: 7, flagged: true }]);
    // The list row shows the flag too.
    expect(within(screen.getAllByTestId("result-row")[0]).getByTestId("row-flag")).toBeInTheDocument();
    await u.type(within(view).getByTestId("note"), "Remember 164.508");
    await u.click(within(view).getByTestId("note-save"));
    await vi.waitFor(() => expect(callsOf(calls, "set_note")).toEqual([{ row: 7, note: "Remember 164.508" }]));
  });

  it("a link in the explanation does not navigate and shows its address", async () => {
    setup();
    const u = userEvent.setup();
    await u.click((await screen.findAllByTestId("result-row"))[0]);
    const link = (await screen.findByTestId("explanation")).querySelector("a")!;
    expect(link).toHaveAttribute("title", "https://www.hhs.gov/hipaa");
    const event = new MouseEvent("click", { bubbles: true, cancelable: true });
    link.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
  });
});
