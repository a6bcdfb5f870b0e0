#!/usr/bin/env bash
# Read throughput of one node on PostgreSQL and S3 with and without the read cache (OPENAHI_CACHE_BYTES, issue 18),
# and the CPU time each component spends per request:
#  1. PostgreSQL (the distribution's binaries in $PG_BIN, default settings) and s3proxy (the jar Maven fetched for
#     the tests, in its own JVM) start on fresh folders;
#  2. the server starts on them; ImageSetReadWorkloads imports SERIES synthetic CT series of SLICES slices
#     (512 x 512, 16-bit) into the data store "reads", one image set each;
#  3. for each size in CACHES the server starts again with OPENAHI_CACHE_BYTES at that size, and for each operation
#     (GetImageSetMetadata over every image set in turn, GetImageFrame over every frame in turn) and concurrency,
#     ApiLoad runs WARMUP seconds unmeasured, then DURATION seconds measured. Around the measured run the CPU time (user +
#     system, from /proc) of the server, of PostgreSQL (the postmaster and its backends) and of s3proxy is read,
#     and divided by the requests answered. ApiLoad's own set-up (a search and one metadata read per image set)
#     falls inside that window too, a few requests among thousands.
#
#   benchmarks/read-cache.sh     (CONCURRENCY=1,8,32 DURATION=20 WARMUP=10 SERIES=4 SLICES=50 CACHES="0 67108864")
#
# The default data (4 x 50 frames) fits in the default cache (64 MiB), so the cached runs measure hits. Prints one
# Markdown row per cache size, operation and concurrency. Throttling is off (OPENAHI_THROTTLING=off); every other
# setting is the server's default. Needs PostgreSQL's server binaries (Debian: postgresql-15), curl; as root,
# PostgreSQL runs as the user postgres (or nobody). KEEP=1 keeps the work folders.
set -euo pipefail
cd "$(dirname "$0")/.."
CP=benchmarks/target/benchmarks.jar
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
S3PROXY_VERSION="$(sed -n 's|.*<s3proxy.version>\(.*\)</s3proxy.version>.*|\1|p' pom.xml)"
S3PROXY_JAR="${S3PROXY_JAR:-$HOME/.m2/repository/org/gaul/s3proxy/$S3PROXY_VERSION/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar}"
[[ -x "$PG_BIN/pg_ctl" ]] || { echo "read-cache.sh: no PostgreSQL in PG_BIN=$PG_BIN" >&2; exit 2; }
[[ -f "$S3PROXY_JAR" ]] || { echo "read-cache.sh: no s3proxy jar at $S3PROXY_JAR (run the store-s3 tests once)" >&2; exit 2; }
source benchmarks/common.sh

work="$(mktemp -d /tmp/openahi-read-cache-XXXXXX)"
pg_root="$(mktemp -d /tmp/openahi-read-cache-pg-XXXXXX)"
pg_port="${PG_PORT:-18432}"
s3_port="${S3_PORT:-18433}"
server=""
s3proxy=""
as_pg=()
if [[ "$(id -u)" == 0 ]]; then
  pg_user=postgres
  id -u postgres >/dev/null 2>&1 || pg_user=nobody
  chown "$pg_user" "$pg_root"
  as_pg=(setpriv --reuid="$pg_user" --regid="$(id -g "$pg_user")" --clear-groups --)
fi

cleanup() {
  [[ -n "$server" ]] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }
  [[ -n "$s3proxy" ]] && { kill "$s3proxy" 2>/dev/null; wait "$s3proxy" 2>/dev/null || true; }
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$pg_root/data" -m fast -w stop >/dev/null 2>&1 || true
  if [[ -z "${KEEP:-}" ]]; then rm -rf "$work" "$pg_root"; else echo "kept $work and $pg_root" >&2; fi
}
trap cleanup EXIT

