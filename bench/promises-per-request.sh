#!/usr/bin/env bash
# Promises made per request by a built server (bench/promise-count-preload.mjs), for get-by-id, a
# first page of users and a create, 100 sequential requests each after 99 of warm-up:
#   DATABASE_URL=postgres://…/db SEED_INFO=…/seed.json IDS_FILE=ids.txt bash bench/promises-per-request.sh [SERVER_DIR]
# The database and SEED_INFO are those of the perf harness's seed.mjs (as bench/profile-server.sh);
# IDS_FILE holds usr_<uuid> ids, one a line. SERVER_DIR: a built checkout (default: this one).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-$here/..}
port=${PORT:-3395}
super=$(node -p "require('$SEED_INFO').superadmin.key")
account=$(node -p "require('$SEED_INFO').create_account_id")
secret=$(node -p "require('$SEED_INFO').api_key_secret")
log=$(mktemp)
(cd "$dir" && exec env PORT="$port" HOST=127.0.0.1 DATABASE_URL="$DATABASE_URL" API_KEY_SECRET="$secret" SUPERADMIN_API_KEY="$super" \
  NODE_ENV=production LOG_LEVEL=warn RATE_LIMIT_KEY_RPS=0 RATE_LIMIT_ACCOUNT_RPS=0 \
  setsid node --import "$here/promise-count-preload.mjs" dist/src/main.js >"$log" 2>&1) &
leader=$!
trap 'kill -TERM -- "-$leader" 2>/dev/null || true; rm -f "$log"' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/v1/health"; do sleep 0.3; done
pid=$(ss -Hltnp "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
id=$(head -1 "$IDS_FILE")
get() { curl -s -o /dev/null -H "leadr-api-key: $super" "http://127.0.0.1:$port$1"; }
create() {
  curl -s -o /dev/null -H "leadr-api-key: $super" -H 'content-type: application/json' \
    -d "{\"account_id\":\"$account\",\"email\":\"promises-$$-$1@example.com\",\"display_name\":\"P\"}" "http://127.0.0.1:$port/v1/users"
}
mark() { kill -WINCH "$pid"; sleep 0.3; }
for i in $(seq 1 50); do get "/v1/users/$id"; get "/v1/users?limit=20"; create "warm-$i"; done
mark
for _ in $(seq 1 100); do get "/v1/users/$id"; done
mark
for _ in $(seq 1 100); do get "/v1/users?limit=20"; done
mark
for i in $(seq 1 100); do create "$i"; done
mark
grep '^PROMISES ' "$log" | tail -n 3 | sed 's/^PROMISES //' | node -e "
  const names = ['get-by-id', 'list-first', 'create'];
  require('node:fs').readFileSync(0, 'utf8').trim().split('\n').forEach((line, i) => {
    const counts = JSON.parse(line);
    console.log(names[i] + ': ' + (counts.PROMISE / counts.HTTPINCOMINGMESSAGE).toFixed(1) + ' promises per request (' + counts.HTTPINCOMINGMESSAGE + ' requests)');
  });"
