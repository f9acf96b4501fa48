/**
 * Progress on stderr. On a terminal that reports its width: one line redrawn
 * in place, with a spinner and the seconds the current step has taken. Off a
 * terminal (a pipe, CI, a terminal of 0 columns): a line when a step starts,
 * and a "still running" line every few seconds of a long step; no colour
 * codes. Silent with --json. Prompts pause it, so it never draws over a question.
 */
export interface Progress {
  /** Replaces the current step's text (a new step: its clock starts again). */
  set text(text: string);
  /** Ends the current step as done (printing `text` or its own), then goes on with `next`, if given. */
  succeed(text?: string, next?: string): void;
  /** Ends as failed. */
  fail(text: string): void;
  /** Ends without a final line. */
  stop(): void;
  /** Clears the line and stops drawing until `resume()` (for a question on the terminal). */
  pause(): void;
  resume(): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
/** Off a terminal, how often a long step says it is still running. */
const STILL_RUNNING_MS = 3_000;

export interface ProgressOptions {
  silent?: boolean;
  stream?: NodeJS.WriteStream;
  /** Clock, for tests. */
  now?: () => number;
}

export function createProgress(text: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  if (options.silent) return quiet();
  const columns = stream.isTTY ? (stream.columns ?? 0) : 0;
  const animated = stream.isTTY === true && columns > 0;
  const colour = animated && process.env.NO_COLOR === undefined;
  const paint = (code: number, s: string) => (colour ? `\x1b[${code}m${s}\x1b[39m` : s);
  let current = text;
  let started = now();
  let frame = 0;
  let paused = false;
  let lastNote = started;
  let ended = false;

  const seconds = () => (now() - started) / 1000;
  const fit = (line: string) => {
    const width = (stream.columns ?? columns) - 1;
    return width > 0 && line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line;
  };
  const draw = () => {
    if (paused || ended) return;
    if (animated) {
      const elapsed = seconds() >= 1 ? ` (${seconds().toFixed(1)} s)` : "";
      stream.write(`\r\x1b[2K${fit(`${paint(36, FRAMES[frame++ % FRAMES.length]!)} ${current}${elapsed}`)}`);
    } else if (now() - lastNote >= STILL_RUNNING_MS) {
      lastNote = now();
      stream.write(`  still running (${Math.round(seconds())} s): ${current}\n`);
    }
  };
  const clear = () => {
    if (animated) stream.write("\r\x1b[2K");
  };
  const begin = (next: string) => {
    current = next;
    started = now();
    lastNote = started;
    if (!animated && !paused) stream.write(`- ${next}\n`);
    draw();
  };
  const finish = (symbol: string, line: string | undefined) => {
    clear();
    if (line !== undefined) stream.write(`${symbol} ${line}\n`);
  };
  const timer = setInterval(draw, animated ? 100 : 500);
  timer.unref();
  begin(text);

  return {
    set text(next: string) {
      if (next !== current) begin(next);
    },
    succeed(line, next) {
      finish(paint(32, "✔"), line ?? current);
      if (next === undefined) end();
      else begin(next);
    },
    fail(line) {
      finish(paint(31, "✖"), line);
      end();
    },
    stop() {
      clear();
      end();
    },
    pause() {
      clear();
      paused = true;
    },
    resume() {
      paused = false;
      draw();
    },
  };

  function end(): void {
    ended = true;
    clearInterval(timer);
  }
}

function quiet(): Progress {
  return {
    set text(_: string) {},
    succeed() {},
    fail() {},
    stop() {},
    pause() {},
    resume() {},
  };
}
