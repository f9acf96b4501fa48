import { type SortKeyCondition, UnsupportedError } from "@strata/core";
import type { Placeholders } from "./placeholders.ts";

/** KeyConditionExpression of a Query: the partition equality and an optional sort-key condition. */
export function keyCondition(
  ph: Placeholders,
  partition: { readonly attribute: string; readonly value: unknown },
  sort: SortKeyCondition | undefined,
): string {
  const pk = `${ph.name(partition.attribute)} = ${ph.value(partition.value)}`;
  return sort ? `${pk} AND ${sortCondition(ph, sort)}` : pk;
}

function sortCondition(ph: Placeholders, sort: SortKeyCondition): string {
  const name = ph.name(sort.attribute);
  const [first, second] = sort.values;
  const needed = sort.op === "between" ? 2 : 1;
  if (sort.values.length !== needed) {
    throw new UnsupportedError(
      "sortKeyCondition",
      `Sort key condition ${sort.op} on ${sort.attribute} takes ${needed} value(s), got ${sort.values.length}.`,
    );
  }
  switch (sort.op) {
    case "=":
    case "<":
    case "<=":
    case ">":
    case ">=":
      return `${name} ${sort.op} ${ph.value(first)}`;
    case "between":
      return `${name} BETWEEN ${ph.value(first)} AND ${ph.value(second)}`;
    case "beginsWith":
      return `begins_with(${name}, ${ph.value(first)})`;
  }
}
