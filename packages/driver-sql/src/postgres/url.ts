import { DriverError } from "@strata/core";

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Query parameters libpq (and pg) read a password from. */
const PASSWORD_PARAMS = /([?&](?:ssl)?password=)[^&#]*/gi;

/**
 * The URL with every password replaced by `***`: the userinfo's (which ends
 * at the authority's last "@", so a raw "@" in the password is covered) and
 * `?password=` / `?sslpassword=`. Works on malformed text too (never echoes a password).
 */
export function maskUrl(url: string): string {
  let out = url;
  const scheme = SCHEME.exec(url);
  if (scheme) {
    const start = scheme[0].length;
    const rest = url.slice(start);
    const end = rest.search(/[/?#]/);
    const authority = end < 0 ? rest : rest.slice(0, end);
    const at = authority.lastIndexOf("@");
    const colon = at < 0 ? -1 : authority.slice(0, at).indexOf(":");
    if (colon >= 0) {
      out = `${url.slice(0, start + colon + 1)}***${url.slice(start + at)}`;
    }
  }
  return out.replace(PASSWORD_PARAMS, "$1***");
}

/** Every password the URL carries, decoded and as written, for scrubbing messages (longest first). */
export function urlSecrets(parsed: URL): string[] {
  const found = new Set<string>();
  const add = (raw: string) => {
    if (raw === "") return;
    found.add(raw);
    try {
      found.add(decodeURIComponent(raw));
    } catch {
      // A malformed escape: the raw text is scrubbed.
    }
  };
  add(parsed.password);
  for (const key of ["password", "sslpassword"]) for (const v of parsed.searchParams.getAll(key)) add(v);
  return [...found].filter((s) => s !== "").sort((a, b) => b.length - a.length);
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
