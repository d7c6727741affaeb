// App-wide messages: the last command error (shown as a toast that stays
// until dismissed or replaced) and a short-lived status line.

import { normaliseError } from "../ipc";

export const notices = $state({
  error: null as string | null,
});

/** Show a command error's message. Returns the message for inline use. */
export function showError(e: unknown): string {
  const message = normaliseError(e).message;
  notices.error = message;
  return message;
}

export function clearError() {
  notices.error = null;
}
