/** A rendered condition, or a constant: true = always holds, false = never. */
export type Condition = string | boolean;

/** Conditions joined with AND (constants folded). */
export function allOf(parts: readonly Condition[]): Condition {
  return join(parts, "AND");
}

/** Conditions joined with OR (constants folded). */
export function anyOf(parts: readonly Condition[]): Condition {
  return join(parts, "OR");
}

function join(parts: readonly Condition[], op: "AND" | "OR"): Condition {
  const absorbing = op === "OR";
  if (parts.includes(absorbing)) return absorbing;
  const texts = parts.filter((p): p is string => typeof p === "string");
  if (texts.length === 0) return !absorbing;
  return texts.length === 1 ? (texts[0] as string) : texts.map((t) => `(${t})`).join(` ${op} `);
}
