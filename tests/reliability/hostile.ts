import fc from "fast-check";

/** Pieces that break naive SQL building, LIKE patterns, escaping and encodings. */
export const FRAGMENTS = [
  "'",
  '"',
  "`",
  "\\",
  "\\'",
  "''",
  "%",
  "_",
  "\\%",
  "\\_",
  "[",
  "]",
  "^",
  "*",
  "?",
  "$1",
  "?",
  ":name",
  ";",
  "--",
  "/*",
  "*/",
  "#",
  "'; DROP TABLE canary; --",
  "' OR '1'='1",
  '" OR ""="',
  "`; DELETE FROM canary; #",
  "1) UNION SELECT * FROM canary --",
  "\\'; DROP TABLE canary; --",
  "$$; DROP TABLE canary; $$",
  " ",
  "\t",
  "\n",
  "\r\n",
  "é",
  "e\u0301",
  "ß",
  "İ",
  "😀",
  "👩‍👩‍👧",
  "\u200b",
  "\ufeff",
  "\u2028",
  "Ω",
  "中文",
  "a",
  "A",
  "z",
] as const;

/** A hostile string: fragments, any code point (no lone surrogates), optionally NUL. */
export function hostileString(withNul: boolean): fc.Arbitrary<string> {
  const unit = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) },
    ...(withNul ? [{ weight: 1, arbitrary: fc.constant("\0") }] : []),
  );
  return fc.array(unit, { maxLength: 6 }).map((parts) => parts.join(""));
}
