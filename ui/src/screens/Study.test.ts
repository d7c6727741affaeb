import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Study from "./Study.svelte";
import type { Shown } from "../bindings/Shown";
import { backend, callsOf, outcome, shown, type Handler } from "../test/fixtures";

function setup(handlers: Record<string, Handler | unknown> = {}, props: Record<string, unknown> = {}) {
  const calls = backend({
    study_start: shown(),
    study_answer: outcome(),
    study_next: shown({ row: 102, id: "q-002", stem_html: "<p>Second question</p>" }),
    study_rate: "4 days",
    study_end: { answered: 1, correct: 1, remaining: 4 },
    set_flag: null,
    set_note: null,
    ...handlers,
  });
  const onexit = vi.fn();
  render(Study, { bank: "rhit", title: "RHIT practice", mode: "study", onexit, ...props });
  return { calls, onexit };
}

const user = () => userEvent.setup();

describe("Study", () => {
  it("answers with the keyboard: 2 then Enter sends position 1, feedback appears, Space continues", async () => {
    const { calls } = setup();
    const u = user();
    const stem = await screen.findByTestId("stem");
    expect(stem).toHaveTextContent("Which form authorises disclosure?");
    expect(callsOf(calls, "study_start")[0]).toEqual({ bank: "rhit", mode: "study" });

    const submit = screen.getByTestId("submit");
    expect(submit).toBeDisabled();
    await u.keyboard("2");
    const choices = screen.getAllByTestId("choice");
    expect(choices[1]).toHaveAttribute("aria-checked", "true");
    expect(choices[0]).toHaveAttribute("aria-checked", "false");
    expect(submit).toBeEnabled();

    await u.keyboard("{Enter}");
    expect(callsOf(calls, "study_answer")).toEqual([{ positions: [1] }]);

    const feedback = await screen.findByTestId("feedback");
    expect(feedback).toHaveAttribute("data-correct", "true");
    expect(feedback).toHaveTextContent("Correct");
    expect(screen.getByTestId("explanation")).toHaveTextContent("An authorization is required");
    const rationales = screen.getAllByTestId("rationale");
    expect(rationales).toHaveLength(4);
    expect(rationales[1]).toHaveTextContent("Correct answer");
    expect(rationales[1]).toHaveTextContent("Your answer");
    expect(rationales[0]).not.toHaveTextContent("Your answer");
    expect(screen.getByTestId("references")).toHaveTextContent("45 CFR 164.508");
    expect(screen.getByTestId("next-due")).toHaveTextContent("in 10 minutes");

    // Letter keys do nothing once answered.
    await u.keyboard("a");
    expect(callsOf(calls, "study_answer")).toHaveLength(1);

    await u.keyboard(" ");
    await vi.waitFor(() => expect(screen.getByTestId("stem")).toHaveTextContent("Second question"));
    expect(callsOf(calls, "study_next")).toHaveLength(1);
    expect(callsOf(calls, "study_rate")).toHaveLength(0);
    expect(screen.queryByTestId("feedback")).toBeNull();
    expect(screen.getByTestId("submit")).toBeDisabled();
  });

  it("marks a wrong answer and the right one, in text as well as colour", async () => {
    setup({ study_answer: outcome({ correct: false, rating: "again", chosen: [0], can_rerate: false }) });
    const u = user();
    await screen.findByTestId("stem");
    await u.keyboard("a{Enter}");
    const feedback = await screen.findByTestId("feedback");
    expect(feedback).toHaveAttribute("data-correct", "false");
    expect(feedback).toHaveTextContent("Incorrect");
    const rationales = screen.getAllByTestId("rationale");
    expect(rationales[0]).toHaveTextContent("Your answer");
    expect(rationales[0]).not.toHaveTextContent("Correct answer");
    expect(rationales[1]).toHaveTextContent("Correct answer");
    expect(screen.queryByTestId("rate-hard")).toBeNull();
    // H is not a rating here (nothing to re-rate).
    await u.keyboard("h");
  });

  it("keeps the stem and choices in place when feedback appears", async () => {
    setup();
    const u = user();
    const stem = await screen.findByTestId("stem");
    const group = stem.closest("[role=group]")!;
    const before = Array.from(group.children).slice(0, 4).map((el) => el.getAttribute("class"));
    await u.keyboard("2{Enter}");
    await screen.findByTestId("feedback");
    const after = Array.from(group.children).slice(0, 4).map((el) => el.getAttribute("class"));
    // Same leading blocks (stem, choices, action row) in the same order:
    // the feedback goes into the reserved row and below it, never above.
    expect(after.map((c) => c?.split(" ")[0])).toEqual(before.map((c) => c?.split(" ")[0]));
    const row = group.querySelector(".action-row")!;
    expect(row.contains(screen.getByTestId("feedback"))).toBe(true);
    expect(row.compareDocumentPosition(screen.getByTestId("explanation")) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("multiple response: shows Choose N, toggles choices and sends them all", async () => {
    const { calls } = setup({
      study_start: shown({ kind: "multiple", choose: 2 }),
      study_answer: outcome({ key: [0, 2], chosen: [0, 2] }),
    });
    const u = user();
    expect(await screen.findByTestId("choose-count")).toHaveTextContent("Choose 2");
    const groups = screen.getAllByRole("group", { name: /Which form/ });
    const choiceGroup = groups.find((g) => within(g).queryAllByRole("checkbox").length > 0)!;
    expect(within(choiceGroup).getAllByRole("checkbox")).toHaveLength(4);
    expect(screen.queryAllByRole("radio")).toHaveLength(0);
    await u.keyboard("1");
    await u.keyboard("2");
    await u.keyboard("2"); // toggles B off again
    await u.keyboard("c");
    const choices = screen.getAllByTestId("choice");
    expect(choices.map((c) => c.getAttribute("aria-checked"))).toEqual(["true", "false", "true", "false"]);
    await u.keyboard("{Enter}");
    expect(callsOf(calls, "study_answer")).toEqual([{ positions: [0, 2] }]);
  });

  it("single answer uses a radiogroup and a click selects", async () => {
    const { calls } = setup();
    const u = user();
    await screen.findByTestId("stem");
    expect(screen.getByRole("radiogroup")).toBeInTheDocument();
    expect(screen.getAllByRole("radio")).toHaveLength(4);
    await u.click(screen.getAllByTestId("choice")[3]);
    await u.click(screen.getAllByTestId("choice")[2]);
    await u.click(screen.getByTestId("submit"));
    expect(callsOf(calls, "study_answer")).toEqual([{ positions: [2] }]);
  });

  it("F toggles the flag", async () => {
    const { calls } = setup();
    const u = user();
    await screen.findByTestId("stem");
    const flag = screen.getByTestId("flag");
    expect(flag).toHaveAttribute("aria-pressed", "false");
    await u.keyboard("f");
    await vi.waitFor(() => expect(flag).toHaveAttribute("aria-pressed", "true"));
    await u.keyboard("f");
    await vi.waitFor(() => expect(flag).toHaveAttribute("aria-pressed", "false"));
    expect(callsOf(calls, "set_flag")).toEqual([
      { row: 101, flagged: true },
      { row: 101, flagged: false },
    ]);
  });

  it("N opens the note editor; typing fires no shortcuts; Save calls set_note", async () => {
    const { calls } = setup();
    const u = user();
    await screen.findByTestId("stem");
    await u.keyboard("n");
    const note = await screen.findByTestId("note");
    expect(document.activeElement).toBe(note);
    await u.keyboard("fab 2");
    expect(note).toHaveValue("fab 2");
    expect(callsOf(calls, "set_flag")).toHaveLength(0);
    expect(screen.getAllByTestId("choice").every((c) => c.getAttribute("aria-checked") === "false")).toBe(true);
    await u.click(screen.getByTestId("note-save"));
    expect(callsOf(calls, "set_note")).toEqual([{ row: 101, note: "fab 2" }]);
    await vi.waitFor(() => expect(screen.queryByTestId("note")).toBeNull());
  });

  it("Escape closes the note editor without saving", async () => {
    const { calls } = setup({ study_start: shown({ note: "old" }) });
    const u = user();
    await screen.findByTestId("stem");
    await u.keyboard("n");
    const note = await screen.findByTestId("note");
    expect(note).toHaveValue("old");
    await u.keyboard("{Escape}");
    await vi.waitFor(() => expect(screen.queryByTestId("note")).toBeNull());
    expect(callsOf(calls, "set_note")).toHaveLength(0);
    // Shortcuts work again.
    await u.keyboard("3");
    expect(screen.getAllByTestId("choice")[2]).toHaveAttribute("aria-checked", "true");
  });

  it("H after a right answer rates Hard, then continues", async () => {
    const { calls } = setup();
    const u = user();
    await screen.findByTestId("stem");
    await u.keyboard("2{Enter}");
    await screen.findByTestId("rate-hard");
    await u.keyboard("h");
    await vi.waitFor(() => expect(screen.getByTestId("stem")).toHaveTextContent("Second question"));
    expect(callsOf(calls, "study_rate")).toEqual([{ rating: "hard" }]);
    expect(calls.map((c) => c.cmd).slice(-2)).toEqual(["study_rate", "study_next"]);
    expect(screen.getByTestId("last-return")).toHaveTextContent("in 4 days");
  });

  it("Easy button rates easy; Good button only moves on", async () => {
    const { calls } = setup();
    const u = user();
    await screen.findByTestId("stem");
    await u.keyboard("2{Enter}");
    await u.click(await screen.findByTestId("rate-good"));
    await vi.waitFor(() => expect(screen.getByTestId("stem")).toHaveTextContent("Second question"));
    expect(callsOf(calls, "study_rate")).toHaveLength(0);
    await u.keyboard("2{Enter}");
    await u.click(await screen.findByTestId("rate-easy"));
    await vi.waitFor(() => expect(callsOf(calls, "study_rate")).toEqual([{ rating: "easy" }]));
  });

  it("shows progress as a progressbar", async () => {
    setup();
    const u = user();
    await screen.findByTestId("stem");
    const bar = screen.getByTestId("progress");
    expect(bar).toHaveAttribute("role", "progressbar");
    expect(bar).toHaveAttribute("aria-valuenow", "0");
    expect(bar).toHaveAttribute("aria-valuemax", "5");
    await u.keyboard("2{Enter}");
    await screen.findByTestId("feedback");
    expect(bar).toHaveAttribute("aria-valuenow", "1");
    expect(bar).toHaveAttribute("aria-valuemax", "5");
    expect(bar).toHaveTextContent("1 answered");
  });

  it("nothing due: empty state, and Practice anyway starts practice mode", async () => {
    let started = 0;
    const { calls } = setup({
      study_start: (args: Record<string, unknown>) =>
        started++ === 0 ? null : shown({ mode: args.mode as Shown["mode"], reason: "practice" }),
    });
    const u = user();
    const empty = await screen.findByTestId("empty-state");
    expect(empty).toHaveTextContent("Nothing is due");
    expect(empty).toHaveTextContent(/does not change your schedule/);
    await u.click(screen.getByTestId("extra-practice"));
    await screen.findByTestId("stem");
    expect(callsOf(calls, "study_start")).toEqual([
      { bank: "rhit", mode: "study" },
      { bank: "rhit", mode: "practice" },
    ]);
    expect(screen.getByTestId("practice-badge")).toHaveTextContent("Practice");
  });

  it("the empty state's Back home ends the session and leaves", async () => {
    const { calls, onexit } = setup({ study_start: null, study_end: { answered: 0, correct: 0, remaining: 0 } });
    const u = user();
    await screen.findByTestId("empty-state");
    await u.click(screen.getByTestId("back-home"));
    await vi.waitFor(() => expect(onexit).toHaveBeenCalledWith(null));
    expect(callsOf(calls, "study_end")).toHaveLength(1);
  });

  it("End session calls study_end and hands the tally back", async () => {
    const { calls, onexit } = setup();
    const u = user();
    await screen.findByTestId("stem");
    await u.click(screen.getByTestId("end-session"));
    await vi.waitFor(() => expect(onexit).toHaveBeenCalledWith({ answered: 1, correct: 1, remaining: 4 }));
    expect(callsOf(calls, "study_end")).toHaveLength(1);
  });

  it("practice mode shows the badge from the start", async () => {
    setup({ study_start: shown({ mode: "practice", reason: "practice" }) }, { mode: "practice" });
    expect(await screen.findByTestId("practice-badge")).toBeInTheDocument();
  });

  it("renders a scenario above the stem", async () => {
    setup({ study_start: shown({ scenario: { title: "Case 3: Mercy Hospital", html: "<p>Census data follows.</p>" } }) });
    const scenario = await screen.findByTestId("scenario");
    expect(scenario).toHaveTextContent("Case 3: Mercy Hospital");
    expect(scenario.compareDocumentPosition(screen.getByTestId("stem")) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("a failed answer shows the backend's message and keeps the question", async () => {
    setup({
      study_answer: () => {
        throw { kind: "disk_full", message: "The disk is full: free some space and answer again." };
      },
    });
    const u = user();
    await screen.findByTestId("stem");
    await u.keyboard("2{Enter}");
    // The message lands in the shared notice store, which App shows.
    const { notices } = await import("../lib/notices.svelte");
    await vi.waitFor(() => expect(notices.error).toBe("The disk is full: free some space and answer again."));
    expect(screen.queryByTestId("feedback")).toBeNull();
    expect(screen.getByTestId("submit")).toBeEnabled();
  });

  it("Space still continues after a link in the explanation was clicked", async () => {
    const { calls } = setup({
      study_answer: outcome({ explanation_html: '<p>See <a href="https://example.org/rule">the rule</a>.</p>' }),
    });
    const u = user();
    await screen.findByTestId("stem");
    await u.keyboard("2{Enter}");
    const link = (await screen.findByTestId("explanation")).querySelector("a")!;
    await u.click(link);
    link.focus();
    await u.keyboard(" ");
    await vi.waitFor(() => expect(callsOf(calls, "study_next")).toHaveLength(1));
  });

  it("Enter on a focused choice submits instead of toggling it again", async () => {
    const { calls } = setup({ study_start: shown({ kind: "multiple", choose: 2 }), study_answer: outcome({ key: [0, 1], chosen: [0, 1] }) });
    const u = user();
    await screen.findByTestId("stem");
    await u.click(screen.getAllByTestId("choice")[0]);
    await u.click(screen.getAllByTestId("choice")[1]);
    expect(document.activeElement).toBe(screen.getAllByTestId("choice")[1]);
    await u.keyboard("{Enter}");
    await vi.waitFor(() => expect(callsOf(calls, "study_answer")).toEqual([{ positions: [0, 1] }]));
  });

  it("a link inside a stem does not navigate", async () => {
    setup({ study_start: shown({ stem_html: '<p>See <a href="https://example.org/x">this</a>.</p>' }) });
    const link = (await screen.findByTestId("stem")).querySelector("a")!;
    expect(link).toHaveAttribute("title", "https://example.org/x");
    const event = new MouseEvent("click", { bubbles: true, cancelable: true });
    link.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await fireEvent.click(link);
  });
});
