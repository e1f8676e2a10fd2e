#!/usr/bin/env bash
# Interleaved A/B of the rate limits' request-path cost on one build and one database (docs/performance.md):
# A = limits on, never reached (Redis), B = limits off. After npm run build: bash bench/rate-limit-ab.sh
set -euo pipefail
PROJECT=$(cd "$(dirname "$0")/.." && pwd)
HARNESS=${HARNESS:-$(cd "$PROJECT/../shared/perf" && pwd)}
OUT=${OUT:-/tmp/rate-limit-ab}; mkdir -p "$OUT"
DB=${DB:-ratelimit_perf}
DB_URL="postgres://root@127.0.0.1:5432/$DB"
eval "$(cd "$HARNESS" && node --input-type=module -e "
  const m = await import('./common.mjs');
  console.log('SECRET=' + JSON.stringify(m.DEFAULT_SECRET));
  console.log('SUPER_KEY=' + JSON.stringify(m.DEFAULT_SUPER_KEY));")"
psql -h 127.0.0.1 -U root -d postgres -qAt -c "drop database if exists $DB with (force)" -c "create database $DB"
start() { # port, extra env...
  local port=$1; shift
  (cd "$PROJECT" && exec env PORT="$port" HOST=127.0.0.1 DATABASE_URL="$DB_URL" API_KEY_SECRET="$SECRET" \
    SUPERADMIN_API_KEY="$SUPER_KEY" NODE_ENV=production "$@" setsid node dist/src/main.js >"$OUT/server-$port.log" 2>&1) &
  for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$port/v1/health" && break; sleep 0.5; done
  curl -sf -o /dev/null "http://127.0.0.1:$port/v1/health"
}
pid_of() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
start 3310 REDIS_URL=redis://127.0.0.1:6379 RATE_LIMIT_REDIS_PREFIX="ratelimit-perf:$$:" RATE_LIMIT_KEY_RPS=1000000 RATE_LIMIT_ACCOUNT_RPS=1000000
node "$HARNESS/seed.mjs" --db "$DB_URL" --users "${USERS:-200000}" --accounts 1000 --out "$OUT/seed.json" >"$OUT/seed.out" 2>"$OUT/seed.log"
start 3311 RATE_LIMIT_KEY_RPS=0 RATE_LIMIT_ACCOUNT_RPS=0
PID_A=$(pid_of 3310); PID_B=$(pid_of 3311)
echo "A pid $PID_A, B pid $PID_B"
trap 'kill $PID_A $PID_B 2>/dev/null || true' EXIT
SEED_INFO="$OUT/seed.json" DATABASE_URL="$DB_URL" PID_A="$PID_A" PID_B="$PID_B" LABEL_A=limits-on LABEL_B=limits-off \
  OUT_DIR="$OUT/results" DURATION="${DURATION:-5}" ROUNDS="${ROUNDS:-3}" \
  bash "$HARNESS/bench.sh" http://127.0.0.1:3310 http://127.0.0.1:3311 2>"$OUT/bench.log" | tee "$OUT/bench.out"
curl -s "http://127.0.0.1:3310/metrics" | grep -E '^leadr_rate_limit_(requests_total|store_errors_total|store_duration_seconds_(sum|count))' >"$OUT/metrics-a.txt" || true
curl -sI -H "leadr-api-key: $SUPER_KEY" "http://127.0.0.1:3310/v1/users?limit=1" | grep -i '^ratelimit' >"$OUT/headers-a.txt" || true
