import { belongsTo, field, hasMany, id, index, model, unique } from "@strata/core";

@model()
@index(["age", "id"])
export class User {
  @id() id!: string;
  @unique() email!: string;
  @field() name!: string;
  @field({ type: "int" }) age!: number;
  @field() active!: boolean;
  @field() createdAt!: Date;
  @hasMany(() => Post, "authorId") posts!: Post[];
}

@model()
@index(["authorId"])
export class Post {
  @id() id!: string;
  @field() authorId!: string;
  @belongsTo(() => User, "authorId") author!: User;
  @field() title!: string;
  @field({ type: "int" }) views!: number;
  @hasMany(() => Comment, "postId") comments!: Comment[];
}

@model()
@index(["postId"])
export class Comment {
  @id() id!: string;
  @field() postId!: string;
  @belongsTo(() => Post, "postId") post!: Post;
  @field() body!: string;
}

/** Insert target of P4 (createMany). */
@model()
export class Event {
  @id() id!: string;
  @field() kind!: string;
  @field({ type: "int" }) amount!: number;
  @field() at!: Date;
}
