export { dynamoCapability } from "./capability.ts";
export { type DynamoDriver, type DynamoOptions, dynamo } from "./driver.ts";
