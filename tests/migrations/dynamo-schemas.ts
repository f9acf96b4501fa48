import type { AppSchema, FieldDef, ModelDef } from "@strata/core";

/** DynamoDB versions of a schema, as `strata generate` would snapshot them. */
const f = (name: string, nullable = false): FieldDef => ({ name, type: "string", nullable });

const users = (indexes: ModelDef["indexes"]): ModelDef => ({
  name: "User",
  table: "users",
  id: ["id"],
  fields: [f("id"), f("email"), f("name", true)],
  indexes,
  relations: [],
});

const notes: ModelDef = {
  name: "Note",
  table: "notes",
  id: ["id"],
  fields: [f("id"), f("body")],
  indexes: [],
  relations: [],
};

const emailKey = { name: "users_email_key", fields: ["email"], unique: true };
const nameIdx = { name: "users_name_idx", fields: ["name"], unique: false };

/** users with a unique email (a unique-item table), no GSI. */
export const d0: AppSchema = { models: [users([emailKey])] };
/** + GSI users_name_idx on the existing table, + table notes. */
export const d1: AppSchema = { models: [users([emailKey, nameIdx]), notes] };
/** − the GSI, − table notes. */
export const d2: AppSchema = { models: [users([emailKey])] };
