#!/usr/bin/env bash
# Installs the toolchain and dependencies on a fresh machine (Node 20 is expected).
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM_VERSION=10.34.9
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" --no-fund --no-audit >/dev/null
fi
pnpm install --frozen-lockfile --reporter=append-only 2>&1 | grep -vE "^\s*$" | tail -n 5
pnpm run generate
