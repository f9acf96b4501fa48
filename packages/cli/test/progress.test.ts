import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createProgress } from "../src/commands/progress.ts";

/** A stand-in for process.stderr: what was written, and whether it is a terminal of some width. */
function stream(isTTY: boolean, columns: number) {
  const writes: string[] = [];
  const fake = { isTTY, columns, write: (s: string) => writes.push(s) > 0 };
  return { stream: fake as unknown as NodeJS.WriteStream, text: () => writes.join("") };
}

describe("progress on stderr", () => {
  // Fake timers move Date.now() too, so the elapsed times are exact.
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());
  const advance = (ms: number) => vi.advanceTimersByTime(ms);

  it("on a terminal, a long step keeps showing how long it has run", () => {
    const out = stream(true, 80);
    const p = createProgress("statement 3/5: rebuild table users", { stream: out.stream });
    advance(4_000);
    expect(out.text()).toContain("statement 3/5: rebuild table users (4.0 s)");
    p.succeed("done");
    expect(out.text().endsWith("\r\x1b[2K\x1b[32m✔\x1b[39m done\n")).toBe(true);
  });

  it("off a terminal, a long step says it is still running, in plain text", () => {
    const out = stream(false, 0);
    const p = createProgress("rebuild table users", { stream: out.stream });
    advance(7_000);
    p.stop();
    expect(out.text()).toBe(
      "- rebuild table users\n  still running (3 s): rebuild table users\n  still running (6 s): rebuild table users\n",
    );
  });

  it("a terminal of 0 columns is treated as no terminal (nothing redrawn, no escape codes)", () => {
    const out = stream(true, 0);
    const p = createProgress("applying", { stream: out.stream });
    advance(1_000);
    p.text = "next";
    p.fail("failed");
    expect(out.text()).toBe("- applying\n- next\n✖ failed\n");
  });

  it("lines are cut to the terminal's width", () => {
    const out = stream(true, 20);
    createProgress("a very long step description indeed", { stream: out.stream }).stop();
    const drawn = out.text().split("\r\x1b[2K").filter(Boolean);
    expect(drawn[0]).toMatch(/…$/);
    const colours = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, "g");
    expect(drawn[0]!.replace(colours, "").length).toBeLessThanOrEqual(19);
  });
});
