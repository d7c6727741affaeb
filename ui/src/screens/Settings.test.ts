import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import SettingsScreen from "./Settings.svelte";
import type { Settings } from "../bindings/Settings";
import { backend, callsOf, settings, type Handler } from "../test/fixtures";

function setup(handlers: Record<string, Handler | unknown> = {}) {
  const calls = backend({
    get_settings: settings(),
    save_settings: (args: Record<string, unknown>) => args.settings,
    ...handlers,
  });
  render(SettingsScreen, {});
  return calls;
}

const saved = (calls: ReturnType<typeof setup>) => callsOf(calls, "save_settings").map((a) => a.settings as Settings);

describe("Settings", () => {
  it("fills the form from get_settings", async () => {
    setup({ get_settings: settings({ exam_date: "2027-01-15", theme: "dark" }) });
    expect(await screen.findByTestId("new-per-day")).toHaveValue(20);
    expect(screen.getByTestId("desired-retention")).toHaveValue(0.9);
    expect(screen.getByTestId("learning-steps")).toHaveValue("1m 10m");
    expect(screen.getByTestId("relearning-steps")).toHaveValue("10m");
    expect(screen.getByTestId("rollover-hour")).toHaveValue(4);
    expect(screen.getByTestId("exam-date")).toHaveValue("2027-01-15");
    expect(screen.getByTestId("theme")).toHaveValue("dark");
  });

  it("sends the whole settings object with the changed value, parameters untouched", async () => {
    const calls = setup();
    const u = userEvent.setup();
    const steps = await screen.findByTestId("learning-steps");
    await u.clear(steps);
    await u.type(steps, "2m 15m");
    await u.tab();
    await vi.waitFor(() => expect(screen.getByTestId("settings-saved")).toHaveTextContent("Saved"));
    const last = saved(calls).at(-1)!;
    expect(last).toEqual({ ...settings(), scheduler: { ...settings().scheduler, learning_steps: "2m 15m" } });
    expect(last.scheduler.parameters).toEqual(settings().scheduler.parameters);
  });

  it("saves numbers as numbers", async () => {
    const calls = setup();
    const u = userEvent.setup();
    const perDay = await screen.findByTestId("new-per-day");
    await u.clear(perDay);
    await u.type(perDay, "35");
    const keep = screen.getByTestId("desired-retention");
    await u.clear(keep);
    await u.type(keep, "0.85");
    await u.tab();
    await vi.waitFor(() => {
      const last = saved(calls).at(-1)!;
      expect(last.new_per_day).toBe(35);
      expect(last.scheduler.desired_retention).toBe(0.85);
    });
  });

  it("applies the theme at once and saves it", async () => {
    const calls = setup();
    const u = userEvent.setup();
    await u.selectOptions(await screen.findByTestId("theme"), "dark");
    expect(document.documentElement.dataset.theme).toBe("dark");
    await vi.waitFor(() => expect(saved(calls).at(-1)?.theme).toBe("dark"));
    await u.selectOptions(screen.getByTestId("theme"), "light");
    expect(document.documentElement.dataset.theme).toBe("light");
  });

  it("sets and clears the exam date", async () => {
    const calls = setup({ get_settings: settings({ exam_date: "2027-01-15" }) });
    const u = userEvent.setup();
    await u.click(await screen.findByTestId("clear-exam-date"));
    await vi.waitFor(() => expect(saved(calls).at(-1)?.exam_date).toBeNull());
    expect(screen.getByTestId("exam-date")).toHaveValue("");
  });

  it("shows the backend's refusal next to the form", async () => {
    setup({
      save_settings: () => {
        throw { kind: "invalid_settings", message: "desired retention must be between 0.7 and 0.99" };
      },
    });
    const u = userEvent.setup();
    const keep = await screen.findByTestId("desired-retention");
    await u.clear(keep);
    await u.type(keep, "0.5");
    await u.tab();
    expect(await screen.findByTestId("error-message")).toHaveTextContent("desired retention must be between 0.7 and 0.99");
    expect(screen.queryByTestId("settings-saved")).toBeNull();
    expect(keep).toHaveAttribute("aria-invalid", "true");
    // Shown beside the field it is about.
    expect(keep.closest(".control")).toContainElement(screen.getByTestId("error-message"));
  });

  it("shows only the reason when Tauri refuses the arguments", async () => {
    setup({
      save_settings: () =>
        Promise.reject(
          "invalid args `settings` for command `save_settings`: step `banana` must be a number followed by s, m, h or d, e.g. 10m",
        ),
    });
    const u = userEvent.setup();
    const steps = await screen.findByTestId("learning-steps");
    await u.clear(steps);
    await u.type(steps, "banana");
    await u.tab();
    const message = await screen.findByTestId("error-message");
    expect(message.textContent).toBe("step `banana` must be a number followed by s, m, h or d, e.g. 10m");
    expect(steps.closest(".control")).toContainElement(message);
  });

  it("refuses a blank number without calling the backend", async () => {
    const calls = setup();
    const u = userEvent.setup();
    const perDay = await screen.findByTestId("new-per-day");
    await u.clear(perDay);
    await u.tab();
    expect(await screen.findByTestId("error-message")).toHaveTextContent("whole number");
    expect(saved(calls)).toHaveLength(0);
  });
});
