import { type AppSchema, buildDbSchema } from "@strata/core";
import type { DynamoSchemaChange } from "@strata/driver-dynamo";
import { importPeer } from "./peers.ts";
import { CommandError, progress, report } from "./shared.ts";

/** `dynamodb://host:port?prefix=app_` (or `dynamodb+https://`): the tables of one prefix. */
export const isDynamoUrl = (url: string): boolean => /^dynamodb(\+https)?:/i.test(url);

interface DynamoFlags {
  acceptDataLoss?: boolean;
  json?: boolean;
}

/**
 * DynamoDB has no SQL files: `command` compares the snapshot with the tables
 * under the URL's prefix, deletes the tables and GSIs the snapshot no longer
 * has (only with --accept-data-loss), and creates the missing ones, waiting
 * until each deletion is done and everything is ACTIVE.
 */
export async function applyDynamo(command: string, url: string, app: AppSchema, flags: DynamoFlags): Promise<void> {
  const { dynamoCapability, dynamoFromUrl } = await importPeer<typeof import("@strata/driver-dynamo")>(
    "@strata/driver-dynamo",
    "a dynamodb:// URL",
    () => import("@strata/driver-dynamo"),
  );
  const schema = buildDbSchema(app, dynamoCapability).db;
  const driver = dynamoFromUrl(url);
  const spinner = progress(flags.json, "comparing the DynamoDB tables with the snapshot");
  try {
    const changes = await driver.schemaChanges(schema);
    const drops = changes.filter((c) => c.action === "drop");
    if (drops.length > 0 && !flags.acceptDataLoss) {
      throw new CommandError(
        [
          `${command}: these changes lose data (dynamodb):`,
          ...drops.map((c) => `  - ${c.summary}`),
          "  pass --accept-data-loss to apply them anyway",
        ].join("\n"),
      );
    }
    // One line per step off a terminal: each step ends the previous one.
    await driver.applySchemaChanges(schema, changes, (step) => spinner.succeed(undefined, step));
    if (changes.length > 0) spinner.succeed();
    else spinner.stop();
    report(flags, summary(command, changes), {
      dialect: "dynamodb",
      changes: changes.map(({ action, kind, physical, index, summary }) => ({
        action,
        kind,
        table: physical,
        index: index ?? null,
        summary,
      })),
      dataLoss: drops.map((c) => c.summary),
    });
  } catch (err) {
    spinner.fail(`${command} failed`);
    throw err;
  } finally {
    await driver.close();
  }
}

function summary(command: string, changes: readonly DynamoSchemaChange[]): string {
  if (changes.length === 0) return `${command}: the DynamoDB tables already match the snapshot`;
  return `${command}: ${changes.length} changes applied\n${changes.map((c) => `  - ${c.summary}`).join("\n")}`;
}
