#!/usr/bin/env bash
# Cold start of a built server: the time from the JVM process's start to the first answered request
# (GET /_openahi/health), and the CPU the process used until then, over RUNS starts (default 5) in each setting:
#   archive, existing data   the launcher's way (AOT cache / AppCDS made by ./openahi serve), data folder from a run before
#   archive, fresh data      the same, on an empty data folder (database created and migrated)
#   no archive, existing     plain java -jar, for comparison
# Usage: benchmarks/cold-start.sh [RUNS]        (from the repository root; builds the server first)
set -euo pipefail
runs="${1:-5}"
export JAVA_HOME="$(./openahi java)"
JAVA="$JAVA_HOME/bin/java"
JAR=server/target/openahi-server.jar
# The JVM options ./openahi serve uses (and made its start-up archive with).
read -r -a OPTS <<< "${OPENAHI_JAVA_OPTS:-$(sed -n 's/^DEFAULT_JAVA_OPTS="\(.*\)"$/\1/p' openahi)}"
# Builds when sources changed and makes the start-up archive, then stops: ./openahi serve on a port of its own.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
OPENAHI_PORT=0 OPENAHI_DIMSE_PORT=0 OPENAHI_DATA_DIR="$work/prepare" ./openahi serve > "$work/prepare.log" 2>&1 &
prepare=$!
until grep -q "is ready" "$work/prepare.log"; do kill -0 $prepare; sleep 0.2; done
kill $prepare; wait $prepare || true
if [[ -f server/target/openahi-server.aot ]]; then
  archive_option="-XX:AOTCache=server/target/openahi-server.aot"
else
  archive_option="-XX:SharedArchiveFile=server/target/openahi-server.jsa"
fi

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, $("$JAVA" -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# one_start DATA OPTIONS...: prints "wall_ms cpu_ms" for one start.
one_start() {
  local data="$1" port start end pid stat cpu
  shift
  port=$((20000 + RANDOM % 20000))
  start=$(date +%s%N)
  OPENAHI_PORT=$port OPENAHI_DIMSE_PORT=0 OPENAHI_DATA_DIR="$data" "$JAVA" "$@" -jar "$JAR" > "$work/server.log" 2>&1 &
  pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:$port/_openahi/health"; do sleep 0.002; done
  end=$(date +%s%N)
  read -r -a stat < "/proc/$pid/stat"
  cpu=$(( (stat[13] + stat[14]) * 1000 / $(getconf CLK_TCK) ))
  kill $pid; wait $pid 2>/dev/null || true
  echo "$(( (end - start) / 1000000 )) $cpu"
}

# setting NAME FRESH OPTIONS...: RUNS starts, each line, then the medians.
setting() {
  local name="$1" fresh="$2" walls=() cpus=() result i
  shift 2
  mkdir -p "$work/existing"
  for ((i = 1; i <= runs; i++)); do
    if [[ "$fresh" == yes ]]; then rm -rf "$work/fresh"; result="$(one_start "$work/fresh" "$@")"
    else result="$(one_start "$work/existing" "$@")"; fi
    walls+=("${result% *}"); cpus+=("${result#* }")
  done
  printf '| %s | %s | %s | %s |\n' "$name" "$(IFS=' '; echo "${walls[*]}")" \
    "$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
    "$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}

echo "JVM options: ${OPTS[*]}"
echo "| setting | wall ms, each start | median wall ms | median CPU ms |"
echo "|---|---|---|---|"
one_start "$work/existing" "${OPTS[@]}" "$archive_option" > /dev/null   # the existing data folder's database
setting "archive, existing data" no "${OPTS[@]}" "$archive_option"
setting "archive, fresh data" yes "${OPTS[@]}" "$archive_option"
setting "no archive, existing data" no "${OPTS[@]}"
