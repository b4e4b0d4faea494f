#!/usr/bin/env bash
# Import, online backup and restore figures on an original-format database of N tasks (default
# 10,000). Needs sqlite3 and a build (mvn -B package -DskipTests). Usage: bench/data/run.sh [N] [port]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-10000}
port=${2:-18090}
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

sqlite3 "$work/original.db" < src/test/resources/original/schema.sql
sqlite3 "$work/original.db" < <(sed "s/:N/$n/g" bench/data/original-rows.sql)
echo "original: $(stat -c %s "$work/original.db") bytes, $n tasks"

export AK_DB_PATH="$work/ak.db" AK_ADMIN_EMAILS=bench@example.com QUARKUS_HTTP_PORT=$port
/usr/bin/time -f "import: %e s wall, %M KiB max RSS" bin/agent-kanban import "$work/original.db"
sqlite3 "$work/original.db" .dump > "$work/original.sql"
echo "as SQL text: $(stat -c %s "$work/original.sql") bytes"
AK_DB_PATH="$work/from-sql.db" /usr/bin/time -f "import of the SQL text: %e s wall, %M KiB max RSS" \
  bin/agent-kanban import "$work/original.sql" | grep -E '^(tasks|task_actions) '

bin/agent-kanban >"$work/server.log" 2>&1 &
server=$!
until curl -sf "localhost:$port/api/ping" >/dev/null; do sleep 0.2; done
token=$(curl -sf "localhost:$port/api/auth/sign-up/email" -H 'Content-Type: application/json' \
  -d '{"name":"Bench","email":"bench@example.com","password":"bench password"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')

# writes keep coming while the backups run
( while true; do
    curl -s -o /dev/null "localhost:$port/api/boards" -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -d "{\"name\":\"b$RANDOM$RANDOM\",\"type\":\"ops\"}"
  done ) &
writer=$!
for i in 1 2 3; do
  /usr/bin/time -f "backup command: %e s wall" bin/agent-kanban backup "$work/command-$i.db" | head -1
  curl -sf -X POST "localhost:$port/api/admin/backups" -H "Authorization: Bearer $token" \
    | sed 's/.*"bytes":\([0-9]*\).*"duration_ms":\([0-9]*\).*/endpoint: \1 bytes in \2 ms/'; echo
done
kill "$writer"
kill "$server"; wait "$server" 2>/dev/null || true
/usr/bin/time -f "restore: %e s wall" bin/agent-kanban restore "$work/command-1.db" | head -1
