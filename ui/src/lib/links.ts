// Rendered Markdown may contain links. The window must never navigate away
// from the app, so a click on one is cancelled; its address is shown as the
// link's title (hover) instead.

/** Give every link under `root` its address as a tooltip. */
export function titleLinks(root: HTMLElement) {
  for (const a of root.querySelectorAll("a[href]")) {
    const href = a.getAttribute("href") ?? "";
    if (!a.getAttribute("title")) a.setAttribute("title", href);
    a.setAttribute("rel", "noreferrer");
  }
}

/** Click/auxclick handler: cancel any activation of a link inside content. */
export function swallowLinkClick(event: MouseEvent) {
  const target = event.target as Element | null;
  const link = target?.closest?.("a[href]");
  if (link) event.preventDefault();
}
