import type { AppSchema, FieldDef, ModelDef } from "@strata/core";

/** Models as `strata generate` would snapshot them, one version per kind of change. */
const f = (name: string, type: FieldDef["type"], extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  type,
  nullable: false,
  ...extra,
});

const user = (fields: FieldDef[], extra: Partial<ModelDef> = {}): ModelDef => ({
  name: "User",
  table: "users",
  id: ["id"],
  fields: [f("id", "int", { default: { kind: "autoincrement" } }), ...fields],
  indexes: [],
  relations: [],
  ...extra,
});

const post = (extra: Partial<ModelDef> = {}): ModelDef => ({
  name: "Post",
  table: "posts",
  id: ["id"],
  fields: [f("id", "int", { default: { kind: "autoincrement" } }), f("title", "string"), f("authorId", "int")],
  indexes: [],
  relations: [],
  ...extra,
});

const authorRelation = {
  name: "author",
  kind: "belongsTo" as const,
  target: "User",
  foreignKey: ["authorId"],
  references: ["id"],
};

const base = [f("name", "string"), f("age", "int", { nullable: true })];

/** v1: users(name, age?) and posts(title, authorId) without a foreign key. */
export const v1: AppSchema = { models: [user(base), post()] };
/** + column, + index, + unique index, + foreign key. */
export const v2: AppSchema = {
  models: [
    user([...base, f("score", "number", { default: { kind: "literal", value: 0 } })], {
      indexes: [{ name: "users_name_idx", fields: ["name"], unique: false }],
    }),
    post({
      indexes: [{ name: "posts_title_key", fields: ["title"], unique: true }],
      relations: [authorRelation],
    }),
  ],
};
/** Type (age int → bigint), nullability (name nullable), default (score 0 → 1). */
export const v3: AppSchema = {
  models: [
    user(
      [
        f("name", "string", { nullable: true }),
        f("age", "bigint", { nullable: true }),
        f("score", "number", { default: { kind: "literal", value: 1 } }),
      ],
      { indexes: [{ name: "users_name_idx", fields: ["name"], unique: false }] },
    ),
    post({ indexes: [{ name: "posts_title_key", fields: ["title"], unique: true }], relations: [authorRelation] }),
  ],
};
/** Rename users.name → full_name (by --rename), drop index, unique and foreign key. */
export const v4: AppSchema = {
  models: [
    user([
      f("full_name", "string", { nullable: true }),
      f("age", "bigint", { nullable: true }),
      f("score", "number", { default: { kind: "literal", value: 1 } }),
    ]),
    post(),
  ],
};
/** Drop column users.score, add table tags, then (v6) drop it again. */
export const v5: AppSchema = {
  models: [
    user([f("full_name", "string", { nullable: true }), f("age", "bigint", { nullable: true })]),
    post(),
    {
      name: "Tag",
      table: "tags",
      id: ["id"],
      fields: [f("id", "string"), f("label", "string")],
      indexes: [],
      relations: [],
    },
  ],
};
export const v6: AppSchema = { models: [v5.models[0]!, v5.models[1]!] };

export const snapshotText = (app: AppSchema): string =>
  `${JSON.stringify({ version: 1, models: app.models }, null, 2)}\n`;

/** v6 + a new table (succeeds) + users.full_name NOT NULL while a row holds NULL (fails). */
export const vFail: AppSchema = {
  models: [
    user([f("full_name", "string"), f("age", "bigint", { nullable: true })]),
    post(),
    { name: "Note", table: "notes", id: ["id"], fields: [f("id", "string")], indexes: [], relations: [] },
  ],
};
