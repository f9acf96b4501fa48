#!/usr/bin/env node
// Inside this repository the bin runs the TypeScript sources through tsx; the
// published package's bin is dist/bin.js (package.json publishConfig).
import { register } from "tsx/esm/api";

register();
await import("../src/bin.ts");
