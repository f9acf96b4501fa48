import { type ModelIndex, type SchemaIndex, ValidationError } from "@strata/core";
import { IssueList } from "./values.ts";

/** State of one normalization walk: the values pulled out of the arguments and the issues found. */
export class SimplifyContext {
  readonly values: unknown[] = [];
  readonly issues = new IssueList();
  constructor(readonly schema: SchemaIndex) {}

  slot(value: unknown): number {
    this.values.push(value);
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

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  );
}
