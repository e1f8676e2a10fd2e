#!/usr/bin/env bash
# Instructions per request of a built server, counted by callgrind (docs/performance.md, "pg's query
# path and plans per request class"): instructions do not depend on what else the machine runs,
# where this VM's CPU time does. Per scenario: WARM sequential keep-alive requests
# (bench/sequential-requests.mjs), the counters zeroed, N requests, a dump; the whole process's
# instructions (its garbage collector included) divided by N.
#   DATABASE_URL=postgres://…/db SEED_INFO=…/seed.json IDS_FILE=ids.txt bash bench/instructions-per-request.sh [SERVER_DIR]
# SERVER_DIR: a built checkout (default: this one), or the Nest floor's folder with
# ENTRY=src/main.mjs. SCENARIOS (default "get-by-id list-first create"), WARM (1000), N (1000), PORT
# (3396). Two servers may be counted side by side (another PORT). Only counts taken the same way
# compare (V8 compiles while a window runs); a valgrind'd server serves ~10 requests a second.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-$here/..}
port=${PORT:-3396}
warm=${WARM:-1000}
count=${N:-1000}
super=$(node -p "require('$SEED_INFO').superadmin.key")
secret=$(node -p "require('$SEED_INFO').api_key_secret")
out=$(mktemp -d)
(cd "$dir" && exec env -u USER PORT="$port" HOST=127.0.0.1 DATABASE_URL="$DATABASE_URL" API_KEY_SECRET="$secret" SUPERADMIN_API_KEY="$super" \
  NODE_ENV=production RATE_LIMIT_KEY_RPS=0 RATE_LIMIT_ACCOUNT_RPS=0 PREPARED=1 \
  setsid valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file="$out/callgrind.%p" \
  node "${ENTRY:-dist/src/main.js}" >"$out/server.log" 2>&1) &
leader=$!
trap 'kill -TERM -- "-$leader" 2>/dev/null || true; rm -rf "$out"' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/v1/health"; do sleep 1; done
pid=$(ss -Hltnp "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
# vgdb finds the server by its USER and HOST: the same as the server's.
control() { env -u USER HOST=127.0.0.1 callgrind_control "$@" "$pid" >/dev/null 2>&1; }
for scenario in ${SCENARIOS:-get-by-id list-first create}; do
  RUN_ID="$$-warm-$scenario" node "$here/sequential-requests.mjs" "$port" "$scenario" "$warm"
  control --zero
  RUN_ID="$$-$scenario" node "$here/sequential-requests.mjs" "$port" "$scenario" "$count"
  control --dump="$scenario"
  sleep 1
  total=$(grep -h -m1 '^summary:' $(ls -t "$out"/callgrind.* | head -1) | awk '{print $2}')
  echo "$scenario: $(node -p "($total / $count / 1e6).toFixed(2)") M instructions per request ($count requests after $warm)"
done
