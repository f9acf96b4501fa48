import { isRetryable, ValidationError, type ValidationIssue } from "./errors.ts";

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
export async function retry<T>(fn: (attempt: number) => PromiseLike<T>, policy: RetryPolicy = {}): Promise<T> {
  const issues = retryPolicyIssues(policy, []);
  if (issues.length > 0) throw new ValidationError(issues, "retry");
  const attempts = policy.attempts ?? 5;
  const minDelay = policy.minDelayMs ?? 10;
  const maxDelay = policy.maxDelayMs ?? 1000;
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

/** The longest delay a timer can wait (setTimeout's limit, about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** What is wrong with a retry policy, as validation issues under `path` (none when it is good). */
export function retryPolicyIssues(policy: unknown, path: (string | number)[]): ValidationIssue[] {
  if (policy === null || typeof policy !== "object" || Array.isArray(policy)) {
    return [{ path, message: `expected an object like { attempts: 5 }, got ${describeValue(policy)}` }];
  }
  const p = policy as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const { attempts, minDelayMs, maxDelayMs, onRetry } = p;
  if (attempts !== undefined && !(Number.isSafeInteger(attempts) && (attempts as number) >= 1)) {
    issues.push({
      path: [...path, "attempts"],
      message: `expected a whole number >= 1, got ${describeValue(attempts)}`,
    });
  }
  for (const [key, value] of [
    ["minDelayMs", minDelayMs],
    ["maxDelayMs", maxDelayMs],
  ] as const) {
    if (value !== undefined && !(typeof value === "number" && value >= 0 && value <= MAX_TIMER_MS)) {
      issues.push({
        path: [...path, key],
        message: `expected a number of milliseconds from 0 to ${MAX_TIMER_MS}, got ${describeValue(value)}`,
      });
    }
  }
  if (onRetry !== undefined && typeof onRetry !== "function") {
    issues.push({ path: [...path, "onRetry"], message: `expected a function, got ${describeValue(onRetry)}` });
  }
  return issues;
}

/** A value as a message shows it: numbers and strings as written, anything else by its type. */
export function describeValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) {
    return String(value);
  }
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "bigint") return `${value}n`;
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? `an object (${value.constructor?.name ?? "no prototype"})` : typeof value;
}