# CPU time (user + system) of the given processes, in clock ticks.
ticks() {
  local total=0 pid
  for pid in "$@"; do
    [[ -r "/proc/$pid/stat" ]] && total=$(( total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}') ))
  done
  echo "$total"
}
postgres_pids() {
  local postmaster
  postmaster="$(head -1 "$pg_root/data/postmaster.pid")"
  echo "$postmaster" $(pgrep -P "$postmaster")
}

# PostgreSQL, as a distribution installs it, with a database the server's user owns.
"${as_pg[@]}" "$PG_BIN/initdb" -A trust -U openahi -D "$pg_root/data" -E UTF-8 --no-locale >/dev/null
printf "port = %s\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n" "$pg_port" >> "$pg_root/data/postgresql.conf"
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$pg_root/data" -l "$pg_root/postgres.log" -w start >/dev/null
"$PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U openahi openahi

# s3proxy on a folder, and the bucket.
mkdir -p "$work/s3"
cat > "$work/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
jclouds.provider=filesystem-nio2
jclouds.identity=bench
jclouds.credential=bench-secret
jclouds.filesystem.basedir=$work/s3
EOF
"$JAVA" -Xmx256m -jar "$S3PROXY_JAR" --properties "$work/s3proxy.conf" > "$work/s3proxy.log" 2>&1 &
s3proxy=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$s3_port/" && break; sleep 0.2; done
# (curl 7.88 signs S3 requests without x-amz-content-sha256, which s3proxy requires: the empty body's hash.)
curl -sf --aws-sigv4 "aws:amz:us-east-1:s3" --user bench:bench-secret -X PUT "http://127.0.0.1:$s3_port/openahi" \
  -H "x-amz-content-sha256: $(printf '' | sha256sum | cut -d' ' -f1)"

export OPENAHI_DATABASE_URL="jdbc:postgresql://127.0.0.1:$pg_port/openahi" OPENAHI_DATABASE_USER=openahi
export OPENAHI_BLOB_STORE=s3://openahi/blobs OPENAHI_S3_ENDPOINT="http://127.0.0.1:$s3_port"
export OPENAHI_S3_ACCESS_KEY_ID=bench OPENAHI_S3_SECRET_ACCESS_KEY=bench-secret OPENAHI_THROTTLING=off

# start CACHE_BYTES: the server on PostgreSQL and s3proxy (start_server's own exit trap is replaced by cleanup).
start() {
  if [[ -n "$server" ]]; then kill "$server"; wait "$server" 2>/dev/null || true; fi
  export OPENAHI_CACHE_BYTES="$1"
  start_server "$work" "$work/data" "${PORT:-18098}" >&2
  trap cleanup EXIT
}

machine_line >&2
echo "PostgreSQL: $("$PG_BIN/postgres" --version); s3proxy $S3PROXY_VERSION" >&2
start 0
for i in $(seq 1 "${SERIES:-4}"); do
  "$JAVA" -cp "$CP" org.openahi.bench.importing.SyntheticCtSeries "$work/series/$i" "${SLICES:-50}"
done
"$JAVA" -cp "$CP" org.openahi.bench.api.ImageSetReadWorkloads "http://127.0.0.1:$port" "$work/series" "$work/out" >&2

hz="$(getconf CLK_TCK)"
echo "| cache (bytes) | operation | request | concurrency | requests | throughput (req/s) | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | errors | mean response (bytes) | server CPU (ms/req) | PostgreSQL CPU (ms/req) | s3proxy CPU (ms/req) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for cache in ${CACHES:-0 67108864}; do
  start "$cache"
  for operation in GetImageSetMetadata GetImageFrame; do
    IFS=, read -ra concurrencies <<< "${CONCURRENCY:-1,8,32}"
    for c in "${concurrencies[@]}"; do
      "$JAVA" ${CLIENT_JAVA_OPTS:-} -cp "$CP" org.openahi.bench.api.ApiLoad "http://127.0.0.1:$port" \
        --operations "$operation" --concurrency "$c" --seconds "${WARMUP:-10}" --warmup 0 > /dev/null
      pg=($(postgres_pids))
      before=("$(ticks "$server")" "$(ticks "${pg[@]}")" "$(ticks "$s3proxy")")
      row="$("$JAVA" ${CLIENT_JAVA_OPTS:-} -cp "$CP" org.openahi.bench.api.ApiLoad "http://127.0.0.1:$port" \
        --operations "$operation" --concurrency "$c" --seconds "${DURATION:-20}" --warmup 0 | tail -1)"
      after=("$(ticks "$server")" "$(ticks "${pg[@]}")" "$(ticks "$s3proxy")")
      requests="$(echo "$row" | awk -F'|' '{gsub(/ /, "", $5); print $5}')"
      cpu=""
      for k in 0 1 2; do
        cpu+="$(awk -v d=$(( after[k] - before[k] )) -v n="$requests" -v hz="$hz" \
          'BEGIN {printf " %.3f |", (n > 0 ? d * 1000 / hz / n : 0)}')"
      done
      echo "| $cache $row$cpu"
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
server_peak_rss >&2
