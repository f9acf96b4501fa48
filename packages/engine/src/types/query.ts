/** The plan of a query, without running it. */
export interface Explain {
  /** The operations in the order they run, each with its SQL text or request shape. */
  operations: { kind: string; text: string }[];
  /** Whether the plan came from the plan cache. */
  cacheHit: boolean;
  /** All operations as one readable text. */
  text: string;
}

/** What every query method returns: awaiting runs it, `explain()` shows the plan. */
export interface QueryLike<T> extends PromiseLike<T> {
  explain(): Promise<Explain>;
}
