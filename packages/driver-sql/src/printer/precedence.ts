import { assertNever, type Expr } from "@strata/core";

/**
 * Binding strength of each expression kind, so the printer adds parentheses
 * only where SQL would otherwise parse the text differently.
 */
export const Precedence = {
  or: 1,
  and: 2,
  not: 3,
  predicate: 4,
  additive: 5,
  multiplicative: 6,
  atom: 7,
} as const;

export function precedenceOf(e: Expr): number {
  switch (e.kind) {
    case "Or":
    case "And":
      if (e.items.length === 0) return Precedence.atom;
      if (e.items.length === 1 && e.items[0]) return precedenceOf(e.items[0]);
      return e.kind === "Or" ? Precedence.or : Precedence.and;
    case "Not":
      return Precedence.not;
    case "Compare":
    case "IsNull":
    case "InList":
    case "Like":
      return Precedence.predicate;
    case "Arithmetic":
      return e.op === "+" || e.op === "-" ? Precedence.additive : Precedence.multiplicative;
    case "Column":
    case "Param":
    case "ParamList":
    case "Literal":
    case "Exists":
    case "CountAll":
    case "RowNumber":
      return Precedence.atom;
    default:
      return assertNever(e, "expression kind");
  }
}
