import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fingerprint } from "../src/cache/fingerprint.ts";
import { matches, skeletonOf } from "../src/cache/skeleton.ts";

/** Query-like arguments: the keys and values the fingerprint treats differently, nested. */
const KEYS = ["where", "orderBy", "select", "in", "notIn", "id", "email", "age", "AND", "take", "9bad", "a-b"];
const leaf = fc.oneof(
  fc.constantFrom("asc", "desc", "x", ""),
  fc.integer({ min: -2, max: 2 }),
  fc.constantFrom(1n, true, false, null, undefined, new Date(0), new Uint8Array([1])),
);
const args = fc.letrec((tie) => ({
  value: fc.oneof({ maxDepth: 4 }, leaf, tie("object"), tie("array")),
  array: fc.array(tie("value"), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 4 }),
})).value;

/** The same structure with every string changed (leaves change; under orderBy the shape does). */
function vary(v: unknown): unknown {
  if (typeof v === "string") return `${v}!`;
  if (Array.isArray(v)) return v.map(vary);
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, vary(x)]));
  return v;
}

/** Two arguments, the second often a variation of the first (same keys, other leaves), so matches happen. */
const pair = args.chain((a) =>
  fc.tuple(fc.constant(a), fc.oneof(args, fc.constant(structuredClone(a)), fc.constant(vary(a)))),
);

describe("shape skeletons", () => {
  it("match exactly the calls whose fingerprint is the registered one, reading the same leaves", () => {
    let matched = 0;
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const skeleton = skeletonOf(a);
        const fa = fingerprint(a);
        // A skeleton exists exactly when a fingerprint does.
        expect(skeleton === null).toBe(fa === null);
        if (!skeleton || !fa) return;
        const leaves: unknown[] = [];
        const fb = fingerprint(b);
        if (matches(skeleton, b, leaves)) {
          matched++;
          expect(fb?.key).toBe(fa.key);
          expect(leaves).toEqual(fb?.leaves);
        } else {
          expect(fb?.key === fa.key).toBe(false);
        }
      }),
      { numRuns: 3000, seed: 4711 },
    );
    // The property says something only if matches happen often.
    expect(matched).toBeGreaterThan(500);
  });

  it("keep shape-deciding values apart and take the rest as leaves", () => {
    const s = skeletonOf({ where: { id: "a", active: true, age: { in: [1, 2] } }, orderBy: { age: "asc" } })!;
    const leaves: unknown[] = [];
    expect(matches(s, { where: { id: "b", active: true, age: { in: [3] } }, orderBy: { age: "asc" } }, leaves)).toBe(
      true,
    );
    expect(leaves).toEqual(["b", true, [3], "asc"]);
    expect(matches(s, { where: { id: "b", active: false, age: { in: [3] } }, orderBy: { age: "asc" } }, [])).toBe(
      false,
    );
    expect(matches(s, { where: { id: "b", active: true, age: { in: [3] } }, orderBy: { age: "desc" } }, [])).toBe(
      false,
    );
    expect(matches(s, { where: { active: true, id: "b", age: { in: [3] } }, orderBy: { age: "asc" } }, [])).toBe(false);
    expect(matches(s, { where: { id: null, active: true, age: { in: [3] } }, orderBy: { age: "asc" } }, [])).toBe(
      false,
    );
  });
});
