import { DriverError } from "@strata/core";

const PASSWORD_IN_URL = /^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:)[^@/?#]*@/i;

/** The URL with its password replaced by `***`; works on malformed text too (never echoes a password). */
export function maskUrl(url: string): string {
  return url.replace(PASSWORD_IN_URL, "$1***@");
}

/** Checks a `postgres://` / `postgresql://` URL up front, so a typo fails at construction, not at the first query. */
export function parsePostgresUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (err) {
    throw new DriverError(`invalid PostgreSQL URL: ${maskUrl(url)}`, { cause: sanitized(err, url) });
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new DriverError(`a PostgreSQL URL starts with postgres:// or postgresql://, got ${maskUrl(url)}`);
  }
  if (parsed.hostname === "" && !parsed.searchParams.has("host")) {
    throw new DriverError(`the PostgreSQL URL names no host: ${maskUrl(url)}`);
  }
  return parsed;
}

/** Node's URL errors quote the input; keep the error but not the password. */
function sanitized(err: unknown, url: string): unknown {
  if (!(err instanceof Error)) return undefined;
  const masked = maskUrl(url);
  return new Error(err.message.replaceAll(url, masked));
}
