import { type DbSchema, DriverError } from "@strata/core";
import { buildTableModel, type TableModel } from "./model.ts";

/** The tables the driver knows, learnt through useSchema(db) and push(db). */
export class SchemaRegistry {
  readonly #tables = new Map<string, TableModel>();

  constructor(readonly prefix: string) {}

  /** Lays out every table first, so a refused table leaves the registry unchanged. */
  use(schema: DbSchema): TableModel[] {
    const models = schema.tables.map((t) => buildTableModel(t, this.prefix));
    for (const m of models) this.#tables.set(m.name, m);
    return models;
  }

  table(name: string): TableModel {
    const model = this.#tables.get(name);
    if (!model) {
      throw new DriverError(
        `DynamoDB driver does not know table ${name}: the engine passes the schema through useSchema(db) when the client is created, or call driver.push(db) first.`,
      );
    }
    return model;
  }

  find(name: string): TableModel | undefined {
    return this.#tables.get(name);
  }

  all(): TableModel[] {
    return [...this.#tables.values()];
  }
}
