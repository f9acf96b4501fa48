/**
 * The AWS SDK re-sends a request whose response it did not get. For a write
 * that is not idempotent (an increment, a conditional put or delete) the
 * first send may have been applied, so a re-send applies it twice, or fails
 * its own condition and reports an outcome that did not happen. Writes sent
 * through `sendOnce` are re-sent only when the first send certainly changed
 * nothing (throttling, a refused connection); otherwise the SDK's retry is
 * stopped and the driver reports the outcome as unknown.
 */

/** Stands in for the SDK's error so its retry strategy does not classify it as transient (no code, no status, no cause). */
export class ResponseLostError extends Error {
  override readonly name = "StrataResponseLost";
  constructor(readonly original: unknown) {
    super(`the response to a write was lost (${describe(original)})`);
  }
}

/** Failures before the request could reach DynamoDB: re-sending them is safe. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Whether the write may have been applied although its send failed: no response at all, or a server error (5xx). */
export function mayHaveApplied(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const e = err as Error & SdkErrorShape;
  if (e.name === "AbortError") return false;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500;
  return !(e.code !== undefined && NOT_SENT.has(e.code));
}

/** Runs inside the SDK's retry loop (the deserialize step), once per attempt. */
export function stopBlindResend<A, R>(next: (args: A) => Promise<R>): (args: A) => Promise<R> {
  return async (args) => {
    try {
      return await next(args);
    } catch (err) {
      if (err instanceof ResponseLostError || !mayHaveApplied(err)) throw err;
      throw new ResponseLostError(err);
    }
  };
}

/** Where `stopBlindResend` goes in a command's middleware stack: inside the retry loop, around the response parsing. */
export const SEND_ONCE = { step: "deserialize", priority: "high", name: "strataSendOnce", override: true } as const;

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & SdkErrorShape;
  return e.code ?? e.name;
}
