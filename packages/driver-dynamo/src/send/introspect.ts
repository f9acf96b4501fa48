import { ListTablesCommand, type TableDescription } from "@aws-sdk/client-dynamodb";
import type { IntrospectedIndex, IntrospectedTable, Introspection } from "@strata/core";
import { UNIQUE_SUFFIX } from "../schema/model.ts";
import { type DynamoContext, request } from "./context.ts";
import { describe } from "./push.ts";

/**
 * The live tables under the driver's prefix: key attributes as columns (the
 * only attributes DynamoDB declares), the primary key, GSIs as indexes, and
 * unique indexes where the unique-item table exists and the schema names the
 * columns. The `__unique` tables themselves are not listed.
 */
export async function introspectTables(ctx: DynamoContext): Promise<Introspection> {
  const prefix = ctx.schema.prefix;
  const names = (await listTables(ctx)).filter((n) => n.startsWith(prefix));
  const present = new Set(names);
  const tables: IntrospectedTable[] = [];
  for (const physical of names) {
    if (physical.endsWith(UNIQUE_SUFFIX)) continue;
    const table = await describe(ctx, physical);
    if (table)
      tables.push(toIntrospected(ctx, physical.slice(prefix.length), table, present.has(physical + UNIQUE_SUFFIX)));
  }
  return { databases: ["dynamodb"], schemas: [prefix], tables, routines: [], sequences: [] };
}

export async function listTables(ctx: DynamoContext): Promise<string[]> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const out = await request("ListTables", () =>
      ctx.client.send(new ListTablesCommand(start ? { ExclusiveStartTableName: start } : {})),
    );
    names.push(...(out.TableNames ?? []));
    start = out.LastEvaluatedTableName;
  } while (start);
  return names;
}

function toIntrospected(
  ctx: DynamoContext,
  name: string,
  table: TableDescription,
  hasUniqueTable: boolean,
): IntrospectedTable {
  const primaryKey = (table.KeySchema ?? []).flatMap((k) => (k.AttributeName ? [k.AttributeName] : []));
  const columns = (table.AttributeDefinitions ?? []).map((a) => ({
    name: a.AttributeName ?? "",
    type: a.AttributeType ?? "",
    nullable: !primaryKey.includes(a.AttributeName ?? ""),
    default: null,
    autoincrement: false,
  }));
  const indexes: IntrospectedIndex[] = [{ name: "PRIMARY", columns: primaryKey, unique: true, primary: true }];
  for (const gsi of table.GlobalSecondaryIndexes ?? []) {
    const keys = (gsi.KeySchema ?? []).flatMap((k) => (k.AttributeName ? [k.AttributeName] : []));
    indexes.push({ name: gsi.IndexName ?? "", columns: keys, unique: false, primary: false });
  }
  const known = ctx.schema.find(name);
  if (hasUniqueTable && known) {
    for (const [column, index] of known.uniques)
      indexes.push({ name: index, columns: [column], unique: true, primary: false });
  }
  return { name, columns, primaryKey, indexes, foreignKeys: [] };
}
