import {
  DriverError,
  ForeignKeyViolationError,
  ReadOnlyTransactionError,
  SerializationFailureError,
  StrataError,
  UniqueViolationError,
} from "@strata/core";

/** What the failing operation was about, for messages (never parameter values). */
export interface ErrorContext {
  table?: string | undefined;
}

function sqliteCode(err: unknown): string | undefined {
  if (!(err instanceof Error) || !("code" in err)) return undefined;
  return typeof err.code === "string" && err.code.startsWith("SQLITE_") ? err.code : undefined;
}

/** Maps a better-sqlite3 error to the Strata error family (ARCHITECTURE.md, error classification). */
export function classifySqliteError(err: unknown, context: ErrorContext = {}): StrataError {
  if (err instanceof StrataError) return err;
  const code = sqliteCode(err);
  const message = err instanceof Error ? err.message : String(err);
  const options = { cause: err, backendCode: code };
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
    const target = parseUniqueTarget(message, context.table);
    const where = target.table ? ` on ${target.table} (${target.columns.join(", ")})` : "";
    return new UniqueViolationError(`Unique constraint violated${where}`, target, options);
  }
  if (code === "SQLITE_CONSTRAINT_FOREIGNKEY") {
    const where = context.table ? ` writing ${context.table}` : "";
    return new ForeignKeyViolationError(`Foreign key constraint violated${where}`, { table: context.table }, options);
  }
  if (code?.startsWith("SQLITE_BUSY")) {
    return new SerializationFailureError(
      "The SQLite database stayed locked by another connection past the busy timeout; retry the transaction",
      options,
    );
  }
  if (code?.startsWith("SQLITE_READONLY")) {
    return new ReadOnlyTransactionError(
      "Write attempted in a read-only transaction or on a read-only SQLite database",
      options,
    );
  }
  return new DriverError(code ? `SQLite error ${code}: ${message}` : `SQLite driver error: ${message}`, options);
}

/**
 * "UNIQUE constraint failed: users.email, users.name" → { table: "users", columns: ["email", "name"] }.
 * With the written table known, its name is matched literally, so names holding
 * dots, commas or line breaks are read right; without it, the first dot splits.
 */
export function parseUniqueTarget(message: string, table?: string): { table: string | undefined; columns: string[] } {
  const marker = "constraint failed: ";
  const at = message.indexOf(marker);
  if (at < 0) return { table: undefined, columns: [] };
  const list = message.slice(at + marker.length);
  if (table !== undefined && list.startsWith(`${table}.`)) {
    return { table, columns: list.slice(table.length + 1).split(`, ${table}.`) };
  }
  let found: string | undefined;
  const columns = list.split(", ").map((qualified) => {
    const dot = qualified.indexOf(".");
    if (dot < 0) return qualified;
    found ??= qualified.slice(0, dot);
    return qualified.slice(dot + 1);
  });
  return { table: found, columns };
}
