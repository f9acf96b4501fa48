import { CommandError } from "./shared.ts";

/**
 * Imports a driver package the CLI needs only for some URLs (the app installs
 * the drivers of its own backends); a missing one says what to install.
 */
export async function importPeer<T>(name: string, usedFor: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    const code = err instanceof Error ? Reflect.get(err, "code") : undefined;
    if (code === "ERR_MODULE_NOT_FOUND" && err instanceof Error && err.message.includes(name)) {
      const missing = /Cannot find (?:package|module) '([^']+)'/.exec(err.message)?.[1] ?? name;
      const pkg = missing.startsWith("@") ? missing.split("/").slice(0, 2).join("/") : missing.split("/")[0];
      throw new CommandError(`${usedFor} needs the package ${pkg}, which is not installed: npm install ${pkg}`, {
        cause: err,
      });
    }
    throw err;
  }
}
