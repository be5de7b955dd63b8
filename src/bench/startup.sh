#!/usr/bin/env bash
# Start-up benchmark: time from `java -jar target/dapple.jar` to the first 200 on /health, on a fresh and on a
# reused data dir. Usage: src/bench/startup.sh [runs]   (build first: ./mvnw -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
jar="$PWD/target/dapple.jar"
[[ -f "$jar" ]] || { echo "build the jar first: ./mvnw -B package -DskipTests" >&2; exit 1; }
port="${DAPPLE_BENCH_PORT:-18080}"
work="$(mktemp -d)"
trap 'pkill -f "$jar" 2>/dev/null || true; rm -rf "$work"' EXIT

# Starts the server, waits for /health to answer 200, prints the milliseconds it took, stops the server.
measure() {
  local data="$1" start end pid
  start=$(date +%s%N)
  (cd "$work" && DAPPLE_PORT="$port" DAPPLE_DATA_DIR="$data" exec "$java" -jar "$jar" >"$work/server.log" 2>&1) &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
    kill -0 "$pid" 2>/dev/null || { echo "server died:" >&2; cat "$work/server.log" >&2; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

stats() { sort -n | awk '{a[NR]=$1} END {printf "%6d %8d %6d", a[1], a[int((NR+1)/2)], a[NR]}'; }

fresh=(); reused=()
for i in $(seq 1 "$runs"); do
  fresh+=("$(measure "$work/fresh-$i")")
  reused+=("$(measure "$work/reused")")
done
printf '%-32s %6s %8s %6s\n' "start-up to 200 on /health (ms)" min median max
printf '%-32s %s\n' "fresh data dir (migrates)" "$(printf '%s\n' "${fresh[@]}" | stats)"
printf '%-32s %s\n' "reused data dir" "$(printf '%s\n' "${reused[@]}" | stats)"
echo "runs: $runs, cores: $(nproc), $("$java" -version 2>&1 | head -1)"
