import type { StorageType } from "../capability.ts";
/**
 * Expression nodes of the statement AST. Every node is an immutable plain
 * object with a `kind`; values never appear inline, only as Param nodes that
 * point into the operation's parameter array.
 */
export interface ColumnNode {
  readonly kind: "Column";
  /** Table alias or name; omitted where unambiguous. */
  readonly table?: string;
  readonly name: string;
}

export interface ParamNode {
  readonly kind: "Param";
  readonly index: number;
}

/** A parameter bound as one array value, for `IN` lists of any length. */
export interface ParamListNode {
  readonly kind: "ParamList";
  readonly index: number;
  /** The storage type of every element, when the list holds one field's values (a user's `in` list). */
  readonly element?: StorageType;
}

export interface LiteralNode {
  readonly kind: "Literal";
  readonly value: null | boolean | number;
}

export type ComparisonOp = "=" | "<>" | "<" | "<=" | ">" | ">=";

export interface CompareNode {
  readonly kind: "Compare";
  readonly op: ComparisonOp;
  readonly left: Expr;
  readonly right: Expr;
}

export interface AndNode {
  readonly kind: "And";
  readonly items: readonly Expr[];
}

export interface OrNode {
  readonly kind: "Or";
  readonly items: readonly Expr[];
}

export interface NotNode {
  readonly kind: "Not";
  readonly expr: Expr;
}

export interface IsNullNode {
  readonly kind: "IsNull";
  readonly expr: Expr;
  readonly negated: boolean;
}

export interface InListNode {
  readonly kind: "InList";
  readonly expr: Expr;
  readonly list: ParamListNode;
  readonly negated: boolean;
}

/** `expr LIKE pattern ESCAPE '\'`; the pattern parameter is already escaped and wrapped in `%`. */
export interface LikeNode {
  readonly kind: "Like";
  readonly expr: Expr;
  readonly pattern: ParamNode;
}

export interface ExistsNode {
  readonly kind: "Exists";
  readonly query: import("./select.ts").SelectNode;
  readonly negated: boolean;
}

/** The range an update's arithmetic must stay in: the field's type, and the column it is written to (for messages). */
export interface ArithmeticRange {
  readonly type: "int32" | "int64" | "float64";
  readonly column: string;
}

/**
 * `column + value` / `column - value` for increments; "div" is integer
 * division (truncates toward zero). With `range`, a result outside it is an
 * error of the statement (ArithmeticError), never a stored value: backends
 * whose column types do not enforce it print a check around the expression.
 */
export interface ArithmeticNode {
  readonly kind: "Arithmetic";
  readonly op: "+" | "-" | "*" | "/" | "div";
  readonly left: Expr;
  readonly right: Expr;
  readonly range?: ArithmeticRange;
}

export interface CountAllNode {
  readonly kind: "CountAll";
}

/** `ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...)` */
export interface RowNumberNode {
  readonly kind: "RowNumber";
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly import("./select.ts").OrderItem[];
}

export type Expr =
  | ColumnNode
  | ParamNode
  | ParamListNode
  | LiteralNode
  | CompareNode
  | AndNode
  | OrNode
  | NotNode
  | IsNullNode
  | InListNode
  | LikeNode
  | ExistsNode
  | ArithmeticNode
  | CountAllNode
  | RowNumberNode;

export const expr = {
  column: (name: string, table?: string): ColumnNode =>
    Object.freeze(table === undefined ? { kind: "Column", name } : { kind: "Column", table, name }),
  param: (index: number): ParamNode => Object.freeze({ kind: "Param", index }),
  paramList: (index: number, element?: StorageType): ParamListNode =>
    Object.freeze(element ? { kind: "ParamList", index, element } : { kind: "ParamList", index }),
  literal: (value: null | boolean | number): LiteralNode => Object.freeze({ kind: "Literal", value }),
  compare: (op: ComparisonOp, left: Expr, right: Expr): CompareNode =>
    Object.freeze({ kind: "Compare", op, left, right }),
  and: (items: readonly Expr[]): AndNode => Object.freeze({ kind: "And", items: Object.freeze([...items]) }),
  or: (items: readonly Expr[]): OrNode => Object.freeze({ kind: "Or", items: Object.freeze([...items]) }),
  not: (e: Expr): NotNode => Object.freeze({ kind: "Not", expr: e }),
  isNull: (e: Expr, negated = false): IsNullNode => Object.freeze({ kind: "IsNull", expr: e, negated }),
  inList: (e: Expr, list: ParamListNode, negated = false): InListNode =>
    Object.freeze({ kind: "InList", expr: e, list, negated }),
  like: (e: Expr, pattern: ParamNode): LikeNode => Object.freeze({ kind: "Like", expr: e, pattern }),
  exists: (query: import("./select.ts").SelectNode, negated = false): ExistsNode =>
    Object.freeze({ kind: "Exists", query, negated }),
  arithmetic: (op: ArithmeticNode["op"], left: Expr, right: Expr, range?: ArithmeticRange): ArithmeticNode =>
    Object.freeze(range ? { kind: "Arithmetic", op, left, right, range } : { kind: "Arithmetic", op, left, right }),
  countAll: (): CountAllNode => Object.freeze({ kind: "CountAll" }),
  rowNumber: (partitionBy: readonly Expr[], orderBy: readonly import("./select.ts").OrderItem[]): RowNumberNode =>
    Object.freeze({
      kind: "RowNumber",
      partitionBy: Object.freeze([...partitionBy]),
      orderBy: Object.freeze([...orderBy]),
    }),
} as const;
