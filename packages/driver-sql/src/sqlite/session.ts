import { DriverError } from "@strata/core";
import type Database from "better-sqlite3";
import { betterSqlite3, explainSqliteLoadError } from "../native.ts";
import { registerArithmeticCheck } from "./arithmetic.ts";
import { StatementCache } from "./statements.ts";

export interface SqliteOptions {
  /** How long a statement waits for another connection's lock before SQLITE_BUSY. Default 5000. */
  busyTimeoutMs?: number;
  /** Open the database read-only (the file must exist). */
  readonly?: boolean;
}

/**
 * The one better-sqlite3 connection, opened on first use. Everything here is
 * synchronous; the driver and connections decide who may use it when.
 */
export class SqliteSession {
  private handle: { db: Database.Database; cache: StatementCache } | undefined;
  private closed = false;
  /** A read-only transaction switched `query_only` on; it goes off when the transaction ends. */
  queryOnly = false;

  constructor(
    readonly filename: string,
    private readonly options: SqliteOptions,
  ) {}

  /** How long a statement waits for another connection's lock (busy.ts). */
  get busyTimeoutMs(): number {
    return this.options.busyTimeoutMs ?? 5000;
  }

  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  get db(): Database.Database {
    return this.open().db;
  }

  get cache(): StatementCache {
    return this.open().cache;
  }

  private open(): { db: Database.Database; cache: StatementCache } {
    if (this.handle) return this.handle;
    if (this.closed) throw new DriverError("the SQLite driver is closed");
    const readonly = this.options.readonly === true;
    // No busy wait inside SQLite (it would block the event loop): busy.ts waits from a timer instead.
    const db = openDatabase(this.filename, readonly);
    try {
      const inMemory =
        this.filename === ":memory:" || this.filename === "" || this.filename.startsWith("file::memory:");
      if (!inMemory && !readonly) db.pragma("journal_mode = WAL");
      db.pragma("foreign_keys = ON");
      // LIKE is case-sensitive on PostgreSQL; make SQLite agree (checked to work in better-sqlite3's build).
      db.pragma("case_sensitive_like = ON");
      registerArithmeticCheck(db);
    } catch (err) {
      db.close();
      throw err;
    }
    this.handle = { db, cache: new StatementCache(db) };
    return this.handle;
  }

  close(): void {
    this.closed = true;
    const handle = this.handle;
    this.handle = undefined;
    handle?.db.close();
  }
}

function openDatabase(filename: string, readonly: boolean): Database.Database {
  const Sqlite = betterSqlite3();
  try {
    return new Sqlite(filename, { readonly, timeout: 0 });
  } catch (err) {
    throw explainSqliteLoadError(err);
  }
}
