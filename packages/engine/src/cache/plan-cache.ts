import type { CachedPlan } from "../plan/types.ts";

/**
 * Plans keyed by query shape (never by values). Bounded; the least recently
 * used shape is dropped first. A hit skips the lower and plan phases and hands
 * the driver the same statement objects, so its prepared statements are reused.
 */
export class PlanCache {
  private readonly plans = new Map<string, CachedPlan>();
  hits = 0;
  misses = 0;
  constructor(private readonly capacity = 1000) {}

  get(key: string): CachedPlan | undefined {
    const plan = this.plans.get(key);
    if (plan === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Re-insert to mark as recently used (Map keeps insertion order).
    this.plans.delete(key);
    this.plans.set(key, plan);
    return plan;
  }

  has(key: string): boolean {
    return this.plans.has(key);
  }

  set(key: string, plan: CachedPlan): void {
    if (this.plans.size >= this.capacity) {
      const oldest = this.plans.keys().next().value;
      if (oldest !== undefined) this.plans.delete(oldest);
    }
    this.plans.set(key, plan);
  }

  get size(): number {
    return this.plans.size;
  }
}
