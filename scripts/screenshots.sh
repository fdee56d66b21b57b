#!/usr/bin/env bash
# Refresh docs/screenshots/ from the browser suite's screenshot pages.
set -euo pipefail
cd "$(dirname "$0")/.."
export E2E_ARTIFACTS; E2E_ARTIFACTS=$(mktemp -d /tmp/kopsis-shots.XXXXXX)
scripts/e2e.sh -k "capture" tests/e2e/
mkdir -p docs/screenshots
cp "$E2E_ARTIFACTS"/screens/*.png docs/screenshots/
echo "Screenshots written to docs/screenshots/"
