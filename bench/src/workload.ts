import type { Task } from "./harness/measure.ts";

/** One workload on one backend: the raw-driver baseline first, then Strata and the peers. */
export interface Workload {
  id: string;
  title: string;
  goal: string;
  /** Name of the baseline task (always the raw driver). */
  baseline: string;
  tasks: Task[];
  /** Measuring time multiplier (slow workloads get more time so they collect enough batches). */
  weight?: number;
}

export interface Suite {
  backend: string;
  workloads: Workload[];
  /** Extra rows for the table that are not ratios of timed tasks (P5–P7). */
  extra?: () => Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}
