/**
 * The structure of one registered call's arguments, to match later calls
 * against directly: the same keys in the same order, the same kind of value
 * at every leaf, the same shape-deciding values (booleans, strings under
 * `orderBy`, null), the same array lengths. It follows the fingerprint's rules
 * (fingerprint.ts) exactly, so a call that matches has the registered call's
 * fingerprint; matching builds no key string and hashes nothing.
 */
export type Skeleton =
  | { readonly k: "none" }
  | { readonly k: "null" }
  /** A value the shape takes from the call: s string, n number, g bigint, d Date, u bytes, a an in-list. */
  | { readonly k: "leaf"; readonly tag: "s" | "n" | "g" | "d" | "u" | "a" }
  /** A value that decides the shape: it must be equal (and is still a leaf). */
  | { readonly k: "const"; readonly v: string | boolean }
  | { readonly k: "arr"; readonly items: readonly Skeleton[] }
  | { readonly k: "obj"; readonly keys: readonly string[]; readonly vals: readonly Skeleton[] };

const SAFE_KEY = /^[A-Za-z_$][\w$]*$/;
const MAX_DEPTH = 32;

/** The skeleton of `args`, or null where the fingerprint would refuse them too. */
export function skeletonOf(args: unknown): Skeleton | null {
  if (args === undefined) return { k: "none" };
  return build(args, "", false, 0);
}

function build(v: unknown, parentKey: string, inOrderBy: boolean, depth: number): Skeleton | null {
  switch (typeof v) {
    case "string":
      return inOrderBy ? { k: "const", v } : { k: "leaf", tag: "s" };
    case "number":
      return { k: "leaf", tag: "n" };
    case "bigint":
      return { k: "leaf", tag: "g" };
    case "boolean":
      return { k: "const", v };
    case "object": {
      if (v === null) return { k: "null" };
      if (depth > MAX_DEPTH) return null;
      if (v instanceof Date) return { k: "leaf", tag: "d" };
      if (v instanceof Uint8Array) return { k: "leaf", tag: "u" };
      if (Array.isArray(v)) {
        if (parentKey === "in" || parentKey === "notIn") return { k: "leaf", tag: "a" };
        const items: Skeleton[] = [];
        for (const item of v) {
          const s = build(item, "", inOrderBy, depth + 1);
          if (!s) return null;
          items.push(s);
        }
        return { k: "arr", items };
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return null;
      const keys: string[] = [];
      const vals: Skeleton[] = [];
      for (const key in v) {
        const item = (v as Record<string, unknown>)[key];
        if (item === undefined) continue;
        if (!SAFE_KEY.test(key)) return null;
        const s = build(item, key, inOrderBy || key === "orderBy", depth + 1);
        if (!s) return null;
        keys.push(key);
        vals.push(s);
      }
      if (keys.length === 0 && Object.getOwnPropertySymbols(v).length > 0) return null;
      return { k: "obj", keys, vals };
    }
    default:
      return null;
  }
}

/** Whether `v` has the skeleton's structure; its leaves are pushed to `leaves` in the fingerprint's order. */
export function matches(s: Skeleton, v: unknown, leaves: unknown[]): boolean {
  switch (s.k) {
    case "none":
      return v === undefined;
    case "null":
      return v === null;
    case "const":
      if (v !== s.v) return false;
      leaves.push(v);
      return true;
    case "leaf":
      if (!hasTag(s.tag, v)) return false;
      leaves.push(v);
      return true;
    case "arr": {
      if (!Array.isArray(v) || v.length !== s.items.length) return false;
      for (let i = 0; i < v.length; i++) if (!matches(s.items[i]!, v[i], leaves)) return false;
      return true;
    }
    case "obj": {
      if (typeof v !== "object" || v === null || Object.getPrototypeOf(v) !== Object.prototype) return false;
      let i = 0;
      for (const key in v) {
        const item = (v as Record<string, unknown>)[key];
        if (item === undefined) continue;
        if (key !== s.keys[i] || !matches(s.vals[i]!, item, leaves)) return false;
        i++;
      }
      // Symbol keys are invisible to for-in: an object of symbol keys alone is not `{}` (simplify refuses it).
      return i === s.keys.length && (i > 0 || Object.getOwnPropertySymbols(v).length === 0);
    }
  }
}

function hasTag(tag: "s" | "n" | "g" | "d" | "u" | "a", v: unknown): boolean {
  switch (tag) {
    case "s":
      return typeof v === "string";
    case "n":
      return typeof v === "number";
    case "g":
      return typeof v === "bigint";
    case "d":
      return v instanceof Date;
    case "u":
      return v instanceof Uint8Array;
    case "a":
      return Array.isArray(v);
  }
}
