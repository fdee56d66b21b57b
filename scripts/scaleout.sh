#!/usr/bin/env bash
# `make scaleout`: two web nodes and two Celery workers in network namespaces behind HAProxy,
# exam-day load, one web node and one worker SIGKILLed mid-run; nothing acknowledged may be
# lost (bench/scaleout.py does the run and the checks; README "Scale-out").
#
#   host (root ns)  bridge kso0 10.77.0.1/24
#     HAProxy  127.0.0.1:<port> (HTTP) -> 10.77.0.11:8000, 10.77.0.12:8000
#              10.77.0.1:5432 -> 127.0.0.1:5432 (PostgreSQL), 10.77.0.1:6379 -> Redis
#   ns kso-web1 10.77.0.11   gunicorn      ns kso-worker1 10.77.0.21  celery worker
#   ns kso-web2 10.77.0.12   gunicorn      ns kso-worker2 10.77.0.22  celery worker + beat
#
# Needs root (namespaces), haproxy (scripts/install.sh dev installs it), PostgreSQL and Redis
# on 127.0.0.1. Fails (never skips) when any of it is missing. The namespaces, the bridge and
# every process in them are removed on exit, also after a failure or Ctrl-C.
# Options go to bench/scaleout.py (--students 80 --login-window 30 ...).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
  exec sudo -E "$0" "$@"
fi
command -v haproxy >/dev/null || { echo "scaleout: haproxy is missing (scripts/install.sh dev)"; exit 1; }
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "scaleout: PostgreSQL is not on 127.0.0.1:5432"; exit 1; }
redis-cli -h 127.0.0.1 ping >/dev/null || { echo "scaleout: Redis is not on 127.0.0.1:6379"; exit 1; }

export SCALEOUT_PREFIX=kso SCALEOUT_HOST_IP=10.77.0.1
export SCALEOUT_NODES="web1:10.77.0.11 web2:10.77.0.12 worker1:10.77.0.21 worker2:10.77.0.22"
BRIDGE=kso0
SCALEOUT_STATE=$(mktemp -d /tmp/kopsis-scaleout-state.XXXXXX)
export SCALEOUT_STATE

cleanup() {
  set +e
  if [ -f "$SCALEOUT_STATE/haproxy.pid" ]; then
    kill "$(cat "$SCALEOUT_STATE/haproxy.pid")" 2>/dev/null
  fi
  for node in $SCALEOUT_NODES; do
    ns="$SCALEOUT_PREFIX-${node%%:*}"
    if ip netns list | grep -qw "$ns"; then
      pids=$(ip netns pids "$ns")
      [ -n "$pids" ] && kill -9 $pids 2>/dev/null
      ip netns delete "$ns"
    fi
    ip link delete "$SCALEOUT_PREFIX-${node%%:*}" 2>/dev/null
  done
  ip link delete "$BRIDGE" 2>/dev/null
  rm -rf "$SCALEOUT_STATE"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cleanup 2>/dev/null  # a run that was killed -9 may have left its namespaces behind
mkdir -p "$SCALEOUT_STATE"

ip link add "$BRIDGE" type bridge
ip addr add "$SCALEOUT_HOST_IP/24" dev "$BRIDGE"
ip link set "$BRIDGE" up
for node in $SCALEOUT_NODES; do
  name=${node%%:*}; addr=${node##*:}; ns="$SCALEOUT_PREFIX-$name"
  ip netns add "$ns"
  ip link add "$ns" type veth peer name "$ns-n"
  ip link set "$ns" master "$BRIDGE" up
  ip link set "$ns-n" netns "$ns"
  ip -n "$ns" link set "$ns-n" name eth0
  ip -n "$ns" addr add "$addr/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
done

.venv/bin/python bench/scaleout.py "$@"
