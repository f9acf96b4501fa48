import type { Expr } from "./expr.ts";

export interface TableNode {
  readonly kind: "Table";
  readonly name: string;
  readonly alias?: string;
}

/** A sub-select used as a FROM source. */
export interface SubqueryNode {
  readonly kind: "Subquery";
  readonly query: SelectNode;
  readonly alias: string;
}

export interface SelectionNode {
  readonly kind: "Selection";
  readonly expr: Expr;
  /** Output name in the row; defaults to the column name. */
  readonly alias?: string;
}

export interface OrderItem {
  readonly kind: "OrderItem";
  readonly expr: Expr;
  readonly direction: "asc" | "desc";
  /** Where NULLs sort; when absent the printer makes NULLs sort first on asc and last on desc everywhere. */
  readonly nulls?: "first" | "last";
}

export interface SelectNode {
  readonly kind: "Select";
  readonly from: TableNode | SubqueryNode;
  readonly selections: readonly SelectionNode[];
  readonly where?: Expr;
  readonly orderBy: readonly OrderItem[];
  readonly limit?: Expr;
  readonly offset?: Expr;
}

const freezeArr = <T>(a: readonly T[]): readonly T[] => Object.freeze([...a]);

export const select = {
  table: (name: string, alias?: string): TableNode =>
    Object.freeze(alias === undefined ? { kind: "Table", name } : { kind: "Table", name, alias }),
  subquery: (query: SelectNode, alias: string): SubqueryNode => Object.freeze({ kind: "Subquery", query, alias }),
  selection: (e: Expr, alias?: string): SelectionNode =>
    Object.freeze(alias === undefined ? { kind: "Selection", expr: e } : { kind: "Selection", expr: e, alias }),
  orderItem: (e: Expr, direction: "asc" | "desc", nulls?: "first" | "last"): OrderItem =>
    Object.freeze(
      nulls === undefined
        ? { kind: "OrderItem", expr: e, direction }
        : { kind: "OrderItem", expr: e, direction, nulls },
    ),
  create: (parts: {
    from: TableNode | SubqueryNode;
    selections: readonly SelectionNode[];
    where?: Expr | undefined;
    orderBy?: readonly OrderItem[];
    limit?: Expr | undefined;
    offset?: Expr | undefined;
  }): SelectNode => {
    const node: { -readonly [K in keyof SelectNode]: SelectNode[K] } = {
      kind: "Select",
      from: parts.from,
      selections: freezeArr(parts.selections),
      orderBy: freezeArr(parts.orderBy ?? []),
    };
    if (parts.where) node.where = parts.where;
    if (parts.limit) node.limit = parts.limit;
    if (parts.offset) node.offset = parts.offset;
    return Object.freeze(node);
  },
  /** A copy of the select with some parts replaced. */
  cloneWith: (node: SelectNode, parts: Partial<Omit<SelectNode, "kind">>): SelectNode =>
    Object.freeze({ ...node, ...parts }),
} as const;
