import type { CachedPlan } from "../plan/types.ts";
import type { SlotCheck } from "../simplify/context.ts";
import { type Fingerprint, fingerprint } from "./fingerprint.ts";
import { matches, type Skeleton, skeletonOf } from "./skeleton.ts";

interface Entry {
  plan: CachedPlan;
  /** For each slot of the shape, the index of the leaf that holds its value. */
  slotLeaf: number[];
  checks: SlotCheck[];
}

/** Skeletons tried per (model, operation) before the fingerprint: the shapes an application repeats most are few. */
const MATCHERS_PER_PREFIX = 8;

/**
 * Fingerprint → plan, so a repeated call skips simplify as well as planning.
 * Values are read straight from the fingerprint's leaves and re-checked with
 * the same checks the simplify walk applied; any doubt falls back to the walk.
 *
 * The first shapes of each (model, operation) are also kept as skeletons
 * (skeleton.ts) and tried first: matching the arguments against them reads the
 * same leaves without building and hashing a key string, which measured about
 * a microsecond of a SQLite point read.
 */
export class ShapeCache {
  private readonly entries = new Map<string, Entry>();
  private readonly skeletons = new Map<string, { skeleton: Skeleton; entry: Entry }[]>();
  constructor(private readonly capacity: number) {}

  lookup(prefix: string, args: unknown): { plan: CachedPlan; values: unknown[] } | undefined {
    const known = this.skeletons.get(prefix);
    if (known) {
      for (const { skeleton, entry } of known) {
        const leaves: unknown[] = [];
        if (matches(skeleton, args, leaves)) return valuesOf(entry, leaves);
      }
    }
    const fp = fingerprint(args);
    if (!fp) return undefined;
    const entry = this.entries.get(prefix + fp.key);
    if (!entry) return undefined;
    return valuesOf(entry, fp.leaves);
  }

  /**
   * Registers a shape after a full simplify. Refused (the call keeps taking the
   * slow path) when a slot does not sit on a fingerprint leaf, or when a leaf
   * that decides the shape is not itself part of the fingerprint.
   */
  register(
    prefix: string,
    args: unknown,
    plan: CachedPlan,
    slotPaths: (string | number)[][],
    checks: SlotCheck[],
  ): void {
    const fp: Fingerprint | null = fingerprint(args, true);
    if (!fp) return;
    const leafAt = new Map(fp.paths.map((p, i) => [p, i]));
    const slotLeaf: number[] = [];
    for (const path of slotPaths) {
      const i = leafAt.get(path.join("\0"));
      if (i === undefined) return;
      slotLeaf.push(i);
    }
    const used = new Set(slotLeaf);
    for (let i = 0; i < fp.leaves.length; i++) if (!used.has(i) && !fp.covered[i]) return;
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const entry = { plan, slotLeaf, checks };
    this.entries.set(prefix + fp.key, entry);
    const known = this.skeletons.get(prefix) ?? [];
    const skeleton = known.length < MATCHERS_PER_PREFIX ? skeletonOf(args) : null;
    if (skeleton) this.skeletons.set(prefix, [...known, { skeleton, entry }]);
  }
}

/** The slot values of a matched shape from its leaves, each re-checked; undefined when one fails (the walk decides). */
function valuesOf(entry: Entry, leaves: readonly unknown[]): { plan: CachedPlan; values: unknown[] } | undefined {
  const n = entry.slotLeaf.length;
  const values = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    const v = leaves[entry.slotLeaf[i]!];
    if (!entry.checks[i]!(v)) return undefined;
    values[i] = v;
  }
  return { plan: entry.plan, values };
}
