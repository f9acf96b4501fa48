import { isRetryable } from "./errors.ts";

export interface RetryPolicy {
  /** Total attempts including the first. Default 5. */
  attempts?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each new attempt with the error that caused it. */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

/**
 * Runs `fn` again when it throws a retryable StrataError, with exponential
 * backoff and full jitter. Non-retryable errors are rethrown at once; after the
 * last attempt the last error is rethrown with `attempts` set on it.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy = {}): Promise<T> {
  const attempts = policy.attempts ?? 5;
  const minDelay = policy.minDelayMs ?? 10;
  const maxDelay = policy.maxDelayMs ?? 1000;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new RangeError(`retry: attempts must be a whole number >= 1, got ${attempts}`);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (!isRetryable(err) || attempt >= attempts) {
        if (err instanceof Error && isRetryable(err)) Object.assign(err, { attempts: attempt });
        throw err;
      }
      const ceiling = Math.min(maxDelay, minDelay * 2 ** (attempt - 1));
      const delay = Math.random() * ceiling;
      policy.onRetry?.(err, attempt, delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
