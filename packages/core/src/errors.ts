/**
 * The one error family of Strata. Every error a user sees extends StrataError;
 * drivers classify backend errors into these classes (ARCHITECTURE.md table).
 */
export interface StrataErrorOptions {
  cause?: unknown;
  /** The backend's own code: SQLSTATE, errno, SQLite code or AWS error name. */
  backendCode?: string | number;
  retryable?: boolean;
}

export class StrataError extends Error {
  readonly code: string = "STRATA_ERROR";
  readonly retryable: boolean;
  readonly backendCode: string | number | undefined;

  constructor(message: string, options: StrataErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retryable = options.retryable ?? false;
    this.backendCode = options.backendCode;
  }
}

/** A concurrent transaction conflicted (serialization failure, deadlock, busy). Retry the whole unit. */
export class SerializationFailureError extends StrataError {
  override readonly code = "SERIALIZATION_FAILURE";
  constructor(message: string, options: StrataErrorOptions = {}) {
    super(message, { retryable: true, ...options });
  }
}

export class ReadOnlyTransactionError extends StrataError {
  override readonly code = "READ_ONLY_TRANSACTION";
}

export interface ConnectionLostOptions extends StrataErrorOptions {
  /**
   * Whether the request may have reached the server (default true, the safe
   * assumption). Drivers pass false only when they know it was never sent
   * (no connection could be had, or the socket was already dead).
   */
  requestSent?: boolean;
}

/**
 * The connection died. Retryable where nothing can have been applied: the
 * request never left, it was a read, or it was inside a transaction that the
 * server rolls back with the lost session. Where a write or COMMIT may have
 * reached the server, the engine reports TransactionOutcomeUnknownError instead.
 */
export class ConnectionLostError extends StrataError {
  override readonly code = "CONNECTION_LOST";
  readonly requestSent: boolean;
  constructor(message: string, options: ConnectionLostOptions = {}) {
    const { requestSent = true, ...rest } = options;
    super(message, { retryable: true, ...rest });
    this.requestSent = requestSent;
  }
}

/**
 * The connection died after a write or COMMIT was sent: it may or may not
 * have been applied. Never retryable: running the work again could apply it
 * twice. Check the data (or use an idempotency key) before repeating it.
 */
export class TransactionOutcomeUnknownError extends StrataError {
  override readonly code = "TRANSACTION_OUTCOME_UNKNOWN";
  constructor(message: string, options: StrataErrorOptions = {}) {
    super(message, { ...options, retryable: false });
  }
}

/**
 * A statement inside the transaction failed earlier (its error is `cause`), so
 * the transaction is doomed: this call, and the commit, did nothing, and the
 * transaction is rolled back. Retryable exactly when its cause is. Contain an
 * expected failure in a nested `tx.transaction(...)` (a savepoint).
 */
export class TransactionAbortedError extends StrataError {
  override readonly code = "TRANSACTION_ABORTED";
  constructor(message: string, cause: unknown) {
    super(message, { cause, retryable: isRetryable(cause), backendCode: backendCodeOf(cause) });
  }
}

/** The transaction ran past its `timeoutMs`: its running statement was cancelled and everything was rolled back. */
export class TransactionTimeoutError extends StrataError {
  override readonly code = "TRANSACTION_TIMEOUT";
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number) {
    super(message);
    this.timeoutMs = timeoutMs;
  }
}

/** A call on a transaction that has finished (or is finishing): it did nothing. */
export class TransactionClosedError extends StrataError {
  override readonly code = "TRANSACTION_CLOSED";
}

function backendCodeOf(err: unknown): string | number | undefined {
  return err instanceof StrataError ? err.backendCode : undefined;
}

export interface ConstraintTarget {
  /** Table and columns as the backend reported them. */
  table?: string | undefined;
  columns?: readonly string[] | undefined;
  /** Model and fields, resolved by the engine through the schema mapping. */
  model?: string | undefined;
  fields?: readonly string[] | undefined;
}

export class UniqueViolationError extends StrataError {
  override readonly code = "UNIQUE_VIOLATION";
  table: string | undefined;
  columns: readonly string[];
  model: string | undefined;
  fields: readonly string[];
  constructor(message: string, target: ConstraintTarget, options: StrataErrorOptions = {}) {
    super(message, options);
    this.table = target.table;
    this.columns = target.columns ?? [];
    this.model = target.model;
    this.fields = target.fields ?? [];
  }
}

export class ForeignKeyViolationError extends StrataError {
  override readonly code = "FOREIGN_KEY_VIOLATION";
  table: string | undefined;
  model: string | undefined;
  constructor(message: string, target: ConstraintTarget = {}, options: StrataErrorOptions = {}) {
    super(message, options);
    this.table = target.table;
    this.model = target.model;
  }
}

export class NotFoundError extends StrataError {
  override readonly code = "NOT_FOUND";
  readonly model: string;
  constructor(model: string, message = `No ${model} record matched the query.`) {
    super(message);
    this.model = model;
  }
}

/**
 * An update's arithmetic (increment, decrement, multiply, divide) would leave
 * a value its field cannot hold: an int past 32 bits, a bigint past 64 bits, a
 * number past the largest double. Nothing was written; the value that was
 * there stays. Not retryable: the same update on the same value fails again.
 */
export class ArithmeticError extends StrataError {
  override readonly code = "ARITHMETIC";
  /** Table and column as the backend reported them, when it did. */
  table: string | undefined;
  column: string | undefined;
  /** Model and field, named by the engine through the schema mapping. */
  model: string | undefined;
  field: string | undefined;
  constructor(message: string, target: ArithmeticTarget = {}, options: StrataErrorOptions = {}) {
    super(message, options);
    this.table = target.table;
    this.column = target.column;
    this.model = target.model;
    this.field = target.field;
  }
}

export interface ArithmeticTarget {
  table?: string | undefined;
  column?: string | undefined;
  model?: string | undefined;
  field?: string | undefined;
}

/** One problem with user input; the same shape as a zod issue. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
  code?: string;
}

/** Bad input, thrown before any I/O. */
export class ValidationError extends StrataError {
  override readonly code = "VALIDATION";
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[], context?: string) {
    const lines = issues.map((i) => `  - ${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`);
    super(`${context ? `${context}: ` : ""}invalid input\n${lines.join("\n")}`);
    this.issues = issues;
  }
}

/** The backend lacks a capability the query needs; the message says what to do instead. */
export class UnsupportedError extends StrataError {
  override readonly code = "UNSUPPORTED";
  readonly capability: string;
  constructor(capability: string, message: string) {
    super(message);
    this.capability = capability;
  }
}

export class CancelledError extends StrataError {
  override readonly code = "CANCELLED";
}

/** Any other backend error; the original is kept as `cause`. */
export class DriverError extends StrataError {
  override readonly code = "DRIVER_ERROR";
}

export function isRetryable(err: unknown): boolean {
  return err instanceof StrataError && err.retryable;
}
