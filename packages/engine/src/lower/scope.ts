import {
  type Capability,
  expr,
  type FieldDef,
  type ModelIndex,
  type ParamListNode,
  type ParamNode,
  type SchemaIndex,
} from "@strata/core";
import type { ParamSource } from "../plan/types.ts";
import { type Encode, fieldEncoder } from "./codec.ts";

/** Shared state while one statement is lowered: its parameters and table aliases. */
export class StatementBuilder {
  readonly params: ParamSource[] = [];
  private aliases = 0;
  constructor(
    readonly schema: SchemaIndex,
    readonly capability: Capability,
  ) {}

  nextAlias(): string {
    return `t${this.aliases++}`;
  }

  param(source: ParamSource): ParamNode {
    this.params.push(source);
    return expr.param(this.params.length - 1);
  }

  paramList(source: ParamSource, element?: FieldDef): ParamListNode {
    this.params.push(source);
    return expr.paramList(this.params.length - 1, element ? this.capability.storageTypes[element.type] : undefined);
  }

  /** A parameter that takes one of the query's values, encoded for `field`. */
  slot(slot: number, encode: Encode): ParamNode {
    return this.param((values) => (values[slot] === null ? null : encode(values[slot])));
  }

  encoder(field: FieldDef): Encode {
    return fieldEncoder(this.capability, field);
  }

  /** Whether the backend stores this field as a 64-bit integer that needs exact reads. */
  isBigint(field: FieldDef): boolean {
    return this.capability.storageTypes[field.type] === "bigint";
  }
}

/** A model under a table alias within a statement. */
export interface Scope {
  model: ModelIndex;
  /** Alias or table name used to qualify its columns. */
  alias: string;
}

export function column(scope: Scope, field: string) {
  return expr.column(scope.model.column(field), scope.alias);
}
