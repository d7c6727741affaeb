import { describe, expect, it } from "vitest";
import { duration, examCountdown, inWords, letter, percent, stripMarkdown } from "./format";

describe("format", () => {
  it("strips Markdown to a plain snippet", () => {
    expect(stripMarkdown("Under **HIPAA**, which [form](https://x.org) is `needed`?\n\n- item")).toBe(
      "Under HIPAA, which form is needed? item",
    );
    expect(stripMarkdown("# Title\n> quoted _word_ <b>bold</b>")).toBe("Title quoted word bold");
  });

  it("words counts and times", () => {
    expect(letter(0)).toBe("A");
    expect(letter(7)).toBe("H");
    expect(percent(null)).toBe("—");
    expect(percent(0.875)).toBe("88%");
    expect(duration(12400)).toBe("12 s");
    expect(duration(65000)).toBe("1 min 5 s");
    expect(duration(120000)).toBe("2 min");
    expect(inWords("10 minutes")).toBe("in 10 minutes");
    expect(inWords("in 3 days")).toBe("in 3 days");
    expect(examCountdown(21)).toBe("21 days to the exam");
    expect(examCountdown(1)).toBe("Exam tomorrow");
    expect(examCountdown(0)).toBe("Exam today");
    expect(examCountdown(-2)).toBe("Exam date has passed");
  });
});
