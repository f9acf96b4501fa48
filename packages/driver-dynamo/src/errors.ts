import { CancelledError, ConnectionLostError, DriverError, SerializationFailureError, StrataError } from "@strata/core";
import { ResponseLostError } from "./send/send-once.ts";

const THROTTLING = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "Throttling",
  "RequestLimitExceeded",
  // The code inside TransactionCanceledException reasons.
  "ThrottlingError",
  "ProvisionedThroughputExceeded",
]);

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ECONNABORTED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** Network failures before a request could reach DynamoDB. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** One entry of TransactionCanceledException.CancellationReasons. */
export interface CancellationReason {
  Code?: string | undefined;
  Message?: string | undefined;
  Item?: unknown;
}

export function awsErrorName(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}

export function cancellationReasons(err: unknown): CancellationReason[] {
  if (!(err instanceof Error) || !("CancellationReasons" in err) || !Array.isArray(err.CancellationReasons)) return [];
  return err.CancellationReasons;
}

function networkCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if ("code" in e && typeof e.code === "string" && NETWORK_CODES.has(e.code)) return e.code;
  }
  return undefined;
}

/** What a request was doing, for messages (table names, never values). */
export type ErrorContext = string;

/** Maps an AWS SDK error to the Strata error family (ARCHITECTURE.md, error classification). */
export function classifyDynamoError(err: unknown, context: ErrorContext): StrataError {
  if (err instanceof StrataError) return err;
  const name = awsErrorName(err) ?? "Error";
  const message = err instanceof Error ? err.message : String(err);
  const options = { cause: err, backendCode: name };
  if (name === "TransactionConflictException" || name === "TransactionInProgressException") {
    return new SerializationFailureError(
      `${context}: a concurrent DynamoDB transaction conflicted (${name}); retry the unit`,
      options,
    );
  }
  const reasons = cancellationReasons(err);
  if (reasons.some((r) => r.Code === "TransactionConflict")) {
    return new SerializationFailureError(
      `${context}: the DynamoDB transaction was cancelled by a conflicting transaction (TransactionConflict); retry the unit`,
      options,
    );
  }
  if (THROTTLING.has(name) || reasons.some((r) => r.Code !== undefined && THROTTLING.has(r.Code))) {
    return new DriverError(`${context}: DynamoDB throttled the request (${name}); retry later or raise capacity`, {
      ...options,
      retryable: true,
    });
  }
  if (err instanceof ResponseLostError) {
    return new ConnectionLostError(`${context}: ${err.message}; it may or may not have been applied`, {
      cause: err.original,
      backendCode: networkCode(err.original) ?? awsErrorName(err.original),
      requestSent: true,
    });
  }
  const network = networkCode(err);
  if (network !== undefined || name === "TimeoutError") {
    return new ConnectionLostError(`${context}: lost the connection to DynamoDB (${network ?? name}): ${message}`, {
      ...options,
      backendCode: network ?? name,
      requestSent: network === undefined || !NOT_SENT_CODES.has(network),
    });
  }
  if (name === "AbortError") return new CancelledError(`${context}: the request was aborted`, options);
  return new DriverError(`${context}: DynamoDB ${name}: ${message}`, options);
}
