import {
  ArithmeticError,
  CancelledError,
  ConnectionLostError,
  DriverError,
  ForeignKeyViolationError,
  ReadOnlyTransactionError,
  SerializationFailureError,
  StrataError,
  UniqueViolationError,
} from "@strata/core";

/** What the failing operation was about, for messages (never parameter values). */
export interface PgErrorContext {
  table?: string | undefined;
  /** Columns of the violated unique constraint, when already resolved from the catalog. */
  uniqueColumns?: readonly string[] | undefined;
  /** Texts that must never appear in a message (the passwords). */
  secrets?: readonly string[] | undefined;
}

const CONNECTION_CODES = new Set(["ECONNRESET", "EPIPE", "57P01", "57P02", "57P03"]);
const CONNECTION_MESSAGES =
  /connection terminated|terminating connection|connection ended|not queryable|ended unexpectedly/i;

interface PgErrorFields {
  code?: string | undefined;
  table?: string | undefined;
  constraint?: string | undefined;
  detail?: string | undefined;
}

export function pgFields(err: unknown): PgErrorFields {
  if (!(err instanceof Error)) return {};
  const pick = (key: string): string | undefined => {
    const value: unknown = Reflect.get(err, key);
    return typeof value === "string" ? value : undefined;
  };
  return { code: pick("code"), table: pick("table"), constraint: pick("constraint"), detail: pick("detail") };
}

/** Whether the error means the connection itself is gone (and must leave the pool). */
export function isConnectionFault(err: unknown): boolean {
  if (err instanceof ConnectionLostError) return true;
  const { code } = pgFields(err);
  if (code !== undefined && CONNECTION_CODES.has(code)) return true;
  return err instanceof Error && code === undefined && CONNECTION_MESSAGES.test(err.message);
}

/** Maps a pg error to the Strata error family (ARCHITECTURE.md, error classification). */
export function classifyPostgresError(err: unknown, context: PgErrorContext = {}): StrataError {
  if (err instanceof StrataError) return err;
  const { code, table, constraint, detail } = pgFields(err);
  const raw = redact(err instanceof Error ? err.message : String(err), context.secrets);
  const options = { cause: err, backendCode: code };
  if (code === "40001" || code === "40P01") {
    const what = code === "40P01" ? "deadlock detected" : "could not serialize access";
    return new SerializationFailureError(`PostgreSQL ${what} (${code}); retry the transaction`, options);
  }
  if (code === "25006") return new ReadOnlyTransactionError("Write attempted in a read-only transaction", options);
  if (code === "23505") {
    const columns = context.uniqueColumns ?? columnsFromDetail(detail);
    const target = table ?? context.table;
    const name = constraint ? ` ${constraint}` : "";
    const where = target ? ` on ${target} (${columns.join(", ")})` : "";
    return new UniqueViolationError(`Unique constraint${name} violated${where}`, { table: target, columns }, options);
  }
  if (code === "23503") {
    const target = table ?? context.table;
    const where = target ? ` on ${target}${constraint ? ` (${constraint})` : ""}` : "";
    return new ForeignKeyViolationError(`Foreign key constraint violated${where}`, { table: target }, options);
  }
  if (code === "22003") {
    // "integer out of range", "bigint out of range", "value out of range: overflow": no value repeated.
    return new ArithmeticError(`PostgreSQL: ${raw} (22003)`, { table: table ?? context.table }, options);
  }
  if (code === "57014") return new CancelledError(`PostgreSQL cancelled the statement: ${raw}`, options);
  if (isConnectionFault(err)) {
    // pg refuses a query on a client whose connection already failed: that one never left.
    const requestSent = !(err instanceof Error && /not queryable/i.test(err.message));
    return new ConnectionLostError(`The PostgreSQL connection was lost (${code ?? "end of stream"}): ${raw}`, {
      ...options,
      requestSent,
    });
  }
  if (code === "53300")
    return new DriverError(`PostgreSQL has too many connections: ${raw}`, { ...options, retryable: true });
  return new DriverError(code ? `PostgreSQL error ${code}: ${raw}` : `PostgreSQL driver error: ${raw}`, options);
}

const CONNECT_FAULTS = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);

/** A failure to get a connection at all; the message names the server by its masked URL. */
export function classifyConnectError(err: unknown, maskedUrl: string, secrets?: readonly string[]): StrataError {
  if (err instanceof StrataError) return err;
  const { code } = pgFields(err);
  const raw = redact(err instanceof Error ? err.message : String(err), secrets);
  const options = { cause: err, backendCode: code };
  if (/timeout exceeded when trying to connect/i.test(raw)) {
    return new DriverError(`No PostgreSQL connection became free within acquireTimeoutMs (${maskedUrl})`, {
      ...options,
      retryable: true,
    });
  }
  if ((code !== undefined && CONNECT_FAULTS.has(code)) || isConnectionFault(err) || /timeout/i.test(raw)) {
    return new ConnectionLostError(`Could not connect to PostgreSQL at ${maskedUrl}: ${raw}`, {
      ...options,
      requestSent: false,
    });
  }
  const classified = classifyPostgresError(err, { secrets });
  if (classified instanceof DriverError) {
    return new DriverError(`Could not connect to PostgreSQL at ${maskedUrl}: ${raw}`, {
      ...options,
      retryable: classified.retryable,
    });
  }
  return classified;
}

/** "Key (email, name)=(...) already exists." → ["email", "name"]; the values are never kept. */
export function columnsFromDetail(detail: string | undefined): string[] {
  const match = detail === undefined ? null : /^Key \((.+?)\)=\(/.exec(detail);
  if (!match?.[1]) return [];
  return match[1].split(", ").map((c) => (c.startsWith('"') ? c.slice(1, -1).replaceAll('""', '"') : c));
}

function redact(message: string, secrets: readonly string[] | undefined): string {
  let out = message;
  for (const secret of secrets ?? []) out = out.replaceAll(secret, "***");
  return out;
}
