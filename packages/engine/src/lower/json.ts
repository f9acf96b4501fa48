/**
 * Json values in one canonical form on every backend: each object's keys in
 * the order a JavaScript object enumerates them once sorted (integer-like
 * keys ascending by value first, then the others by UTF-16 code units).
 *
 * Why: PostgreSQL's jsonb keeps no key order (it returns keys reordered and
 * compares objects whatever their order), while the backends that store Json
 * as text compare text. Writing and reading the canonical form makes
 * equality ignore key order everywhere and makes every backend return the
 * same value (docs/decisions.md, "Json").
 */
export function canonicalJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = canonicalJson(value[i]);
      if (item !== value[i]) {
        out ??= value.slice(0, i);
      }
      if (out) out.push(item);
    }
    return out ?? value;
  }
  if (value === null || typeof value !== "object") return value;
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source);
  let changed = false;
  for (let i = 1; i < keys.length && !changed; i++) if (compareKeys(keys[i - 1]!, keys[i]!) > 0) changed = true;
  const entries: [string, unknown][] = [];
  for (const key of keys) {
    const item = canonicalJson(source[key]);
    if (item !== source[key]) changed = true;
    entries.push([key, item]);
  }
  if (!changed) return value;
  entries.sort((a, b) => compareKeys(a[0], b[0]));
  // fromEntries defines own properties: a "__proto__" key stays a key.
  return Object.fromEntries(entries);
}

/** Integer-like keys (array indexes) always enumerate first, ascending: the sort must agree with that. */
function compareKeys(a: string, b: string): number {
  const ia = arrayIndex(a);
  const ib = arrayIndex(b);
  if (ia !== undefined || ib !== undefined) {
    if (ia === undefined) return 1;
    if (ib === undefined) return -1;
    return ia - ib;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function arrayIndex(key: string): number | undefined {
  if (key.length === 0 || key.length > 10) return undefined;
  const n = Number(key);
  return Number.isInteger(n) && n >= 0 && n < 2 ** 32 - 1 && String(n) === key ? n : undefined;
}

/** The stored text of a Json value. */
export const encodeJson = (value: unknown): string => JSON.stringify(canonicalJson(value));

/** A stored Json value (text, or already parsed by the driver) in canonical form. */
export const decodeJson = (value: unknown): unknown =>
  canonicalJson(typeof value === "string" ? JSON.parse(value) : value);
