import { field, id, model, unique } from "@strata/core";

@model()
export class User {
  @id() id!: string;
  @unique() email!: string;
  @field() name!: string;
  @field({ type: "int" }) age!: number;
  @field() active!: boolean;
  @field() createdAt!: Date;
}
