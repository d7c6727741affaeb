import { describe, expect, it, vi } from "vitest";
import { applyTheme, resetTheme } from "./theme";

function fakeMedia(dark: boolean) {
  const listeners: Array<() => void> = [];
  const media = {
    matches: dark,
    addEventListener: (_: string, fn: () => void) => listeners.push(fn),
    removeEventListener: vi.fn(),
  };
  const original = window.matchMedia;
  window.matchMedia = vi.fn(() => media) as unknown as typeof window.matchMedia;
  return {
    set(value: boolean) {
      media.matches = value;
      listeners.forEach((fn) => fn());
    },
    restore() {
      window.matchMedia = original;
    },
  };
}

describe("theme", () => {
  it("sets light or dark on <html>", () => {
    const media = fakeMedia(true);
    resetTheme();
    applyTheme("light");
    expect(document.documentElement.dataset.theme).toBe("light");
    applyTheme("dark");
    expect(document.documentElement.dataset.theme).toBe("dark");
    media.restore();
  });

  it("follows the system live when set to system", () => {
    const media = fakeMedia(false);
    resetTheme();
    applyTheme("system");
    expect(document.documentElement.dataset.theme).toBe("light");
    media.set(true);
    expect(document.documentElement.dataset.theme).toBe("dark");
    applyTheme("light");
    media.set(false);
    media.set(true);
    // An explicit choice is not overridden by the system.
    expect(document.documentElement.dataset.theme).toBe("light");
    media.restore();
  });
});
