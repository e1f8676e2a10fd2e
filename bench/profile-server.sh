#!/usr/bin/env bash
# A CPU profile of a server under wrk load, summed by request-path layer (bench/profile-layers.mjs):
# the method of the cost table in docs/performance.md.
#
#   bench/profile-server.sh SERVER_ENTRY SCENARIO [DURATION_S]
#
# SERVER_ENTRY: dist/src/main.js (this project, built) or the Nest floor's src/main.mjs.
# SCENARIO: get-by-id | list-first | create. Needs a database seeded by the perf harness
# (../shared/perf/seed.mjs; run-project.sh keeps its database): DATABASE_URL, SEED_INFO (its
# seed.json) and IDS_FILE (usr_… ids, one a line) in the environment. PORT (default 3390), LABEL
# (names the .cpuprofile in OUT_DIR, default /tmp), SERVER_CWD (default: the entry's folder's parent).
# The server is started with bench/cpu-profile-preload.mjs, warmed up for 3 s, then profiled for
# DURATION_S (default 10) under wrk (1 thread, 10 connections, as the harness), and stopped.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
entry=$1
scenario=$2
duration=${3:-10}
port=${PORT:-3390}
label=${LABEL:-server}
out=${OUT_DIR:-/tmp}/profile-$label-$scenario.cpuprofile
lua=${WRK_LUA:-$here/../../shared/perf/wrk/bench.lua}
super=$(node -p "require('$SEED_INFO').superadmin.key")
regular=$(node -p "require('$SEED_INFO').regular.key")
account=$(node -p "require('$SEED_INFO').create_account_id")
secret=$(node -p "require('$SEED_INFO').api_key_secret")

(cd "${SERVER_CWD:-$(dirname "$entry")/..}" && exec env PORT="$port" HOST=127.0.0.1 DATABASE_URL="$DATABASE_URL" API_KEY_SECRET="$secret" \
  SUPERADMIN_API_KEY="$super" NODE_ENV=production RATE_LIMIT_KEY_RPS=0 RATE_LIMIT_ACCOUNT_RPS=0 PREPARED=1 \
  CPU_PROFILE_OUT="$out" setsid node --import "$here/cpu-profile-preload.mjs" "$(realpath "$entry")" >/tmp/profile-server.log 2>&1) &
leader=$!
trap 'kill -TERM -- "-$leader" 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/v1/health"; do sleep 0.3; done
pid=$(ss -Hltnp "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)

case $scenario in
  get-by-id) args=(ids "$super" "$IDS_FILE" 1) ;;
  list-first) args=(path "$regular" "/v1/users?limit=20") ;;
  create) args=(create "$super" "$account" "prof$$-warm-up") ;;
  *) echo "unknown scenario $scenario" >&2; exit 2 ;;
esac
wrk -t1 -c10 -d3s -s "$lua" "http://127.0.0.1:$port" -- "${args[@]}" >/dev/null
# A create's emails carry the run's id: the profiled run's must differ from the warm-up's, or its
# first creates would all answer 409.
[ "$scenario" != create ] || args=(create "$super" "$account" "prof$$")
cpu0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
kill -WINCH "$pid"
sleep 0.2
result=$(wrk -t1 -c10 -d"${duration}s" -s "$lua" "http://127.0.0.1:$port" -- "${args[@]}" | grep WRKJSON | sed 's/^WRKJSON //')
kill -WINCH "$pid"
cpu1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
sleep 1
requests=$(node -p "JSON.parse(process.argv[1]).requests" "$result")
ticks=$(getconf CLK_TCK)
echo "$scenario on $entry: $requests requests in ${duration}s, server CPU $(( (cpu1 - cpu0) * 1000000 / ticks / requests )) us/request (/proc, all threads), RSS $(grep VmRSS /proc/$pid/status | awk '{print $2}') kB"
node "$here/profile-layers.mjs" "$out" "$requests" --top "${TOP:-25}"
