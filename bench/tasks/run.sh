#!/usr/bin/env bash
# Loopback load runs of the task hot paths against the packaged server, at concurrency 16:
# listing a 200-task board, and claiming tasks with freshly signed agent JWTs.
# Build first: mvn -B package -DskipTests. Needs wrk. Results are described in bench/README.md.
# SYNC=NORMAL runs the server with synchronous=NORMAL instead of the default FULL.
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT=${PORT:-18080}
URL="http://127.0.0.1:$PORT"
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
CLAIMS=${CLAIMS:-60000}
WORK=$(mktemp -d)
export AK_DB_PATH="$WORK/bench.db"
CP="target/quarkus-app/lib/main/*"

# shellcheck disable=SC2086
java -Dak.db.synchronous="${SYNC:-FULL}" ${JAVA_OPTS:-} -Dquarkus.http.port="$PORT" -jar target/quarkus-app/quarkus-run.jar > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
until curl -sf "$URL/api/ping" > /dev/null; do sleep 0.5; done

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), synchronous=${SYNC:-FULL}"
echo "== GET /api/ping (capacity reference: no auth, no database)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s "$URL/api/ping" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s "$URL/api/ping" | grep Requests/sec

java -cp "$CP" bench/tasks/Setup.java list "$URL" "$AK_DB_PATH" "$WORK"
# shellcheck disable=SC1091
source "$WORK/list.env"
LIST="$URL/api/tasks?board_id=$AK_BOARD"
echo "== GET /api/tasks?board_id= (200 tasks): warm-up"
wrk -t"$THREADS" -c"$CONNECTIONS" -d30s -H "Authorization: Bearer $AK_KEY" "$LIST" > /dev/null
echo "== GET /api/tasks?board_id= (200 tasks): measured"
wrk -t"$THREADS" -c"$CONNECTIONS" -d20s --latency -H "Authorization: Bearer $AK_KEY" "$LIST"

# Tokens live 60 s, so each phase gets tokens signed just before it.
export AK_THREADS="$THREADS"
java -cp "$CP" bench/tasks/Setup.java claims "$URL" "$AK_DB_PATH" "$WORK" "$CLAIMS" 16
echo "== POST /api/tasks/:id/claim: warm-up"
AK_CLAIMS="$WORK/warmup.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d20s -s bench/tasks/claim.lua "$URL" > /dev/null
java -cp "$CP" bench/tasks/Setup.java claims "$URL" "$AK_DB_PATH" "$WORK" "$CLAIMS" 16
echo "== POST /api/tasks/:id/claim: measured"
AK_CLAIMS="$WORK/measure.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d15s --latency -s bench/tasks/claim.lua "$URL"
