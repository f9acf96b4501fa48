#!/usr/bin/env bash
# Sets up (pnpm, dependencies, generated clients), then runs examples/todo on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm --filter todo-example start
