import type { Duplex } from "node:stream";
import { describeValue, ValidationError, type ValidationIssue } from "@strata/core";
import type { ClientConfig } from "pg";

/** Where a tunnel must lead: the host and port from the URL. */
export interface SocketTarget {
  host: string;
  port: number;
}

export interface PostgresOptions {
  /** Application part of `application_name` (`strata/<name>[/<tenant>]`). Default "app". */
  name?: string;
  /** Tenant part of `application_name`. Default: `schema`, when set. */
  tenant?: string;
  /** Every table of this client lives in this schema (created by `push()`). Default: the server's search_path. */
  schema?: string;
  /** Most pooled connections. Default 10. (`pool: { max }` is the same.) */
  max?: number;
  /** API.md's spelling of `max`. */
  pool?: { max?: number };
  /** API.md's spelling of `name`. */
  applicationName?: string;
  /** A connection idle this long is closed. Default 10 000 ms. */
  idleTimeoutMs?: number;
  /** Longest wait for a pooled connection (including connecting). Default 10 000 ms. */
  acquireTimeoutMs?: number;
  /** Behind a transaction-mode pooler (PgBouncer): unnamed statements only. Default false. */
  pgbouncer?: boolean;
  /** TLS settings, as pg takes them. */
  ssl?: ClientConfig["ssl"];
  /**
   * Opens the byte stream to the server yourself (an SSH tunnel, a proxy):
   * called once per new pooled connection with the URL's host and port.
   */
  socket?: (target: SocketTarget) => Promise<Duplex>;
}

const KNOWN = new Set([
  "name",
  "applicationName",
  "tenant",
  "schema",
  "max",
  "pool",
  "idleTimeoutMs",
  "acquireTimeoutMs",
  "pgbouncer",
  "ssl",
  "socket",
]);

/** PostgreSQL keeps at most 63 bytes of a name and silently cuts the rest. */
const MAX_NAME_BYTES = 63;

/**
 * Checks the options before anything connects and folds the two spellings
 * together (`max` / `pool.max`, `name` / `applicationName`). A schema name
 * over 63 bytes is refused: the server would cut it, and two tenants whose
 * names share the first 63 bytes would share one schema.
 */
export function resolvePostgresOptions(options: PostgresOptions): PostgresOptions {
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key))
      issues.push({ path: [key], message: `unknown option; expected one of ${[...KNOWN].join(", ")}` });
  }
  const both = <T>(a: T | undefined, b: T | undefined, names: [string, string]): T | undefined => {
    if (a !== undefined && b !== undefined && a !== b) {
      issues.push({ path: [names[1]], message: `${names[0]} and ${names[1]} are the same option; give one` });
    }
    return a ?? b;
  };
  const max = both(options.max, options.pool?.max, ["max", "pool.max"]);
  const name = both(options.name, options.applicationName, ["name", "applicationName"]);
  for (const [key, value] of [
    ["max", max],
    ["idleTimeoutMs", options.idleTimeoutMs],
    ["acquireTimeoutMs", options.acquireTimeoutMs],
  ] as const) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1)) {
      issues.push({ path: [key], message: `expected a whole number >= 1, got ${describeValue(value)}` });
    }
  }
  for (const [key, value] of [
    ["schema", options.schema],
    ["name", name],
    ["tenant", options.tenant],
  ] as const) {
    if (value === undefined) continue;
    if (typeof value !== "string" || value === "" || value.includes("\0")) {
      issues.push({ path: [key], message: `expected a non-empty string without NUL, got ${describeValue(value)}` });
    }
  }
  const schema = options.schema;
  if (typeof schema === "string" && Buffer.byteLength(schema, "utf8") > MAX_NAME_BYTES) {
    issues.push({
      path: ["schema"],
      message: `is ${Buffer.byteLength(schema, "utf8")} bytes; PostgreSQL keeps ${MAX_NAME_BYTES} and cuts the rest silently (two tenants could share one schema). Use a shorter name`,
    });
  }
  if (issues.length > 0) throw new ValidationError(issues, "postgres() options");
  const { pool: _pool, applicationName: _applicationName, ...rest } = options;
  return {
    ...rest,
    ...(max !== undefined ? { max } : {}),
    ...(name !== undefined ? { name } : {}),
  };
}
