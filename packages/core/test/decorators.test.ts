import { describe, expect, it } from "vitest";
import { belongsTo, field, hasMany, id, index, model, readModelMetadata, unique } from "../src/index.ts";

@model({ name: "people" })
@index(["name", "age"], { unique: true })
class Person {
  @id() id!: string;
  @unique() email!: string;
  @field({ default: () => "x" }) name!: string;
  @field({ type: "int" }) age!: number;
  @hasMany(() => Pet, "ownerId") pets!: Pet[];
}

@model()
@id(["ownerId", "name"])
class Pet {
  @field() ownerId!: string;
  @field() name!: string;
  @belongsTo(() => Person, "ownerId") owner!: Person;
}

describe("decorators", () => {
  it("keep their arguments with reflect-metadata", () => {
    const meta = readModelMetadata(Person);
    expect(meta?.options).toEqual({ name: "people" });
    expect(meta?.id).toEqual(["id"]);
    expect(meta?.uniques).toEqual(["email"]);
    expect(meta?.fields.age).toEqual({ type: "int" });
    expect(typeof meta?.fields.name?.default).toBe("function");
    expect(meta?.indexes).toEqual([{ fields: ["name", "age"], options: { unique: true } }]);
    expect(meta?.relations.pets?.kind).toBe("hasMany");
    expect(meta?.relations.pets?.target()).toBe(Pet);
    expect(readModelMetadata(Pet)?.id).toEqual(["ownerId", "name"]);
    expect(readModelMetadata(Pet)?.relations.owner?.foreignKey).toBe("ownerId");
  });

  it("do not rely on design:type metadata", () => {
    expect(Reflect.getMetadata("design:type", Person.prototype, "email")).toBeUndefined();
  });
});
