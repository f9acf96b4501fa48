/**
 * A FIFO mutex over the one SQLite connection. A holder is either a reserved
 * Connection (until it closes) or a single driver-level call that had to wait.
 * Release hands the lock straight to the next waiter, so nobody can slip in between.
 */
export class SessionLock {
  private held = false;
  private readonly waiters: (() => void)[] = [];

  get isHeld(): boolean {
    return this.held;
  }

  /** Takes the lock now if it is free; otherwise false. */
  tryAcquire(): boolean {
    if (this.held) return false;
    this.held = true;
    return true;
  }

  acquire(): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.held = false;
  }

  /** Runs `fn` holding the lock until it has settled; synchronous work runs at once when the lock is free. */
  async run<T>(fn: () => T | Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}
