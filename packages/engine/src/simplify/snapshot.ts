import { ValidationError } from "@strata/core";
import { isPlainObject } from "./context.ts";

/** Deeper than any real query (includes and AND/OR nest a few levels); far below a stack overflow. */
export const MAX_ARGUMENT_DEPTH = 256;

/**
 * A copy of a call's arguments, read once: plain objects and arrays are
 * copied (each getter runs once), everything else is kept as it is for
 * simplify to accept or refuse. The engine plans from the copy and registers
 * the copy's shape in the shape cache, so an argument that reads differently
 * each time (a getter, a proxy) can never plan one shape and cache another.
 * A cyclic argument, or one nested deeper than MAX_ARGUMENT_DEPTH, is a
 * ValidationError naming where.
 */
export function snapshotArgs(args: unknown, context: string): unknown {
  const ancestors = new Set<object>();
  const path: (string | number)[] = [];
  const copy = (v: unknown): unknown => {
    if (typeof v !== "object" || v === null) return v;
    const array = Array.isArray(v);
    if (!array && !isPlainObject(v)) return v;
    if (ancestors.has(v)) refuse("the argument contains itself (a cycle); pass a tree of plain values");
    if (path.length >= MAX_ARGUMENT_DEPTH) {
      refuse(
        `the argument is nested deeper than ${MAX_ARGUMENT_DEPTH} levels; flatten it (e.g. one AND list instead of nested ANDs)`,
      );
    }
    ancestors.add(v);
    let out: unknown;
    if (array) {
      const items = v as unknown[];
      const list = new Array<unknown>(items.length);
      for (let i = 0; i < items.length; i++) {
        path.push(i);
        list[i] = copy(items[i]);
        path.pop();
      }
      out = list;
    } else {
      const record: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        path.push(key);
        const value = copy((v as Record<string, unknown>)[key]);
        // Defined, not assigned: a "__proto__" key (JSON.parse makes them) stays a key instead of replacing the prototype.
        if (key === "__proto__")
          Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
        else record[key] = value;
        path.pop();
      }
      out = record;
    }
    ancestors.delete(v);
    return out;
  };
  const refuse = (message: string): never => {
    throw new ValidationError([{ path: [...path], message }], context);
  };
  return copy(args);
}
