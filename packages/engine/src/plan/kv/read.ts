import { type ModelIndex, type Operation, UnsupportedError } from "@strata/core";
import { fieldEncoder } from "../../lower/codec.ts";
import { relationKeys } from "../../lower/relation.ts";
import type { NormFilter, NormRead } from "../../simplify/normalized.ts";
import type { PlanContext } from "../sql/context.ts";
import { totalOrder } from "../sql/cursor.ts";
import { chooseAccess, scanAccess } from "./access.ts";
import { kvDecoder } from "./decode.ts";
import type { KvAccess, KvInclude, KvReadNode } from "./types.ts";

export type KvPlanContext = PlanContext & { allowScan: boolean };

function refuseRelationFilters(model: ModelIndex, f: NormFilter | null): void {
  if (!f) return;
  if (f.k === "rel") {
    throw new UnsupportedError(
      "relationFilters",
      `Filtering ${model.name} by its relation "${f.relation}" needs a join, which this backend cannot do. Query the related model first and filter ${model.name} by the keys it returns.`,
    );
  }
  if (f.k === "and" || f.k === "or") for (const item of f.items) refuseRelationFilters(model, item);
  if (f.k === "not") refuseRelationFilters(model, f.item);
}

/** Plans one level of a key-value read and its includes. */
export function planKvRead(
  pc: KvPlanContext,
  modelName: string,
  read: NormRead,
  options: { limitOne?: boolean } = {},
): KvReadNode {
  const model = pc.schema.model(modelName);
  refuseRelationFilters(model, read.where);
  const single = read.orderBy.length === 1 ? read.orderBy[0] : undefined;
  const access = chooseAccess({ pc, model, where: read.where, order: single });
  return finishNode(pc, model, read, access, options.limitOne ?? false);
}

function finishNode(
  pc: KvPlanContext,
  model: ModelIndex,
  read: NormRead,
  access: KvAccess,
  limitOne: boolean,
): KvReadNode {
  const sortInMemory = read.orderBy.length > 0 && !access.ordered;
  if (sortInMemory && access.kind !== "GetByKey" && !pc.allowScan) {
    const sortField = read.orderBy[0]!.field;
    throw new UnsupportedError(
      "orderByAnyField",
      `Ordering ${model.name} by ${read.orderBy.map((o) => o.field).join(", ")} here needs an in-memory sort of the whole result. To serve it, add an index whose sort key is ${sortField} (e.g. @index(["<partition field>", "${sortField}"])), or pass allowScan: true to accept sorting in memory.`,
    );
  }
  let cursor: KvReadNode["cursor"] = null;
  if (read.cursor) {
    const fields = read.cursor.map((c) => c.field);
    const slots = read.cursor.map((c) => c.slot);
    cursor = { access: keyAccess(pc, model, fields, slots), order: totalOrder(model, read.orderBy) };
  }
  return {
    model: model.name,
    table: model.def.table,
    decode: kvDecoder(pc, model),
    version: versionFieldOf(model) ? { field: "version", column: model.column("version") } : null,
    access,
    where: read.where,
    orderBy: read.orderBy.length > 0 ? totalOrder(model, read.orderBy) : [],
    sortInMemory,
    take: read.take,
    skip: read.skip,
    limitOne,
    cursor,
    fields: read.selection.fields,
    includes: read.selection.relations.map((r) => planKvInclude(pc, model, r.relation, r.read)),
  };
}

/** An `int` field named `version` opts a model into optimistic checks in key-value transactions. */
export function versionFieldOf(model: ModelIndex): string | null {
  return model.fields.get("version")?.type === "int" ? "version" : null;
}

function keyAccess(pc: PlanContext, model: ModelIndex, fields: string[], slots: number[]): KvAccess {
  const table = model.def.table;
  const encoders = fields.map((f) => fieldEncoder(pc.capability, model.field(f)));
  return {
    kind: "GetByKey",
    build: (values) => [
      {
        kind: "GetByKey",
        table,
        keys: [Object.fromEntries(fields.map((f, i) => [model.column(f), encoders[i]!(values[slots[i]!])]))],
      },
    ],
    template: { kind: "GetByKey", table, keys: [] },
    why: "the cursor row is read by its unique key",
    ordered: false,
    exact: true,
  };
}

/**
 * An include level reads the children of all parents at once where the
 * backend can batch (key lookups: ⌈keys/maxKeysPerGet⌉ requests); a to-many
 * relation over a secondary index costs one index query per parent key,
 * because no batched query exists.
 */
export function planKvInclude(pc: KvPlanContext, owner: ModelIndex, relationName: string, read: NormRead): KvInclude {
  const relation = owner.relations.get(relationName)!;
  const target = pc.schema.model(relation.target);
  const { ownerFields, targetFields } = relationKeys(relation);
  if (ownerFields.length !== 1 || targetFields.length !== 1) {
    throw new UnsupportedError(
      "compositeRelationInclude",
      `Including ${owner.name}.${relationName} needs a single-field key.`,
    );
  }
  if (read.cursor)
    throw new UnsupportedError(
      "cursorInInclude",
      `cursor paging inside include (${owner.name}.${relationName}) is not supported.`,
    );
  refuseRelationFilters(target, read.where);
  const childField = targetFields[0]!;
  const access = childAccess(pc, target, childField, relationName);
  const node = finishNode(pc, target, read, access, false);
  return { relation: relationName, parentField: ownerFields[0]!, childField, many: relation.kind === "hasMany", node };
}

function childAccess(pc: KvPlanContext, target: ModelIndex, childField: string, relationName: string): KvAccess {
  const table = target.def.table;
  const column = target.column(childField);
  const encode = fieldEncoder(pc.capability, target.field(childField));
  const keys = (input: { parentKeys?: unknown[] }) => (input.parentKeys ?? []).map(encode);
  const isId = target.def.id.length === 1 && target.def.id[0] === childField;
  const isUnique = target.def.indexes.some((i) => i.unique && i.fields.length === 1 && i.fields[0] === childField);
  if (isId || isUnique) {
    return {
      kind: "GetByKey",
      build: (_, input) => [{ kind: "GetByKey", table, keys: keys(input).map((k) => ({ [column]: k })) }],
      template: { kind: "GetByKey", table, keys: [] },
      why: `${relationName}: the parents' keys are ${isId ? "ids" : `unique ${childField} values`} of ${target.name}, read in batches`,
      ordered: false,
      exact: true,
    };
  }
  const index = target.def.indexes.find((i) => !i.unique && i.fields[0] === childField);
  const partitioned = target.def.id.length > 1 && target.def.id[0] === childField;
  if (index || partitioned) {
    const perKey = (k: unknown): Operation =>
      index
        ? { kind: "QueryIndex", index: index.name, table, partition: { attribute: column, value: k } }
        : { kind: "QueryPk", table, partition: { attribute: column, value: k } };
    return {
      kind: index ? "QueryIndex" : "QueryPk",
      build: (_, input) => keys(input).map(perKey),
      template: perKey(undefined),
      why: `${relationName}: one ${index ? `query on index ${index.name}` : "partition query"} per parent key (no batched query exists)`,
      ordered: false,
      exact: true,
    };
  }
  if (!pc.allowScan) {
    throw new UnsupportedError(
      "secondaryIndexes",
      `Including ${relationName} reads ${target.name} by ${childField}, which has no index. Add @index(["${childField}"]) to ${target.name}, or pass allowScan: true to accept a scan.`,
    );
  }
  return scanAccess(
    pc,
    target,
    null,
    `${relationName}: ${target.name}.${childField} has no index; scanning (allowScan)`,
  );
}
