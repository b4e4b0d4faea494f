#!/usr/bin/env bash
# Agent-JWT verification cost (JMH). usage: bench/jwt.sh [extra JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
  JwtVerifyBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s "$@"
