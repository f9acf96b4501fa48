export { ConfigError, defineConfig, loadConfig, type StrataConfig } from "./config.ts";
export { MigrationError } from "./migrate/apply.ts";
export { type ComputedMigration, computeMigration, migrationText } from "./migrate/compute.ts";
export { type DeployResult, deployMigrations, type MigrationStatus, migrationStatus } from "./migrate/deploy.ts";
export { UnsupportedChangeError } from "./migrate/diff.ts";
export { listMigrations, nextMigrationName, readMigration, writeMigration } from "./migrate/file.ts";
export { type LiveTable, liveFromIntrospection } from "./migrate/model.ts";
export { parseRenames, type Renames } from "./migrate/renames.ts";
export { openTarget, type SqlTarget } from "./migrate/target.ts";
