export { BACKENDS, type Backend } from "./backends.ts";
export { formatIssue, GenerateError, type ModelIssue } from "./errors.ts";
export { type GenerateOptions, type GenerateResult, generate, summarize } from "./generate.ts";
export { readModels } from "./reader/index.ts";
export { type Watcher, type WatchLog, watchModels } from "./watch.ts";
