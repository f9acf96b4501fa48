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

export class ConnectionLostError extends StrataError {
  override readonly code = "CONNECTION_LOST";
  constructor(message: string, options: StrataErrorOptions = {}) {
    super(message, { retryable: true, ...options });
  }
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
