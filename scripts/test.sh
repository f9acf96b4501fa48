#!/usr/bin/env bash
# Sets up, then runs every check: typecheck, lint and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm run typecheck
pnpm run lint
pnpm exec vitest run
