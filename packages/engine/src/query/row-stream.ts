import { CancelledError, type Row } from "@strata/core";

/** Where a stream reports that it holds a backend session, and how long it may sit without a `next()` call. */
export interface StreamLife {
  readonly idleTimeoutMs: number;
  opened(stream: RowStream): void;
  closed(stream: RowStream): void;
}

/**
 * What `delegate.stream()` returns: rows one by one over a source of pages.
 * Hand-written rather than an async generator: handing out a row already in
 * memory is one resolved promise, with no generator to resume (measured about
 * 3–4× cheaper per row than `yield*` over the page). The page source starts on
 * the first `next()`, so argument errors surface there, as they would from a
 * generator; `return()` (a `break`) closes the source, which ends the backend
 * cursor. With a signal, every row checks it: an abort stops the rows still
 * in hand, not only the next page. A stream nobody calls `next()` on for a
 * whole `idleTimeoutMs` interval (abandoned without `break`) is closed, so
 * its pooled connection goes back: it is released within two intervals of
 * the last call, and `db.close()` closes every stream still open.
 */
export class RowStream implements AsyncIterableIterator<Row> {
  private source: AsyncIterator<Row[]> | undefined;
  private page: Row[] = [];
  private at = 0;
  private finished = false;
  /** The page being fetched: a `next()` that arrives meanwhile waits for it (calls are served in order). */
  private fetching: Promise<unknown> | undefined;
  /** `next()` calls so far; the idle check compares it between two ticks (no timer work per row). */
  private calls = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Set when the stream was closed for being idle: later calls say so. */
  private closedIdle = false;

  constructor(
    private readonly pages: () => AsyncIterator<Row[]>,
    private readonly signal: AbortSignal | undefined,
    private readonly label: string,
    private readonly life: StreamLife,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<Row>> {
    this.calls++;
    if (this.signal?.aborted && !this.finished) return this.abort();
    if (this.at < this.page.length) return Promise.resolve({ value: this.page[this.at++]!, done: false });
    if (this.fetching) return this.fetching.then(() => this.next());
    if (this.closedIdle) return Promise.reject(this.idleError());
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    if (!this.source) this.start();
    const fetched = this.source!.next().then(
      (r) => {
        this.fetching = undefined;
        if (r.done) this.finish();
        else {
          this.page = r.value;
          this.at = 0;
        }
      },
      (err: unknown) => {
        this.fetching = undefined;
        this.finish();
        throw err;
      },
    );
    // Followers wait for the page, not for its error: the error goes to the call that fetched.
    this.fetching = fetched.catch(() => undefined);
    return fetched.then(() => this.next());
  }

  async return(): Promise<IteratorResult<Row>> {
    this.finish();
    this.page = [];
    await this.source?.return?.();
    return { value: undefined, done: true };
  }

  /** The source holds a backend session from here on: the stream is registered (db.close ends it) and watched for idleness. */
  private start(): void {
    this.source = this.pages();
    this.life.opened(this);
    const idle = this.life.idleTimeoutMs;
    let seen = this.calls;
    this.idleTimer = setInterval(() => {
      if (this.calls !== seen || this.fetching) {
        seen = this.calls;
        return;
      }
      // A whole interval without a next() call: the consumer dropped the stream, or holds it far too long.
      this.closedIdle = true;
      void this.return().catch(() => undefined);
    }, idle);
    // An abandoned stream must not keep the process alive.
    this.idleTimer.unref();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    clearInterval(this.idleTimer);
    this.life.closed(this);
  }

  private idleError(): CancelledError {
    return new CancelledError(
      `${this.label} was closed because no next() call came for ${this.life.idleTimeoutMs} ms (idleTimeoutMs), and its connection went back to the pool. Consume a stream steadily, or raise idleTimeoutMs.`,
    );
  }

  private async abort(): Promise<IteratorResult<Row>> {
    await this.return();
    throw new CancelledError(`${this.label} was cancelled by its AbortSignal`, { cause: this.signal?.reason });
  }
}
