// Small text helpers shared by the screens.

/** "A", "B", ... for 0, 1, ... */
export function letter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** A fraction as a whole percentage, or an em dash when there is none. */
export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return `${Math.round(value * 100)}%`;
}

/** Plural-aware count: plural(1, "day") = "1 day", plural(2, "day") = "2 days". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Markdown source reduced to a plain one-line snippet for lists. */
export function stripMarkdown(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, "")
    .replace(/(\*\*|__|\*|_|~~|`)/g, "")
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** How long an answer took: "8 s", "1 min 5 s". */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest ? `${m} min ${rest} s` : `${m} min`;
}

/** A stored instant (RFC 3339 or "YYYY-MM-DD HH:MM:SS") in local terms. */
export function dateTime(text: string): string {
  const d = new Date(text.includes("T") ? text : text.replace(" ", "T"));
  if (Number.isNaN(d.getTime())) return text;
  return d.toLocaleString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** Exam countdown wording from whole days. */
export function examCountdown(days: number): string {
  if (days > 1) return `${days} days to the exam`;
  if (days === 1) return "Exam tomorrow";
  if (days === 0) return "Exam today";
  return "Exam date has passed";
}

/** "in 10 minutes" from the backend's "10 minutes" (or as is if it has "in"). */
export function inWords(delay: string): string {
  const t = delay.trim();
  return /^in\b/i.test(t) ? t : `in ${t}`;
}
