import type { MysqlPool } from "./pool.ts";
import type { PrintCache } from "./statements.ts";
import type { UniqueIndexResolver } from "./unique.ts";

/** What every session of one driver shares. */
export interface DriverContext {
  readonly pool: MysqlPool;
  readonly statements: PrintCache;
  readonly unique: UniqueIndexResolver;
  /** The server URL with the password masked, for messages. */
  readonly server: string;
}
