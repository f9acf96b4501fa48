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
    const target = parseUniqueTarget(message);
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

/** "UNIQUE constraint failed: users.email, users.name" → { table: "users", columns: ["email", "name"] } */
export function parseUniqueTarget(message: string): { table: string | undefined; columns: string[] } {
  const match = /constraint failed: (.+)$/.exec(message);
  if (!match?.[1]) return { table: undefined, columns: [] };
  let table: string | undefined;
  const columns = match[1].split(", ").map((qualified) => {
    const dot = qualified.indexOf(".");
    if (dot < 0) return qualified;
    table ??= qualified.slice(0, dot);
    return qualified.slice(dot + 1);
  });
  return { table, columns };
}
