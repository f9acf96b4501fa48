import { belongsTo, field, hasMany, id, index, model, unique } from "@strata/core";

@model()
export class User {
  @id() id!: string;
  @unique() email!: string;
  @field() name!: string;
  @field({ default: () => new Date() }) createdAt!: Date;
  @hasMany(() => TodoList, "ownerId") lists!: TodoList[];
}

@model()
@index(["ownerId"])
export class TodoList {
  @id() id!: string;
  @field() ownerId!: string;
  @belongsTo(() => User, "ownerId") owner!: User;
  @field() title!: string;
  @hasMany(() => Todo, "listId") todos!: Todo[];
}

@model()
@index(["listId"])
export class Todo {
  @id() id!: string;
  @field() listId!: string;
  @belongsTo(() => TodoList, "listId") list!: TodoList;
  @field() title!: string;
  @field({ default: false }) done!: boolean;
  @field() priority!: "low" | "normal" | "high";
  @field() dueAt?: Date | null;
}
