import { type Expr, expr } from "@strata/core";
import { describe, expect, it } from "vitest";
import { translateFilter } from "../src/expression/filter.ts";
import { Placeholders } from "../src/expression/placeholders.ts";

function translate(filter: Expr, params: unknown[] = []) {
  const ph = new Placeholders();
  const condition = translateFilter(ph, filter, params);
  return { condition, names: ph.names, values: ph.values };
}

const a = expr.column("a");
const b = expr.column("b");

describe("filter translation", () => {
  it("comparisons use name and value placeholders, never raw names", () => {
    expect(translate(expr.compare("<=", expr.column("size"), expr.param(0)), [3])).toEqual({
      condition: "#n0 <= :v0",
      names: { "#n0": "size" },
      values: { ":v0": 3 },
    });
  });

  it("<> requires the attribute (an absent attribute is NULL: unknown, not true)", () => {
    expect(translate(expr.compare("<>", a, expr.param(0)), ["x"]).condition).toBe(
      "(attribute_exists(#n0)) AND (#n0 <> :v0)",
    );
  });

  it("NOT of a comparison is the negated comparison, so NULLs stay out", () => {
    expect(translate(expr.not(expr.compare("<", a, expr.param(0))), [5]).condition).toBe("#n0 >= :v0");
    expect(translate(expr.not(expr.compare("=", a, expr.param(0))), [5]).condition).toBe(
      "(attribute_exists(#n0)) AND (#n0 <> :v0)",
    );
  });

  it("AND / OR nest with parentheses (flattened); NOT pushes through by De Morgan", () => {
    const e = expr.not(expr.and([expr.compare("=", a, expr.param(0)), expr.compare(">", b, expr.param(1))]));
    expect(translate(e, [1, 2]).condition).toBe("((attribute_exists(#n0)) AND (#n0 <> :v0)) OR (#n1 <= :v1)");
    const nested = expr.and([expr.compare("=", a, expr.param(0)), expr.and([expr.compare("=", b, expr.param(1))])]);
    expect(translate(nested, [1, 2]).condition).toBe("(#n0 = :v0) AND (#n1 = :v1)");
    const or = expr.or([expr.compare("=", a, expr.param(0)), expr.compare("=", b, expr.param(1))]);
    expect(translate(or, [1, 2]).condition).toBe("(#n0 = :v0) OR (#n1 = :v1)");
  });

  it("IS NULL is attribute_not_exists(x) OR x = NULL; IS NOT NULL its opposite", () => {
    expect(translate(expr.isNull(a))).toEqual({
      condition: "(attribute_not_exists(#n0)) OR (#n0 = :v0)",
      names: { "#n0": "a" },
      values: { ":v0": null },
    });
    expect(translate(expr.isNull(a, true)).condition).toBe("(attribute_exists(#n0)) AND (NOT (#n0 = :v0))");
  });

  it("a comparison with NULL matches nothing, and its negation nothing either", () => {
    expect(translate(expr.compare("=", a, expr.param(0)), [null]).condition).toBe(false);
    expect(translate(expr.not(expr.compare("=", a, expr.param(0))), [null]).condition).toBe(false);
    const or = expr.or([expr.compare("=", a, expr.literal(null)), expr.compare("=", b, expr.param(0))]);
    expect(translate(or, [1])).toEqual({ condition: "#n0 = :v0", names: { "#n0": "b" }, values: { ":v0": 1 } });
  });

  it("literals fold: TRUE drops out of AND, FALSE empties it", () => {
    expect(translate(expr.and([expr.literal(true), expr.compare("=", a, expr.param(0))]), [1]).condition).toBe(
      "#n0 = :v0",
    );
    expect(translate(expr.and([expr.literal(false), expr.compare("=", a, expr.param(0))]), [1]).condition).toBe(false);
    expect(translate(expr.not(expr.literal(false))).condition).toBe(true);
    // Folded-away parts take no placeholders (DynamoDB refuses unused ones).
    expect(translate(expr.or([expr.literal(true), expr.compare("=", a, expr.param(0))]), [1])).toEqual({
      condition: true,
      names: {},
      values: {},
    });
  });

  it("IN lists: one IN up to 100 values, OR-ed chunks beyond", () => {
    expect(translate(expr.inList(a, expr.paramList(0)), [[1, 2]]).condition).toBe("#n0 IN (:v0, :v1)");
    const many = Array.from({ length: 250 }, (_, i) => i);
    const { condition, values } = translate(expr.inList(a, expr.paramList(0)), [many]);
    expect(typeof condition === "string" && condition.split(" OR ").length).toBe(3);
    expect(typeof condition === "string" && condition.match(/ IN \(/g)?.length).toBe(3);
    expect(Object.keys(values)).toHaveLength(250);
  });

  it("NOT IN needs the attribute, and is never true when the list holds a NULL", () => {
    expect(translate(expr.inList(a, expr.paramList(0), true), [[1, 2]]).condition).toBe(
      "(attribute_exists(#n0)) AND (NOT (#n0 IN (:v0, :v1)))",
    );
    expect(translate(expr.inList(a, expr.paramList(0), true), [[1, null]]).condition).toBe(false);
    expect(translate(expr.inList(a, expr.paramList(0)), [[]]).condition).toBe(false);
  });

  it("nodes DynamoDB cannot filter are refused with UnsupportedError", () => {
    expect(() => translate(expr.like(a, expr.param(0)), ["%x%"])).toThrow(/cannot express Like/);
  });
});
