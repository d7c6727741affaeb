import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "./App.svelte";
import { backend, bankInfo, callsOf, home, settings, shown, startup, type Handler } from "./test/fixtures";

function setup(handlers: Record<string, Handler | unknown> = {}) {
  const calls = backend({
    startup: startup(),
    get_settings: settings({ theme: "dark" }),
    home: home(),
    list_banks: [bankInfo()],
    study_start: shown(),
    study_end: { answered: 3, correct: 2, remaining: 2 },
    ...handlers,
  });
  render(App, {});
  return calls;
}

describe("App", () => {
  it("marks itself ready after startup and the home data, and applies the saved theme", async () => {
    setup();
    const app = screen.getByTestId("app");
    await vi.waitFor(() => expect(app).toHaveAttribute("data-ready", "true"));
    expect(screen.getByTestId("screen-home")).toBeInTheDocument();
    expect(screen.getByTestId("bank-card")).toBeInTheDocument();
    expect(document.documentElement.dataset.theme).toBe("dark");
  });

  it("shows a full-page problem when the database cannot be opened", async () => {
    setup({
      startup: startup({
        database: "/data/progress.sqlite3",
        problem: { kind: "foreign_database", message: "This file is not a HIT Prep database." },
      }),
    });
    const problem = await screen.findByTestId("startup-problem");
    expect(problem).toHaveTextContent("This file is not a HIT Prep database.");
    expect(problem).toHaveTextContent("/data/progress.sqlite3");
    expect(screen.queryByTestId("nav-home")).toBeNull();
    expect(screen.getByTestId("app")).toHaveAttribute("data-ready", "true");
  });

  it("mentions shipped banks that could not be loaded, without blocking", async () => {
    setup({
      startup: startup({
        bundled: [
          { status: "unchanged", bank: "rhit" },
          { status: "invalid", folder: "/opt/banks/cphi", problems: ["bank.toml:1:1: missing field `id`"] },
        ],
      }),
    });
    const notice = await screen.findByTestId("bundled-notice");
    expect(notice).toHaveTextContent("/opt/banks/cphi");
    expect(await screen.findByTestId("bank-card")).toBeInTheDocument();
  });

  it("navigates with the nav buttons and with Alt+digits", async () => {
    setup();
    const u = userEvent.setup();
    await screen.findByTestId("bank-card");
    await u.click(screen.getByTestId("nav-banks"));
    expect(await screen.findByTestId("screen-banks")).toBeInTheDocument();
    expect(screen.getByTestId("nav-banks")).toHaveAttribute("aria-current", "page");
    await u.keyboard("{Alt>}1{/Alt}");
    expect(await screen.findByTestId("screen-home")).toBeInTheDocument();
  });

  it("study then End session shows the summary on Home", async () => {
    const calls = setup();
    const u = userEvent.setup();
    await u.click(await screen.findByTestId("study-button"));
    expect(await screen.findByTestId("screen-study")).toBeInTheDocument();
    await screen.findByTestId("stem");
    await u.click(screen.getByTestId("end-session"));
    const summary = await screen.findByTestId("session-summary");
    expect(summary).toHaveTextContent("3 questions answered");
    expect(within(summary).getByTestId("summary-correct")).toHaveTextContent("2");
    expect(screen.getByTestId("screen-home")).toBeInTheDocument();
    expect(callsOf(calls, "home")).toHaveLength(2);
  });

  it("shows a command error as a message, never a blank screen", async () => {
    setup({
      home: () => {
        throw { kind: "disk_full", message: "The disk is full." };
      },
    });
    expect(await screen.findByTestId("error-message")).toHaveTextContent("The disk is full.");
    expect(screen.getByTestId("screen-home")).toBeInTheDocument();
    expect(screen.getByTestId("app")).toHaveAttribute("data-ready", "true");
  });
});
