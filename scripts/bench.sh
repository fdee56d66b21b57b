#!/usr/bin/env bash
# `make bench`: run every benchmark script in bench/ (each prints its numbers).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh dev
shopt -s nullglob
scripts=(bench/*.py)
if [ ${#scripts[@]} -eq 0 ]; then echo "no benchmarks in bench/"; exit 1; fi
# Issue 13: the production stack once, every page in one table (PASS/FAIL per target).
status=0
echo "== bench/run_all.py =="
.venv/bin/python bench/run_all.py || status=1
for script in "${scripts[@]}"; do
  [ "$script" = bench/run_all.py ] && continue
  # The exam-day load test runs for minutes on its own stack: `make exam-day`.
  [ "$script" = bench/exam_day.py ] && continue
  echo "== $script =="
  .venv/bin/python "$script" || status=1
done
exit $status
