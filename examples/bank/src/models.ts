import { belongsTo, field, id, model } from "@strata/core";

@model()
export class Account {
  @id() id!: string;
  @field() owner!: string;
  @field({ type: "int" }) balance!: number;
  /** Bumped by every update; on DynamoDB a transaction commits only if it is unchanged since read. */
  @field({ type: "int", default: 0 }) version!: number;
}

@model()
export class Transfer {
  @id() id!: string;
  @field() fromId!: string;
  @belongsTo(() => Account, "fromId") from!: Account;
  @field() toId!: string;
  @belongsTo(() => Account, "toId") to!: Account;
  @field({ type: "int" }) amount!: number;
  @field({ default: () => new Date() }) at!: Date;
}
