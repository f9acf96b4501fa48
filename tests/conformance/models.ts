import { belongsTo, field, hasMany, hasOne, id, index, type Json, model, unique } from "@strata/core";

@model()
export class User {
  @id() id!: string;
  @unique() email!: string;
  @field() name!: string;
  @field({ type: "int" }) age?: number | null;
  @field() score?: number | null;
  @field() role!: "admin" | "member";
  @field({ default: true }) active!: boolean;
  @field({ default: () => new Date() }) createdAt!: Date;
  @field() settings?: Json | null;
  @field() balance?: bigint | null;
  @field() avatar?: Uint8Array | null;
  @hasMany(() => Post, "authorId") posts!: Post[];
  @hasOne(() => Profile, "userId") profile?: Profile | null;
}

@model()
export class Profile {
  @id() id!: string;
  @unique() userId!: string;
  @field() bio!: string;
  @belongsTo(() => User, "userId") user!: User;
}

@model()
@index(["authorId", "createdAt"])
export class Post {
  @id() id!: string;
  @field() authorId!: string;
  @belongsTo(() => User, "authorId") author!: User;
  @field() title!: string;
  @field({ default: false }) published!: boolean;
  @field({ type: "int", default: 0 }) views!: number;
  @field() createdAt!: Date;
  @hasMany(() => Comment, "postId") comments!: Comment[];
}

@model()
@index(["postId"])
export class Comment {
  @id() id!: string;
  @field() postId!: string;
  @belongsTo(() => Post, "postId") post!: Post;
  @field() body!: string;
  @field() authorEmail?: string | null;
}

/** A number id the database assigns (autoincrement, SQL backends). */
@model()
export class Tally {
  @id() id!: number;
  @field() label!: string;
}
