#!/usr/bin/env bash
# Interleaved runs of this build against the Nest floor, optionally against itself started another
# way or another build (docs/performance.md): A = this build (node $A_NODE_FLAGS, env $A_ENV),
# B = ../shared/perf/nest-floor, C = this build again (node $C_NODE_FLAGS, env $C_ENV), or the
# build in C_PROJECT (a built checkout, e.g. a git worktree of the commit before), when C=1. One database seeded by the harness's seed.mjs (kept between runs; DB, USERS).
#   npm run build && C=1 A_NODE_FLAGS="--heap-growing-percent=50" SCENARIOS=get-by-id ROUNDS=4 bash bench/nest-floor-ab.sh
set -euo pipefail
PROJECT=$(cd "$(dirname "$0")/.." && pwd)
HARNESS=${HARNESS:-$(cd "$PROJECT/../shared/perf" && pwd)}
OUT=${OUT:-/tmp/nest-floor-ab}; mkdir -p "$OUT"
DB=${DB:-nest_floor_ab}; DB_URL="postgres://root@127.0.0.1:5432/$DB"
SEED="$OUT/seed-$DB.json"
eval "$(cd "$HARNESS" && node --input-type=module -e "
  const m = await import('./common.mjs');
  console.log('SECRET=' + JSON.stringify(m.DEFAULT_SECRET));
  console.log('SUPER_KEY=' + JSON.stringify(m.DEFAULT_SUPER_KEY));")"
[ -d "$HARNESS/node_modules/pg" ] || (cd "$HARNESS" && npm install --no-audit --no-fund >/dev/null)
[ -d "$HARNESS/nest-floor/node_modules/@nestjs/core" ] || (cd "$HARNESS/nest-floor" && npm ci --no-audit --no-fund >/dev/null)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
health() { for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$1/v1/health" && return 0; sleep 0.5; done; return 1; }
pid_of() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
start_project() { # port, node flags, extra env[, project folder]
  local port=$1 flags=$2 extra=$3 dir=${4:-$PROJECT}
  # shellcheck disable=SC2086 # flags and env are word lists
  (cd "$dir" && exec env PORT="$port" HOST=127.0.0.1 DATABASE_URL="$DB_URL" API_KEY_SECRET="$SECRET" SUPERADMIN_API_KEY="$SUPER_KEY" \
    NODE_ENV=production RATE_LIMIT_KEY_RPS=0 RATE_LIMIT_ACCOUNT_RPS=0 $extra setsid node $flags dist/src/main.js >"$OUT/server-$port.log" 2>&1) &
  health "$port"
  PIDS+=("$(pid_of "$port")")
}
fresh=0
if [ ! -f "$SEED" ] || ! psql -h 127.0.0.1 -U root -d postgres -qAt -c "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
  psql -h 127.0.0.1 -U root -d postgres -qAt -c "drop database if exists $DB with (force)" -c "create database $DB"
  fresh=1
fi
start_project 3410 "${A_NODE_FLAGS:-}" "${A_ENV:-}"
[ "$fresh" = 0 ] || node "$HARNESS/seed.mjs" --db "$DB_URL" --users "${USERS:-200000}" --accounts 1000 --out "$SEED" >"$OUT/seed.out" 2>"$OUT/seed.log"
(cd "$HARNESS/nest-floor" && exec env PORT=3411 HOST=127.0.0.1 DATABASE_URL="$DB_URL" API_KEY_SECRET="$SECRET" PREPARED=1 NODE_ENV=production \
  setsid node src/main.mjs >"$OUT/nest-floor.log" 2>&1) &
health 3411
PIDS+=("$(pid_of 3411)")
TARGETS=(http://127.0.0.1:3410 http://127.0.0.1:3411)
if [ "${C:-0}" = 1 ]; then
  start_project 3412 "${C_NODE_FLAGS:-}" "${C_ENV:-}" "${C_PROJECT:-$PROJECT}"
  TARGETS+=(http://127.0.0.1:3412)
fi
SEED_INFO="$SEED" DATABASE_URL="$DB_URL" PID_A="${PIDS[0]}" PID_B="${PIDS[1]}" PID_C="${PIDS[2]:-}" \
  LABEL_A=A LABEL_B=nest-floor LABEL_C=C OUT_DIR="$OUT/results" DURATION="${DURATION:-5}" ROUNDS="${ROUNDS:-3}" \
  bash "$HARNESS/bench.sh" "${TARGETS[@]}" 2>"$OUT/bench.log" | tee "$OUT/bench.out"
