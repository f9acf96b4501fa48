import { CancelledError, type Row } from "@strata/core";

/**
 * What `delegate.stream()` returns: rows one by one over a source of pages.
 * Hand-written rather than an async generator: handing out a row already in
 * memory is one resolved promise, with no generator to resume (measured about
 * 3–4× cheaper per row than `yield*` over the page). The page source starts on
 * the first `next()`, so argument errors surface there, as they would from a
 * generator; `return()` (a `break`) closes the source, which ends the backend
 * cursor. With a signal, every row checks it: an abort stops the rows still
 * in hand, not only the next page.
 */
export class RowStream implements AsyncIterableIterator<Row> {
  private source: AsyncIterator<Row[]> | undefined;
  private page: Row[] = [];
  private at = 0;
  private finished = false;
  /** The page being fetched: a `next()` that arrives meanwhile waits for it (calls are served in order). */
  private fetching: Promise<unknown> | undefined;

  constructor(
    private readonly pages: () => AsyncIterator<Row[]>,
    private readonly signal: AbortSignal | undefined,
    private readonly label: string,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<Row>> {
    if (this.signal?.aborted && !this.finished) return this.abort();
    if (this.at < this.page.length) return Promise.resolve({ value: this.page[this.at++]!, done: false });
    if (this.fetching) return this.fetching.then(() => this.next());
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    this.source ??= this.pages();
    const fetched = this.source.next().then(
      (r) => {
        this.fetching = undefined;
        if (r.done) this.finished = true;
        else {
          this.page = r.value;
          this.at = 0;
        }
      },
      (err: unknown) => {
        this.fetching = undefined;
        this.finished = true;
        throw err;
      },
    );
    // Followers wait for the page, not for its error: the error goes to the call that fetched.
    this.fetching = fetched.catch(() => undefined);
    return fetched.then(() => this.next());
  }

  async return(): Promise<IteratorResult<Row>> {
    this.finished = true;
    this.page = [];
    await this.source?.return?.();
    return { value: undefined, done: true };
  }

  private async abort(): Promise<IteratorResult<Row>> {
    await this.return();
    throw new CancelledError(`${this.label} was cancelled by its AbortSignal`, { cause: this.signal?.reason });
  }
}
