import { assertNever, type Expr, type Operation } from "@strata/core";
import { translateFilter } from "./expression/filter.ts";
import { keyCondition } from "./expression/key-condition.ts";
import { Placeholders } from "./expression/placeholders.ts";
import { updateExpression } from "./expression/update.ts";
import type { TransactOp } from "./requests/transact.ts";
import type { SchemaRegistry } from "./schema/registry.ts";

/**
 * How an operation reads to a person (explain): the DynamoDB request, its
 * table, index, key and filter attributes, with `?` for every value.
 */
export function describeOperation(schema: SchemaRegistry, op: Operation): string {
  const physical = (table: string) => schema.find(table)?.physical ?? schema.prefix + table;
  const ph = new Placeholders(true);
  switch (op.kind) {
    case "GetByKey": {
      const model = schema.find(op.table);
      const attributes = [...new Set(op.keys.flatMap((k) => Object.keys(k)))];
      const viaUnique = model !== undefined && attributes.some((a) => model.uniques.has(a));
      const projection = op.projection ? ` projection ${op.projection.join(", ")}` : "";
      const head = `BatchGetItem ${physical(op.table)} ${op.keys.length} key(s) by ${attributes.join(", ")}`;
      return viaUnique ? `${head} via ${model?.uniqueTable}${projection}` : `${head}${projection}`;
    }
    case "QueryPk":
    case "QueryIndex": {
      const parts = [`Query ${physical(op.table)}`];
      if (op.kind === "QueryIndex") parts.push(`index ${op.index}`);
      parts.push(`pk ${keyCondition(ph, op.partition, op.sort).replace(" AND ", " sk ")}`);
      return [...parts, ...tail(ph, op)].join(" ");
    }
    case "Scan":
      return [`Scan ${physical(op.table)}`, ...tail(ph, op)].join(" ");
    case "PutItem":
    case "UpdateByKey":
    case "DeleteByKey":
      return describeWrite(schema, physical, op);
    case "TransactWrite": {
      const writes = op.items.map((i) => describeWrite(schema, physical, i));
      return `TransactWriteItems ${op.items.length} item(s): ${writes.join("; ")}`;
    }
    case "QuerySql":
    case "Insert":
      return `${op.kind} (DynamoDB runs no SQL)`;
    case "Transaction":
      return `Transaction ${op.action} (DynamoDB has no interactive transactions)`;
    default:
      return assertNever(op, "operation kind");
  }
}

interface ReadShape {
  readonly filter?: Expr | undefined;
  readonly filterParams?: readonly unknown[] | undefined;
  readonly limit?: number | undefined;
  readonly descending?: boolean | undefined;
}

function tail(ph: Placeholders, op: ReadShape): string[] {
  const parts: string[] = [];
  if (op.filter) {
    const filter = translateFilter(ph, op.filter, op.filterParams ?? []);
    parts.push(`filter ${filter === true ? "(none)" : filter === false ? "(matches nothing: no request)" : filter}`);
  }
  if (op.descending) parts.push("descending");
  if (op.limit !== undefined) parts.push(`limit ${op.limit}`);
  return parts;
}

function describeWrite(schema: SchemaRegistry, physical: (t: string) => string, op: TransactOp): string {
  const model = schema.find(op.table);
  const uniques = model ? [...model.uniques.keys()] : [];
  const withUniques = uniques.length > 0 ? ` + unique items ${uniques.join(", ")} in ${model?.uniqueTable}` : "";
  const key = model ? model.keyColumns.join(", ") : "";
  switch (op.kind) {
    case "PutItem":
      return `PutItem ${physical(op.table)}${op.condition === "notExists" ? " if not exists" : ""}${withUniques}`;
    case "UpdateByKey": {
      const expression = model ? updateExpression(new Placeholders(true), model, op) : undefined;
      return `UpdateItem ${physical(op.table)} key ${key} ${expression ?? "(no change)"}${op.condition === "exists" ? " if exists" : ""}`;
    }
    case "DeleteByKey":
      return `DeleteItem ${physical(op.table)} key ${key}${withUniques}`;
    case "ConditionCheck":
      return `ConditionCheck ${physical(op.table)} key ${key} ${op.attribute} = ?`;
  }
}
