// Light, dark, or whatever the system says (followed live). The choice is
// written to <html data-theme="light|dark">; app.css does the rest.

export type ThemeChoice = "light" | "dark" | "system";

const query = "(prefers-color-scheme: dark)";
let current: ThemeChoice = "system";
let media: MediaQueryList | null = null;

function systemPrefersDark(): boolean {
  return media?.matches ?? false;
}

function onSystemChange() {
  if (current === "system") paint();
}

function paint() {
  const dark = current === "dark" || (current === "system" && systemPrefersDark());
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}

/** Anything but "light" or "dark" means "system". */
export function normaliseTheme(value: string | null | undefined): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

export function applyTheme(choice: string | null | undefined) {
  current = normaliseTheme(choice);
  if (!media && typeof window.matchMedia === "function") {
    media = window.matchMedia(query);
    media.addEventListener?.("change", onSystemChange);
  }
  paint();
}

/** For tests: forget the media query so a new matchMedia stub is used. */
export function resetTheme() {
  media?.removeEventListener?.("change", onSystemChange);
  media = null;
  current = "system";
}
