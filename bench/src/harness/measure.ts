/**
 * Interleaved timing. Every task runs in short batches, one batch of each in
 * turn, so a noisy moment on the machine lands on all tasks alike instead of
 * on whichever task happened to run then. Each batch gives one ns/op sample;
 * a task's figure is the median of its samples.
 */
export interface Task {
  name: string;
  /** One operation; a returned promise is awaited. */
  fn: () => unknown;
}

export interface Measured {
  name: string;
  /** Median ns per operation over the batches. */
  medianNs: number;
  samples: number;
  ops: number;
}

export interface MeasureOptions {
  /** Total measuring time for all tasks together (after warm-up). */
  timeMs: number;
  /** Target duration of one batch. */
  batchMs?: number;
  /** Warm-up time per task. */
  warmupMs?: number;
}

type Runner = (iterations: number) => Promise<number>;

/** A runner that times `iterations` calls; async tasks are awaited one by one, sync ones are not. */
async function runnerFor(task: Task): Promise<Runner> {
  const first = task.fn();
  const isAsync = first instanceof Promise || (typeof first === "object" && first !== null && "then" in first);
  if (isAsync) await first;
  const { fn } = task;
  if (isAsync) {
    return async (n) => {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) await fn();
      return Number(process.hrtime.bigint() - t0);
    };
  }
  return async (n) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    return Number(process.hrtime.bigint() - t0);
  };
}

/** Iterations that take about `ms` (at least 1). */
async function calibrate(run: Runner, ms: number): Promise<number> {
  let n = 1;
  for (;;) {
    const ns = await run(n);
    if (ns >= ms * 1e6 || n >= 1 << 24) return n;
    if (ns < ms * 1e5) n *= 10;
    else return Math.max(1, Math.round((n * ms * 1e6) / ns));
  }
}

export async function measure(tasks: readonly Task[], options: MeasureOptions): Promise<Measured[]> {
  const batchMs = options.batchMs ?? 20;
  const warmupMs = options.warmupMs ?? Math.min(300, options.timeMs / 4);
  const runners: Runner[] = [];
  const sizes: number[] = [];
  for (const task of tasks) {
    const run = await runnerFor(task);
    const until = performance.now() + warmupMs;
    while (performance.now() < until) await run(await calibrate(run, Math.min(batchMs, warmupMs)));
    runners.push(run);
    sizes.push(await calibrate(run, batchMs));
  }
  const samples: number[][] = tasks.map(() => []);
  const ops = tasks.map(() => 0);
  const end = performance.now() + options.timeMs;
  let round = 0;
  while (performance.now() < end || samples[0]!.length < 5) {
    // Rotate the order each round, so no task always runs right after the same one.
    for (let k = 0; k < tasks.length; k++) {
      const i = (k + round) % tasks.length;
      const n = sizes[i]!;
      samples[i]!.push((await runners[i]!(n)) / n);
      ops[i]! += n;
    }
    round++;
  }
  return tasks.map((t, i) => ({
    name: t.name,
    medianNs: median(samples[i]!),
    samples: samples[i]!.length,
    ops: ops[i]!,
  }));
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
