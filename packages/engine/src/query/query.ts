import type { Explain, QueryLike } from "../types/index.ts";

/**
 * A lazy query: nothing runs until it is awaited (or `.then` is called), and
 * it runs at most once. `.explain()` plans without running.
 */
export class Query<T> implements QueryLike<T> {
  private promise: Promise<T> | undefined;

  constructor(
    private readonly run: () => Promise<T>,
    private readonly plan: () => Promise<Explain>,
  ) {}

  // biome-ignore lint/suspicious/noThenProperty: a Query is deliberately a thenable.
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.promise ??= this.run();
    return this.promise.then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onFinally);
  }

  explain(): Promise<Explain> {
    return this.plan();
  }

  get [Symbol.toStringTag](): string {
    return "Query";
  }
}
