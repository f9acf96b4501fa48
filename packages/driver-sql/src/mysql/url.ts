import { ValidationError } from "@strata/core";

/** Where to connect, parsed from `mysql://user:password@host:port/database`. */
export interface MysqlTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Absent: no default database (tables must then be qualified by the caller). */
  database: string | undefined;
  /** The URL with the password replaced by `***`, safe for logs and messages. */
  masked: string;
}

/** Parses a MySQL URL synchronously; a malformed one is a ValidationError that never shows the password. */
export function parseMysqlUrl(url: string): MysqlTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid("is not a URL (expected mysql://user:password@host:port/database)");
  }
  if (parsed.protocol !== "mysql:" && parsed.protocol !== "mariadb:") {
    throw invalid(`has protocol "${parsed.protocol}"; use mysql:// or mariadb://`);
  }
  if (parsed.hostname === "") throw invalid("has no host");
  const port = parsed.port === "" ? 3306 : Number(parsed.port);
  const path = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (path.includes("/")) throw invalid("has a path with more than one segment; the path is the database name");
  const params = [...parsed.searchParams.keys()];
  if (params.length > 0) {
    throw invalid(`has query parameters (${params.join(", ")}); pass settings as mysql() options instead`);
  }
  const masked = new URL(parsed.href);
  if (masked.password !== "") masked.password = "***";
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, "$1"),
    port,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: path === "" ? undefined : path,
    masked: masked.href,
  };
}

function invalid(problem: string): ValidationError {
  // The URL itself is never repeated: it may hold a password.
  return new ValidationError([{ path: ["url"], message: `the MySQL URL ${problem}` }], "mysql()");
}
