import { type ModelIndex, type SchemaIndex, ValidationError } from "@strata/core";
import { IssueList } from "./values.ts";

/** State of one normalization walk: the values pulled out of the arguments and the issues found. */
export class SimplifyContext {
  readonly values: unknown[] = [];
  readonly issues = new IssueList();
  /** Where each value came from in the arguments, and the check it passed (for the fast path). */
  readonly slotPaths: Path[] = [];
  readonly slotChecks: SlotCheck[] = [];
  constructor(readonly schema: SchemaIndex) {}

  /** Takes a user value out of the shape; `check` must accept exactly the values that yield the same shape. */
  slot(value: unknown, path: Path, check: SlotCheck): number {
    this.values.push(value);
    this.slotPaths.push(path);
    this.slotChecks.push(check);
    return this.values.length - 1;
  }

  model(name: string): ModelIndex {
    return this.schema.model(name);
  }

  /** Throws the collected issues, if any, as one ValidationError. */
  finish(context: string): void {
    if (this.issues.issues.length > 0) throw new ValidationError(this.issues.issues, context);
  }
}

export type Path = (string | number)[];

/** Re-validates a value taken from the same place of a same-shaped call. */
export type SlotCheck = (value: unknown) => boolean;

/**
 * An object literal (or a null-prototype dictionary). A Map, Set, class
 * instance or boxed primitive is not one: read as arguments, its fields would
 * be invisible (a Map `where` would mean "no condition") or inherited. Symbol
 * keys are never read; an object whose only fields are symbol-keyed is not
 * taken for `{}` either.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) if ((value as Record<string, unknown>)[key] !== undefined) return true;
  return Object.getOwnPropertySymbols(value).length === 0;
}
