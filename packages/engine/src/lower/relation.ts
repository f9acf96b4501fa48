import { type Expr, expr, type RelationDef, UnsupportedError } from "@strata/core";
import { column, type Scope } from "./scope.ts";

/** The fields that join a relation: on the owner (`from`) side and on the target side. */
export function relationKeys(relation: RelationDef): {
  ownerFields: readonly string[];
  targetFields: readonly string[];
} {
  if (relation.kind === "belongsTo") return { ownerFields: relation.foreignKey, targetFields: relation.references };
  return { ownerFields: relation.references, targetFields: relation.foreignKey };
}

/** `target.key = owner.key` for every key column of the relation. */
export function relationJoin(relation: RelationDef, owner: Scope, target: Scope): Expr {
  const { ownerFields, targetFields } = relationKeys(relation);
  const parts = ownerFields.map((f, i) => expr.compare("=", column(target, targetFields[i]!), column(owner, f)));
  return parts.length === 1 ? parts[0]! : expr.and(parts);
}

/** Includes join parent rows by one key field; composite relation keys are refused with a fix. */
export function singleKey(relation: RelationDef, model: string): { ownerField: string; targetField: string } {
  const { ownerFields, targetFields } = relationKeys(relation);
  if (ownerFields.length !== 1 || targetFields.length !== 1) {
    throw new UnsupportedError(
      "compositeRelationInclude",
      `Including ${model}.${relation.name} needs a single-field key; relations over composite keys can be filtered but not included yet. Query the related model directly.`,
    );
  }
  return { ownerField: ownerFields[0]!, targetField: targetFields[0]! };
}
