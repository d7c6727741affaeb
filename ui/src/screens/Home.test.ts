import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Home from "./Home.svelte";
import { backend, home, report } from "../test/fixtures";

function setup(data = home()) {
  const calls = backend({ home: data });
  const onstudy = vi.fn();
  const onready = vi.fn();
  const ongo = vi.fn();
  render(Home, { onstudy, onready, ongo });
  return { calls, onstudy, onready, ongo };
}

describe("Home", () => {
  it("shows each bank's counts and one bar per domain", async () => {
    const { onready } = setup();
    const card = await screen.findByTestId("bank-card");
    expect(card).toHaveAttribute("data-bank", "rhit");
    const c = within(card);
    expect(c.getByTestId("due-now")).toHaveTextContent("7");
    expect(c.getByTestId("due-later")).toHaveTextContent("3");
    expect(c.getByTestId("new-available")).toHaveTextContent("10");
    expect(c.getByTestId("reviews-today")).toHaveTextContent("12");
    expect(c.getByTestId("streak")).toHaveTextContent("4");
    const bars = c.getAllByTestId("domain-bar");
    expect(bars).toHaveLength(2);
    expect(bars[0]).toHaveTextContent("Data content, structure and standards");
    expect(within(bars[0]).getByTestId("domain-accuracy")).toHaveTextContent("75%");
    expect(within(bars[0]).getByTestId("domain-retrievability")).toHaveTextContent("88%");
    // Not answered yet: a dash, not 0%.
    expect(within(bars[1]).getByTestId("domain-accuracy")).toHaveTextContent("—");
    expect(within(bars[1]).getByTestId("domain-retrievability")).toHaveTextContent("—");
    expect(screen.getByTestId("days-to-exam")).toHaveTextContent("21 days to the exam");
    expect(onready).toHaveBeenCalled();
  });

  it("focuses Study so Enter starts a session", async () => {
    const { onstudy } = setup(home({ banks: [report(), report({ id: "chda", title: "CHDA" })] }));
    const buttons = await screen.findAllByTestId("study-button");
    await vi.waitFor(() => expect(document.activeElement).toBe(buttons[0]));
    await userEvent.keyboard("{Enter}");
    expect(onstudy).toHaveBeenCalledWith("rhit", "RHIT practice", "study");
  });

  it("starts practice from the Practice button", async () => {
    const { onstudy } = setup();
    await userEvent.click(await screen.findByTestId("practice-button"));
    expect(onstudy).toHaveBeenCalledWith("rhit", "RHIT practice", "practice");
  });

  it("points to Banks when there are none", async () => {
    const { ongo } = setup(home({ banks: [], days_to_exam: null }));
    await userEvent.click(await screen.findByTestId("go-banks"));
    expect(ongo).toHaveBeenCalledWith("banks");
    expect(screen.queryByTestId("bank-card")).toBeNull();
    expect(screen.queryByTestId("days-to-exam")).toBeNull();
  });

  it("shows the error message when home() fails and still reports ready", async () => {
    backend({});
    const onready = vi.fn();
    render(Home, { onstudy: vi.fn(), ongo: vi.fn(), onready });
    await vi.waitFor(() => expect(onready).toHaveBeenCalled());
    expect(await screen.findByText(/could not be loaded/)).toBeInTheDocument();
  });
});
