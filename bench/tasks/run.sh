#!/usr/bin/env bash
# Loopback load runs of the task hot paths against the packaged server, at concurrency 16:
# listing a 200-task board, and claiming tasks with freshly signed agent JWTs.
# Build first: mvn -B package -DskipTests. Needs wrk. Results are described in bench/README.md.
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

java ${JAVA_OPTS:-} -Dquarkus.http.port="$PORT" -jar target/quarkus-app/quarkus-run.jar > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
until curl -sf "$URL/api/ping" > /dev/null; do sleep 0.5; done

java -cp "$CP" bench/tasks/Setup.java list "$URL" "$AK_DB_PATH" "$WORK"
# shellcheck disable=SC1091
source "$WORK/list.env"
LIST="$URL/api/tasks?board_id=$AK_BOARD"
echo "== GET /api/tasks?board_id= (200 tasks): warm-up"
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -H "Authorization: Bearer $AK_KEY" "$LIST" > /dev/null
echo "== GET /api/tasks?board_id= (200 tasks): measured"
wrk -t"$THREADS" -c"$CONNECTIONS" -d20s --latency -H "Authorization: Bearer $AK_KEY" "$LIST"

java -cp "$CP" bench/tasks/Setup.java claims "$URL" "$AK_DB_PATH" "$WORK" "$CLAIMS" 16
export AK_THREADS="$THREADS"
echo "== POST /api/tasks/:id/claim: warm-up"
AK_CLAIMS="$WORK/warmup.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s bench/tasks/claim.lua "$URL" > /dev/null
echo "== POST /api/tasks/:id/claim: measured"
AK_CLAIMS="$WORK/measure.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d15s --latency -s bench/tasks/claim.lua "$URL"
