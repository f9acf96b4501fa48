import { assertNever, type TransactionAction } from "@strata/core";
import type { SqlDialect } from "../dialect.ts";

/** The SQL text of one transaction-control action. */
export function printTransaction(action: TransactionAction, dialect: SqlDialect): string {
  const q = (name: string): string => dialect.quoteIdentifier(name);
  switch (action.action) {
    case "begin":
      return dialect.begin({ isolation: action.isolation, readOnly: action.readOnly === true });
    case "commit":
      return "COMMIT";
    case "rollback":
      return "ROLLBACK";
    case "savepoint":
      return `SAVEPOINT ${q(action.name)}`;
    case "releaseSavepoint":
      return `RELEASE SAVEPOINT ${q(action.name)}`;
    case "rollbackToSavepoint":
      return `ROLLBACK TO SAVEPOINT ${q(action.name)}`;
    default:
      return assertNever(action, "transaction action");
  }
}
