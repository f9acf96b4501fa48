import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readModels } from "@strata/codegen";
import { belongsTo, field, hasMany, id, index, type ModelClass, model, unique } from "@strata/core";
import { sqlite } from "@strata/driver-sql";
import { createStrataClient, SchemaMismatchError } from "@strata/engine";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The generated schema comes from this source; the classes below are the same
 * models edited after that `strata generate`. Creating a client must refuse
 * each edit with a message naming the difference.
 */
const SOURCE = `import { belongsTo, field, hasMany, id, index, model, unique } from "@strata/core";
@model()
@index(["authorId", "views"])
export class Post {
  @id() id!: string;
  @unique() slug!: string;
  @field() authorId!: string;
  @field({ type: "int", default: 0 }) views!: number;
  @field({ column: "created_at", default: () => new Date() }) createdAt!: Date;
  @belongsTo(() => Author, "authorId") author!: Author;
}
@model({ name: "writers" })
export class Author {
  @id() id!: string;
  @hasMany(() => Post, "authorId") posts!: Post[];
}
`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "strata-mismatch-"));
fs.writeFileSync(path.join(tmp, "models.ts"), SOURCE);
const schema = readModels(path.join(tmp, "models.ts"), { root: tmp });
const driver = sqlite(":memory:");
afterAll(async () => {
  await driver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

@model({ name: "writers" })
class Author {
  @id() id!: string;
  @hasMany(() => Post, "authorId") posts!: Post[];
}

@model()
@index(["authorId", "views"])
class Post {
  @id() id!: string;
  @unique() slug!: string;
  @field() authorId!: string;
  @field({ type: "int", default: 0 }) views!: number;
  @field({ column: "created_at", default: () => new Date() }) createdAt!: Date;
  @belongsTo(() => Author, "authorId") author!: Author;
}

const start = (post: ModelClass, author: ModelClass = Author) =>
  createStrataClient({ schema, models: { Post: post, Author: author } }, { driver });

/** The client refuses to start; the message names the model, the difference and the fix. */
function refused(post: ModelClass, difference: string, author?: ModelClass): void {
  let caught: unknown;
  try {
    start(post, author);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(SchemaMismatchError);
  const message = (caught as Error).message;
  expect(message).toContain(difference);
  expect(message).toMatch(/^Model (Post|Author) changed since the last `strata generate` \(/);
  expect(message).toMatch(/Run `strata generate` again\.$/);
}

describe("the model classes are compared with the generated schema when a client starts", () => {
  it("classes that match start a client", () => {
    const db = start(Post);
    expect(Object.keys(db)).toEqual(expect.arrayContaining(["post", "author"]));
  });

  it("a field option changed: type override, column, default kind or value", () => {
    @model()
    @index(["authorId", "views"])
    class NoInt {
      @id() id!: string;
      @unique() slug!: string;
      @field() authorId!: string;
      @field({ default: 0 }) views!: number;
      @field({ column: "created_at", default: () => new Date() }) createdAt!: Date;
      @belongsTo(() => Author, "authorId") author!: Author;
    }
    refused(NoInt, "field views: type (none) in the class, int in the schema");

    @model()
    @index(["authorId", "views"])
    class Column {
      @id() id!: string;
      @unique() slug!: string;
      @field() authorId!: string;
      @field({ type: "int", default: 1 }) views!: number;
      @field({ column: "created", default: () => new Date() }) createdAt!: Date;
      @belongsTo(() => Author, "authorId") author!: Author;
    }
    refused(Column, "field createdAt: column created in the class, created_at in the schema");
    refused(Column, "field views: default 1 in the class, 0 in the schema");

    @model()
    @index(["authorId", "views"])
    class DefaultKind {
      @id() id!: string;
      @unique() slug!: string;
      @field() authorId!: string;
      @field({ type: "int", default: () => 0 }) views!: number;
      @field({ column: "created_at" }) createdAt!: Date;
      @belongsTo(() => Author, "authorId") author!: Author;
    }
    refused(DefaultKind, "field views: default a function in the class, 0 in the schema");
    refused(DefaultKind, "field createdAt: default (none) in the class, a function in the schema");
  });

  it("the id, a unique field or an index changed", () => {
    @model()
    @id(["id", "slug"])
    @index(["authorId", "views"])
    class CompositeId {
      @field() id!: string;
      @field() slug!: string;
      @field() authorId!: string;
      @field({ type: "int", default: 0 }) views!: number;
      @field({ column: "created_at", default: () => new Date() }) createdAt!: Date;
      @belongsTo(() => Author, "authorId") author!: Author;
    }
    refused(CompositeId, "id: (id, slug) in the class, (id) in the schema");
    refused(CompositeId, "indexes only in the schema: unique(slug)");

    @model()
    @index(["authorId", "createdAt"], { unique: true })
    class OtherIndex {
      @id() id!: string;
      @unique() slug!: string;
      @field() authorId!: string;
      @field({ type: "int", default: 0 }) views!: number;
      @field({ column: "created_at", default: () => new Date() }) createdAt!: Date;
      @belongsTo(() => Author, "authorId") author!: Author;
    }
    refused(
      OtherIndex,
      "indexes only in the class: unique(authorId, createdAt); indexes only in the schema: index(authorId, views)",
    );
  });

  it("a relation changed (kind, target or key), or the table name", () => {
    @model()
    @index(["authorId", "views"])
    class OtherKey {
      @id() id!: string;
      @unique() slug!: string;
      @field() authorId!: string;
      @field({ type: "int", default: 0 }) views!: number;
      @field({ column: "created_at", default: () => new Date() }) createdAt!: Date;
      @belongsTo(() => Author, "slug") author!: Author;
    }
    refused(
      OtherKey,
      "relations only in the class: author: @belongsTo(Author, slug); relations only in the schema: author: @belongsTo(Author, authorId)",
    );

    @model({ name: "authors" })
    class Renamed {
      @id() id!: string;
      @hasMany(() => Post, "authorId") posts!: Post[];
    }
    refused(Post, 'table: "authors" in the class, "writers" in the schema', Renamed);
  });

  it("a field added to or removed from the class", () => {
    @model()
    @index(["authorId", "views"])
    class Added {
      @id() id!: string;
      @unique() slug!: string;
      @field() authorId!: string;
      @field({ type: "int", default: 0 }) views!: number;
      @field({ column: "created_at", default: () => new Date() }) createdAt!: Date;
      @field() title!: string;
      @belongsTo(() => Author, "authorId") author!: Author;
    }
    refused(Added, "new in the class: title");
  });
});
