export { type ClientOptions, createStrataClient } from "./client/create-client.ts";
export { SchemaMismatchError } from "./client/defaults.ts";
export type { EngineSetup } from "./client/engine.ts";
export type { InputSchemas, SafeParseIssue, SafeParseResult, SafeParser } from "./client/input-schemas.ts";
export { Query } from "./query/query.ts";
export * from "./types/index.ts";
