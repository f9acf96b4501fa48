import type { SqlDialect } from "@strata/driver-sql";

const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/** The default a column will show once created, normalised like the live side. */
export function columnDefault(value: string | number | boolean | null, dialect: SqlDialect): string | null {
  if (value === null) return null;
  if (typeof value === "boolean") return normaliseDefaultText(dialect.booleanLiteral(value));
  if (typeof value === "number") return normaliseDefaultText(String(value));
  return normaliseDefaultText(dialect.stringLiteral(value));
}

/**
 * A default expression as backends print it, folded to one spelling:
 * PostgreSQL's casts (`'a'::text`, `'-5'::integer`), SQLite's parentheses,
 * TRUE/FALSE as 1/0, numbers in canonical form, NULL as no default.
 */
export function normaliseDefaultText(text: string | null): string | null {
  if (text === null) return null;
  let s = unwrap(text.trim());
  const cast = /^(.*?)::[a-z][a-z0-9 _]*(\[\])?$/i.exec(s);
  if (cast?.[1] !== undefined) s = unwrap(cast[1].trim());
  if (s.startsWith("'") && s.endsWith("'") && NUMBER.test(s.slice(1, -1))) s = s.slice(1, -1);
  if (s.startsWith("'")) return s;
  const lower = s.toLowerCase();
  if (lower === "null") return null;
  if (lower === "true") return "1";
  if (lower === "false") return "0";
  return NUMBER.test(lower) ? String(Number(lower)) : lower;
}

function unwrap(s: string): string {
  let out = s;
  while (out.startsWith("(") && out.endsWith(")")) out = out.slice(1, -1).trim();
  return out;
}
