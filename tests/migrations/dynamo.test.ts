import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildDbSchema } from "@strata/core";
import { type DynamoDriver, dynamoCapability, dynamoFromUrl } from "@strata/driver-dynamo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { d0, d1, d2 } from "./dynamo-schemas.ts";
import { snapshotText } from "./schemas.ts";

const bin = path.resolve(import.meta.dirname, "../../packages/cli/bin/strata.js");
const strata = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
const json = (stdout: string): { changes: { summary: string }[]; dataLoss: string[] } => JSON.parse(stdout);

const endpoint = new URL(process.env.STRATA_DYNAMO_ENDPOINT ?? "http://127.0.0.1:8000");
const prefix = `mig${process.pid}_${Date.now().toString(36)}_`;
const url = `dynamodb://${endpoint.host}?prefix=${prefix}`;

describe("strata migrate / db push on DynamoDB", () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "strata-dynamo-mig-"));
  let driver: DynamoDriver;
  const live = async () => {
    const found = await driver.introspect();
    return Object.fromEntries(
      found.tables.map((t) => [t.name, t.indexes.filter((i) => !i.primary && !i.unique).map((i) => i.name)]),
    );
  };
  beforeAll(() => {
    for (const [name, app] of Object.entries({ d0, d1, d2 }))
      fs.writeFileSync(path.join(cwd, `${name}.json`), snapshotText(app));
    driver = dynamoFromUrl(url);
  });
  afterAll(async () => {
    await driver?.close();
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it("creates tables, the unique-item table and, on an existing table, a GSI; a re-run changes nothing", async () => {
    const first = strata(cwd, "db", "push", "--url", url, "--snapshot", "d0.json", "--json");
    expect(first.status).toBe(0);
    expect(json(first.stdout).changes.map((c) => c.summary)).toEqual([
      `create table ${prefix}users`,
      `create unique-item table ${prefix}users__unique`,
    ]);
    const second = strata(cwd, "migrate", "dev", "--url", url, "--snapshot", "d1.json");
    expect(second.status).toBe(0);
    expect(second.stdout).toContain(`create GSI users_name_idx on ${prefix}users`);
    expect(second.stdout).toContain(`create table ${prefix}notes`);
    expect(second.stderr).toContain("waiting for ACTIVE");
    expect(await live()).toEqual({ users: ["users_name_idx"], notes: [] });
    const again = strata(cwd, "migrate", "deploy", "--url", url, "--snapshot", "d1.json");
    expect(again.status).toBe(0);
    expect(again.stdout.trim()).toBe("strata migrate deploy: the DynamoDB tables already match the snapshot");
  });

  it("refuses to drop a removed table and GSI without --accept-data-loss, drops them with it, keeps data", async () => {
    driver.useSchema(buildDbSchema(d1, dynamoCapability).db);
    await driver.exec({ kind: "PutItem", table: "users", item: { id: "u1", email: "a@x", name: "ann" } });
    const refused = strata(cwd, "migrate", "dev", "--url", url, "--snapshot", "d2.json");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`drop table ${prefix}notes (its items are lost)`);
    expect(refused.stderr).toContain(`drop GSI users_name_idx on ${prefix}users`);
    expect(refused.stderr).toContain("pass --accept-data-loss");
    expect(await live()).toEqual({ users: ["users_name_idx"], notes: [] });
    const accepted = strata(cwd, "db", "push", "--url", url, "--snapshot", "d2.json", "--accept-data-loss", "--json");
    expect(accepted.status).toBe(0);
    expect(json(accepted.stdout).dataLoss).toEqual([
      `drop GSI users_name_idx on ${prefix}users`,
      `drop table ${prefix}notes (its items are lost)`,
    ]);
    expect(await live()).toEqual({ users: [] });
    const { rows } = await driver.exec({ kind: "Scan", table: "users" });
    expect(rows).toEqual([{ id: "u1", email: "a@x", name: "ann" }]);
    const again = strata(cwd, "db", "push", "--url", url, "--snapshot", "d2.json");
    expect(again.stdout.trim()).toBe("strata db push: the DynamoDB tables already match the snapshot");
  });
});
