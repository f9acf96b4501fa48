/**
 * A cheap structural fingerprint of call arguments, so a repeated call can
 * skip the simplify walk. It records keys, the kind of every leaf, and the
 * values that decide a query's shape on their own (booleans, strings under
 * `orderBy`, null). Any leaf whose value is not in the fingerprint must be a
 * slot of the registered shape (checked at registration), so two calls with
 * the same fingerprint always have the same shape.
 */
export interface Fingerprint {
  key: string;
  /** Leaf values in walk order. */
  leaves: unknown[];
  /** With `withPaths`: each leaf's path (joined by NUL) and whether its value is in the key. */
  paths: string[];
  covered: boolean[];
}

const SAFE_KEY = /^[A-Za-z_$][\w$]*$/;
const MAX_DEPTH = 32;

class Walk {
  key = "";
  readonly leaves: unknown[] = [];
  readonly paths: string[] = [];
  readonly covered: boolean[] = [];
  constructor(private readonly withPaths: boolean) {}

  leaf(value: unknown, tag: string, covered: boolean, path: string): void {
    this.key += tag;
    this.leaves.push(value);
    if (this.withPaths) {
      this.paths.push(path);
      this.covered.push(covered);
    }
  }

  /** False when the value cannot be fingerprinted (class instances, functions, odd keys, deep nesting). */
  value(v: unknown, parentKey: string, inOrderBy: boolean, path: string, depth: number): boolean {
    switch (typeof v) {
      case "string":
        if (inOrderBy) this.leaf(v, `s${JSON.stringify(v)}`, true, path);
        else this.leaf(v, "s", false, path);
        return true;
      case "number":
        this.leaf(v, "n", false, path);
        return true;
      case "bigint":
        this.leaf(v, "g", false, path);
        return true;
      case "boolean":
        this.leaf(v, v ? "T" : "F", true, path);
        return true;
      case "object":
        return this.object(v, parentKey, inOrderBy, path, depth);
      default:
        return false;
    }
  }

  private object(v: object | null, parentKey: string, inOrderBy: boolean, path: string, depth: number): boolean {
    if (v === null) {
      this.key += "N";
      return true;
    }
    if (depth > MAX_DEPTH) return false;
    if (v instanceof Date) {
      this.leaf(v, "d", false, path);
      return true;
    }
    if (v instanceof Uint8Array) {
      this.leaf(v, "u", false, path);
      return true;
    }
    if (Array.isArray(v)) {
      // `in` lists are one value whatever their length.
      if (parentKey === "in" || parentKey === "notIn") {
        this.leaf(v, "a", false, path);
        return true;
      }
      this.key += "[";
      for (let i = 0; i < v.length; i++) {
        if (!this.value(v[i], "", inOrderBy, this.withPaths ? `${path}\0${i}` : "", depth + 1)) return false;
        this.key += ",";
      }
      this.key += "]";
      return true;
    }
    if (Object.getPrototypeOf(v) !== Object.prototype) return false;
    this.key += "{";
    let fields = 0;
    for (const k in v) {
      const item = (v as Record<string, unknown>)[k];
      if (item === undefined) continue;
      fields++;
      if (!SAFE_KEY.test(k)) return false;
      this.key += `${k}:`;
      const childPath = this.withPaths ? (path === "" ? k : `${path}\0${k}`) : "";
      if (!this.value(item, k, inOrderBy || k === "orderBy", childPath, depth + 1)) return false;
      this.key += ",";
    }
    // Symbol keys are invisible to for-in: an object of symbol keys alone is not `{}` (simplify refuses it).
    if (fields === 0 && Object.getOwnPropertySymbols(v).length > 0) return false;
    this.key += "}";
    return true;
  }
}

export function fingerprint(args: unknown, withPaths = false): Fingerprint | null {
  const walk = new Walk(withPaths);
  if (args !== undefined && !walk.value(args, "", false, "", 0)) return null;
  return { key: walk.key, leaves: walk.leaves, paths: walk.paths, covered: walk.covered };
}
