#!/usr/bin/env bash
# Install what Kopsis needs on a Debian/Ubuntu machine: apt packages (only those missing),
# a virtualenv at .venv with the pinned Python set, and compiled translations.
# Usage: scripts/install.sh [runtime|dev]
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-runtime}
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
APT_PKGS="python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext"
if [ "$MODE" = "dev" ]; then
  APT_PKGS="$APT_PKGS chromium libatomic1 poppler-utils zbar-tools curl haproxy iproute2 wrk"
fi
if command -v dpkg >/dev/null 2>&1; then
  missing=$(for p in $APT_PKGS; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
  if [ -n "$missing" ]; then
    echo "Installing Debian packages: $missing"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
  fi
fi
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
LOCK=requirements.lock; [ "$MODE" = "dev" ] && LOCK=requirements-dev.lock
# Re-install only when the lock changed since the last successful install.
STAMP=".venv/.installed-$(sha256sum "$LOCK" | cut -c1-16)"
if [ ! -f "$STAMP" ]; then
  # Some machines configure extra local indexes that do not exist; drop pip's noise about them.
  if ! out=$(.venv/bin/pip install -q --disable-pip-version-check -r "$LOCK" 2>&1); then
    echo "$out"; exit 1
  fi
  echo "$out" | grep -v "is ignored: it is neither a file nor a directory" || true
  touch "$STAMP"
fi
.venv/bin/python manage.py compilemessages -v0 --ignore '.venv/*' --ignore 'var/*'
