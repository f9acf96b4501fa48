import { ValidationError } from "@strata/core";

export interface MysqlOptions {
  /** Most connections the pool opens. Default 10. */
  poolSize?: number;
  /** How long `exec`/`connect()` wait for a free pooled connection before failing. Default 10,000 ms. */
  acquireTimeoutMs?: number;
  /** TCP connect and handshake timeout for a new connection. Default 10,000 ms. */
  connectTimeoutMs?: number;
  /** An idle pooled connection is closed after this long. Default 60,000 ms. */
  idleTimeoutMs?: number;
  /** Server-side prepared statements kept per connection (LRU; MySQL caps them server-wide). Default 256. */
  maxPreparedStatements?: number;
  /** Reported to the server as the `program_name` connection attribute. Default "strata". */
  applicationName?: string;
  /** Session variables set on every new connection, e.g. `{ innodb_lock_wait_timeout: 5, sql_mode: "..." }`. */
  sessionVariables?: Readonly<Record<string, string | number>>;
}

export interface ResolvedOptions {
  poolSize: number;
  acquireTimeoutMs: number;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  maxPreparedStatements: number;
  applicationName: string;
  sessionVariables: Readonly<Record<string, string | number>>;
}

/** Fills defaults and rejects nonsensical numbers before anything connects. */
export function resolveOptions(options: MysqlOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    poolSize: options.poolSize ?? 10,
    acquireTimeoutMs: options.acquireTimeoutMs ?? 10_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
    maxPreparedStatements: options.maxPreparedStatements ?? 256,
    applicationName: options.applicationName ?? "strata",
    sessionVariables: options.sessionVariables ?? {},
  };
  const issues: { path: string[]; message: string }[] = (
    ["poolSize", "acquireTimeoutMs", "connectTimeoutMs", "idleTimeoutMs", "maxPreparedStatements"] as const
  )
    .filter((key) => !Number.isInteger(resolved[key]) || resolved[key] < 1)
    .map((key) => ({ path: [key], message: `must be a whole number >= 1, got ${resolved[key]}` }));
  for (const name of Object.keys(resolved.sessionVariables)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      issues.push({ path: ["sessionVariables", name], message: "is not a variable name" });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, "mysql() options");
  return resolved;
}
