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
export interface ErrorContext {
  /** The table the operation wrote or read. */
  table?: string | undefined;
  /** The server's URL with the password masked. */
  server?: string | undefined;
}

/** The fields of a mysql2 error that classification reads. */
interface MysqlErrorShape {
  code?: string;
  errno?: number;
  sqlState?: string;
  sqlMessage?: string;
  message: string;
  fatal?: boolean;
}

const CONNECTION_CODES = new Set([
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ECONNREFUSED",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
/** Server shutdown, server gone away, lost during query, connection killed (MariaDB), idle disconnect (MySQL 8). */
const CONNECTION_ERRNOS = new Set([1053, 2006, 2013, 1927, 4031]);
/** Errors whose server message repeats a value from the statement; their text is left out of our message. */
const VALUE_ECHOING_ERRNOS = new Set([1062, 1264, 1265, 1292, 1366, 1406, 1411]);

function shape(err: unknown): MysqlErrorShape | undefined {
  return err instanceof Error ? (err as Error & MysqlErrorShape) : undefined;
}

/** Whether the error means the connection is unusable (it must be destroyed, not returned to the pool). */
export function isConnectionFault(err: unknown): boolean {
  if (err instanceof ConnectionLostError) return true;
  const e = shape(err);
  if (!e) return false;
  if (e.errno !== undefined && CONNECTION_ERRNOS.has(e.errno)) return true;
  if (e.code !== undefined && CONNECTION_CODES.has(e.code)) return true;
  // mysql2 marks errors after which the socket is gone as fatal ("connection is in closed state").
  return e.fatal === true && (e.errno === undefined || e.errno < 0);
}

/** Codes of a connection that could not be opened at all. */
const CONNECT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);

/** The command never reached the server: no connection could be opened, or the socket was already closed. */
function neverSent(e: MysqlErrorShape | undefined): boolean {
  if (!e) return false;
  if (e.code !== undefined && CONNECT_CODES.has(e.code)) return true;
  return /connection is in closed state/i.test(e.message);
}

/**
 * Server errors after which the server closes the connection (aborted
 * connection, packet too large, network read/write errors: 1152–1161, 1184).
 */
const CONNECTION_CLOSING_ERRNOS = new Set([1152, 1153, 1154, 1155, 1156, 1157, 1158, 1159, 1160, 1161, 1184]);

/**
 * Whether the connection must leave the pool: a connection-level fault, a
 * server error after which the server closes it, or any error mysql2 marks
 * fatal (it will not use that socket again).
 */
export function mustEvict(err: unknown): boolean {
  if (isConnectionFault(err)) return true;
  const e = shape(err instanceof StrataError ? err.cause : err);
  if (!e) return false;
  return e.fatal === true || (e.errno !== undefined && CONNECTION_CLOSING_ERRNOS.has(e.errno));
}

/** Maps a mysql2 error to the Strata error family (ARCHITECTURE.md, error classification). */
export function classifyMysqlError(err: unknown, context: ErrorContext = {}): StrataError {
  if (err instanceof StrataError) return err;
  const e = shape(err);
  const errno = e?.errno;
  const backendCode = errno !== undefined && errno > 0 ? errno : e?.code;
  const options = { cause: err, backendCode };
  if (isConnectionFault(err)) {
    const where = context.server ? ` to ${context.server}` : "";
    return new ConnectionLostError(`The MySQL connection${where} failed or was lost (${e?.code ?? errno})`, {
      ...options,
      requestSent: !neverSent(e),
    });
  }
  switch (errno) {
    case 1213:
      return new SerializationFailureError("Deadlock found; the transaction was rolled back, retry it", options);
    case 1205:
      return new SerializationFailureError("Lock wait timeout exceeded; retry the transaction", options);
    case 1792:
      return new ReadOnlyTransactionError("Write attempted in a read-only transaction", options);
    case 1062:
      return uniqueViolation(e?.sqlMessage ?? "", context, options);
    case 1451:
    case 1452: {
      const table = context.table ?? childTable(e?.sqlMessage ?? "");
      const where = table ? ` writing ${table}` : "";
      return new ForeignKeyViolationError(`Foreign key constraint violated${where}`, { table }, options);
    }
    case 1264:
    case 1690: {
      // "Out of range value for column 'age' at row 1" / "BIGINT value is out of range in '...'" (values not repeated).
      const column = /for column '([^']*)'/.exec(e?.sqlMessage ?? "")?.[1];
      const what = column === undefined ? "a value" : `column ${column}`;
      return new ArithmeticError(`MySQL: ${what} went out of its type's range (${errno})`, { column }, options);
    }
    case 1317:
      return new CancelledError("The query was interrupted (KILL QUERY)", options);
    case 1153:
      return new DriverError(
        "The statement is larger than the server's max_allowed_packet (1153, ER_NET_PACKET_TOO_LARGE); the server closed the connection and nothing was applied. Send less in one statement (fewer or smaller values), or raise max_allowed_packet on the server.",
        options,
      );
    case 1040:
    case 1226:
      return new DriverError(`Too many connections to the MySQL server (${e?.code}); retry later`, {
        ...options,
        retryable: true,
      });
  }
  const text =
    errno !== undefined && VALUE_ECHOING_ERRNOS.has(errno) ? "" : `: ${e?.sqlMessage ?? e?.message ?? String(err)}`;
  return new DriverError(`MySQL error ${e?.code ?? "unknown"}${errno ? ` (${errno})` : ""}${text}`, options);
}

/** The index name in "Duplicate entry '...' for key 'name'" (MySQL 8 writes 'table.name'). */
export function duplicateKeyName(message: string): { table: string | undefined; index: string } | undefined {
  const match = /for key '([^']*)'$/.exec(message);
  if (!match?.[1]) return undefined;
  const dot = match[1].lastIndexOf(".");
  return dot < 0
    ? { table: undefined, index: match[1] }
    : { table: match[1].slice(0, dot), index: match[1].slice(dot + 1) };
}

function uniqueViolation(
  message: string,
  context: ErrorContext,
  options: ConstructorParameters<typeof DriverError>[1],
) {
  // The written table first: a name holding a dot would split MySQL 8's 'table.index' wrongly.
  const table = context.table ?? duplicateKeyName(message)?.table;
  // Columns are filled in from the index name by UniqueIndexResolver (unique.ts), which needs a query.
  return new UniqueViolationError(`Unique constraint violated${table ? ` on ${table}` : ""}`, { table }, options);
}

/** The child table in "a foreign key constraint fails (`db`.`posts`, CONSTRAINT ...". */
function childTable(message: string): string | undefined {
  return /fails \(`(?:[^`]|``)*`\.`((?:[^`]|``)*)`/.exec(message)?.[1]?.replaceAll("``", "`");
}
