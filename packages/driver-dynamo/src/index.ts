export { dynamoCapability } from "./capability.ts";
export { type DynamoDriver, type DynamoOptions, dynamo } from "./driver.ts";
export type { DynamoSchemaChange } from "./send/schema-changes.ts";
export { dynamoFromUrl, isDynamoUrl } from "./url.ts";
