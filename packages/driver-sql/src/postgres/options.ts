import type { Duplex } from "node:stream";
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
  /** Most pooled connections. Default 10. */
  max?: number;
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
