import type { ColumnNode, Expr } from "./expr.ts";
import type { SelectionNode, TableNode } from "./select.ts";

export interface Assignment {
  readonly kind: "Assignment";
  readonly column: string;
  readonly value: Expr;
}

/** `ON CONFLICT (target) DO UPDATE SET ...` / `ON DUPLICATE KEY UPDATE ...` / do nothing. */
export interface OnConflictNode {
  readonly kind: "OnConflict";
  readonly target: readonly string[];
  readonly set: readonly Assignment[];
}

export interface InsertNode {
  readonly kind: "InsertStatement";
  readonly table: TableNode;
  readonly columns: readonly string[];
  /** One row of values per entry; each value is usually a Param. */
  readonly rows: readonly (readonly Expr[])[];
  readonly onConflict?: OnConflictNode;
  readonly returning: readonly SelectionNode[];
}

export interface UpdateNode {
  readonly kind: "UpdateStatement";
  readonly table: TableNode;
  readonly set: readonly Assignment[];
  readonly where?: Expr;
  readonly returning: readonly SelectionNode[];
}

export interface DeleteNode {
  readonly kind: "DeleteStatement";
  readonly table: TableNode;
  readonly where?: Expr;
  readonly returning: readonly SelectionNode[];
}

export const mutation = {
  assignment: (column: string, value: Expr): Assignment => Object.freeze({ kind: "Assignment", column, value }),
  onConflict: (target: readonly string[], set: readonly Assignment[]): OnConflictNode =>
    Object.freeze({ kind: "OnConflict", target: Object.freeze([...target]), set: Object.freeze([...set]) }),
  insert: (
    parts: Omit<InsertNode, "kind" | "returning" | "onConflict"> & {
      returning?: readonly SelectionNode[];
      onConflict?: OnConflictNode | undefined;
    },
  ): InsertNode => {
    const { onConflict, ...rest } = parts;
    return Object.freeze({
      kind: "InsertStatement",
      ...rest,
      ...(onConflict ? { onConflict } : {}),
      returning: Object.freeze([...(parts.returning ?? [])]),
    });
  },
  update: (parts: {
    table: TableNode;
    set: readonly Assignment[];
    where?: Expr | undefined;
    returning?: readonly SelectionNode[];
  }): UpdateNode =>
    Object.freeze({
      kind: "UpdateStatement",
      table: parts.table,
      set: Object.freeze([...parts.set]),
      ...(parts.where ? { where: parts.where } : {}),
      returning: Object.freeze([...(parts.returning ?? [])]),
    }),
  delete: (parts: { table: TableNode; where?: Expr | undefined; returning?: readonly SelectionNode[] }): DeleteNode =>
    Object.freeze({
      kind: "DeleteStatement",
      table: parts.table,
      ...(parts.where ? { where: parts.where } : {}),
      returning: Object.freeze([...(parts.returning ?? [])]),
    }),
} as const;

export type { ColumnNode };
