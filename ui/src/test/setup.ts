// Vitest set-up: jest-dom matchers, a stand-in Tauri backend per test, and
// the browser APIs jsdom lacks.
import "@testing-library/jest-dom/vitest";
import { afterEach, beforeEach, vi } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { clearError } from "../lib/notices.svelte";
import { resetTheme } from "../lib/theme";

declare global {
  interface Window {
    __TAURI_INTERNALS__: Record<string, unknown>;
  }
}

beforeEach(() => {
  // The mocks module fills this object in; it must exist as an object.
  window.__TAURI_INTERNALS__ = window.__TAURI_INTERNALS__ ?? {};
  if (!window.matchMedia) {
    window.matchMedia = vi.fn().mockImplementation((query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: vi.fn(),
      removeEventListener: vi.fn(),
      addListener: vi.fn(),
      removeListener: vi.fn(),
      dispatchEvent: vi.fn(),
    }));
  }
  Element.prototype.scrollIntoView ??= vi.fn();
});

afterEach(() => {
  clearMocks();
  clearError();
  resetTheme();
  delete document.documentElement.dataset.theme;
});
