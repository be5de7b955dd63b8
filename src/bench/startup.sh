#!/usr/bin/env bash
# Start-up benchmark: time from `java -jar target/dapple.jar` to the first 200 on /health, on a fresh and on a
# reused data dir, without and with a JDK 25 AOT cache (made here by one training run).
# Usage: src/bench/startup.sh [runs]   (build first: ./mvnw -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
jar="$PWD/target/dapple.jar"
[[ -f "$jar" ]] || { echo "build the jar first: ./mvnw -B package -DskipTests" >&2; exit 1; }
port="${DAPPLE_BENCH_PORT:-18080}"
work="$(mktemp -d)"
trap 'pkill -f "$jar" 2>/dev/null || true; rm -rf "$work"' EXIT

# Starts the server (extra JVM flags after the data dir), waits for /health to answer 200, prints the
# milliseconds it took, stops the server.
measure() {
  local data="$1" start end pid
  shift
  start=$(date +%s%N)
  (cd "$work" && DAPPLE_PORT="$port" DAPPLE_DATA_DIR="$data" exec "$java" "$@" -jar "$jar" >"$work/server.log" 2>&1) &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
    kill -0 "$pid" 2>/dev/null || { echo "server died:" >&2; cat "$work/server.log" >&2; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

# The training run writes the cache when the JVM exits, so wait for the file.
aot="$work/dapple.aot"
measure "$work/training" "-XX:AOTCacheOutput=$aot" >/dev/null
for _ in $(seq 1 600); do [[ -s "$aot" ]] && ! pgrep -f "AOTCacheOutput=$aot" >/dev/null && break; sleep 0.1; done

stats() { sort -n | awk '{a[NR]=$1} END {printf "%6d %8d %6d", a[1], a[int((NR+1)/2)], a[NR]}'; }

fresh=(); reused=(); aot_fresh=(); aot_reused=()
for i in $(seq 1 "$runs"); do
  fresh+=("$(measure "$work/fresh-$i")")
  reused+=("$(measure "$work/reused")")
  aot_fresh+=("$(measure "$work/aot-fresh-$i" "-XX:AOTCache=$aot")")
  aot_reused+=("$(measure "$work/reused" "-XX:AOTCache=$aot")")
done
printf '%-40s %6s %8s %6s\n' "start-up to 200 on /health (ms)" min median max
printf '%-40s %s\n' "fresh data dir (migrates)" "$(printf '%s\n' "${fresh[@]}" | stats)"
printf '%-40s %s\n' "reused data dir" "$(printf '%s\n' "${reused[@]}" | stats)"
printf '%-40s %s\n' "AOT cache, fresh data dir" "$(printf '%s\n' "${aot_fresh[@]}" | stats)"
printf '%-40s %s\n' "AOT cache, reused data dir" "$(printf '%s\n' "${aot_reused[@]}" | stats)"
echo "runs: $runs, cores: $(nproc), $("$java" -version 2>&1 | head -1)"
