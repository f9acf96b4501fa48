import type { FieldDef, IndexDef, RelationKind } from "@strata/core";
import { type ClassDeclaration, type Decorator, Node } from "ts-morph";
import type { ModelIssue } from "../errors.ts";
import { optionsArg, optionValue, readBoolean, readNames, readString } from "./decorator-args.ts";
import { readField } from "./field.ts";
import { defaultTableName } from "./naming.ts";

/** A relation as written; references and target checks need every model, so they come later. */
export interface DraftRelation {
  name: string;
  kind: RelationKind;
  target: string;
  foreignKey: string[];
  line: number;
  /** Whether the property is annotated as an array (`Post[]`). */
  isArray: boolean;
}

/** One model class, read but not yet checked against the others. */
export interface DraftModel {
  name: string;
  table: string;
  file: string;
  line: number;
  /** How index.ts imports the class: its name, or "default". */
  exportName: string | undefined;
  fields: FieldDef[];
  fieldLines: Map<string, number>;
  /** Source text of each default function, by field. */
  defaultFunctions: Map<string, string>;
  id: { fields: string[]; line: number }[];
  /** Class-level `@index` declarations; unique fields are added as indexes by the validator. */
  indexes: (IndexDef & { line: number; explicitName: boolean })[];
  uniques: string[];
  relations: DraftRelation[];
}

const FIELD_DECORATORS = new Set(["field", "id", "unique"]);
const RELATION_DECORATORS = new Set<string>(["hasMany", "hasOne", "belongsTo"]);

export function isModelClass(cls: ClassDeclaration): boolean {
  return cls.getDecorators().some((d) => d.getName() === "model");
}

export function readModelClass(cls: ClassDeclaration, issues: ModelIssue[]): DraftModel {
  const file = cls.getSourceFile().getFilePath();
  const name = cls.getName() ?? "default";
  const line = (cls.getNameNode() ?? cls).getStartLineNumber();
  const report = (at: number, message: string, hint: string) =>
    issues.push({ file, line: at, message: `${name}: ${message}`, hint });

  const modelDecorator = cls.getDecorators().find((d) => d.getName() === "model");
  const modelOptions = modelDecorator ? optionsArg(modelDecorator, 0) : { ok: true as const, value: undefined };
  let table = defaultTableName(name);
  if (!modelOptions.ok) report(line, modelOptions.message, modelOptions.hint);
  else {
    const given = readString(optionValue(modelOptions.value, "name"), "name");
    if (!given.ok) report(line, given.message, given.hint);
    else if (given.value !== undefined) table = given.value;
  }
  const exportName = cls.isDefaultExport() ? "default" : cls.isExported() ? name : undefined;
  if (!cls.getName()) report(line, "the model class has no name", "name the class: export class User { ... }");
  if (exportName === undefined)
    report(line, "the model class is not exported", `export it: export class ${name} { ... }`);

  const draft: DraftModel = {
    name,
    table,
    file,
    line,
    exportName,
    fields: [],
    fieldLines: new Map(),
    defaultFunctions: new Map(),
    id: [],
    indexes: [],
    uniques: [],
    relations: [],
  };
  readClassDecorators(cls, draft, report);
  for (const prop of cls.getProperties()) {
    if (prop.isStatic()) continue;
    const at = prop.getNameNode().getStartLineNumber();
    const decorators = prop.getDecorators();
    const relation = decorators.find((d) => RELATION_DECORATORS.has(d.getName()));
    const fieldish = decorators.filter((d) => FIELD_DECORATORS.has(d.getName()));
    if (relation) {
      const read = readRelation(relation, prop.getName(), at, prop.getTypeNode());
      if (typeof read === "string") report(at, read, `write it as @${relation.getName()}(() => Target, "foreignKey")`);
      else draft.relations.push(read);
      continue;
    }
    if (fieldish.length === 0) {
      report(
        at,
        `property "${prop.getName()}" has no Strata decorator`,
        "add @field() (or make it a getter or method if it is not stored)",
      );
      continue;
    }
    const isId = fieldish.some((d) => d.getName() === "id");
    const options = fieldish.find((d) => d.getName() === "field") ?? fieldish.find((d) => d.getName() === "unique");
    const field = readField(prop, options, isId);
    if (!field.ok) {
      report(at, `field "${prop.getName()}": ${field.message}`, field.hint);
      continue;
    }
    const { def, defaultFunction } = field.value;
    draft.fields.push(def);
    draft.fieldLines.set(def.name, at);
    if (defaultFunction !== undefined) draft.defaultFunctions.set(def.name, defaultFunction);
    if (isId) draft.id.push({ fields: [def.name], line: at });
    if (fieldish.some((d) => d.getName() === "unique")) draft.uniques.push(def.name);
  }
  return draft;
}

type Report = (line: number, message: string, hint: string) => void;

function readClassDecorators(cls: ClassDeclaration, draft: DraftModel, report: Report): void {
  for (const d of cls.getDecorators()) {
    const at = d.getStartLineNumber();
    const [first] = d.getArguments();
    if (d.getName() === "id") {
      const fields = readNames(first, "@id([...]) on a class");
      if (fields.ok) draft.id.push({ fields: fields.value, line: at });
      else report(at, fields.message, fields.hint);
    }
    if (d.getName() === "index") {
      const fields = readNames(first, "@index([...])");
      const options = optionsArg(d, 1);
      if (!fields.ok) report(at, fields.message, fields.hint);
      if (!options.ok) report(at, options.message, options.hint);
      if (!fields.ok || !options.ok) continue;
      const unique = readBoolean(optionValue(options.value, "unique"), "unique");
      const name = readString(optionValue(options.value, "name"), "name");
      if (!unique.ok) report(at, unique.message, unique.hint);
      if (!name.ok) report(at, name.message, name.hint);
      if (!unique.ok || !name.ok) continue;
      const isUnique = unique.value ?? false;
      draft.indexes.push({
        name: name.value ?? "",
        fields: fields.value,
        unique: isUnique,
        line: at,
        explicitName: name.value !== undefined,
      });
    }
  }
}

/** `@hasMany(() => Post, "authorId")`; returns the problem as a string. */
function readRelation(d: Decorator, name: string, line: number, typeNode: Node | undefined): DraftRelation | string {
  const [targetArg, keyArg] = d.getArguments();
  const body = targetArg && (Node.isArrowFunction(targetArg) ? targetArg.getBody() : undefined);
  if (!body || !Node.isIdentifier(body))
    return `relation "${name}": the target must be an arrow function returning the model class`;
  const keys = readNames(keyArg, "the foreign key");
  if (!keys.ok) return `relation "${name}": ${keys.message}`;
  const isArray =
    typeNode !== undefined &&
    (Node.isArrayTypeNode(typeNode) || /^(readonly\s+)?\w+\[\]$|^Array<\w+>$/.test(typeNode.getText()));
  return { name, kind: d.getName() as RelationKind, target: body.getText(), foreignKey: keys.value, line, isArray };
}
