import type { Explain, QueryLike } from "../types/index.ts";

/** What runs and explains a query: the client that made it. */
export interface QueryRunner {
  run(model: string, op: string, args: unknown): Promise<unknown>;
  explain(model: string, op: string, args: unknown): Promise<Explain>;
}

/**
 * A lazy query: nothing runs until it is awaited (or `.then` is called), and
 * it runs at most once. `.explain()` plans without running. It holds its
 * arguments rather than closures over them: one object per call on the
 * hot path.
 */
export class Query<T> implements QueryLike<T> {
  private promise: Promise<T> | undefined;

  constructor(
    private readonly runner: QueryRunner,
    private readonly model: string,
    private readonly op: string,
    private readonly args: unknown,
  ) {}

  // biome-ignore lint/suspicious/noThenProperty: a Query is deliberately a thenable.
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.promise ??= this.runner.run(this.model, this.op, this.args) as Promise<T>;
    return this.promise.then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onFinally);
  }

  explain(): Promise<Explain> {
    return this.runner.explain(this.model, this.op, this.args);
  }

  get [Symbol.toStringTag](): string {
    return "Query";
  }
}
