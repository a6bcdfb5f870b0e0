# Sourced by the benchmark scripts (from the repository root): the JDK, the build, the machine line, and a
# server on the embedded default that is stopped, and its work folder removed (unless KEEP is set), at exit.
export JAVA_HOME="$(./openahi java)"
JAVA="$JAVA_HOME/bin/java"
./mvnw -B -q --no-transfer-progress -DskipTests -pl server,benchmarks -am package >&2

machine_line() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, $("$JAVA" -version 2>&1 | head -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# start_server WORK DATA PORT: ./openahi serve on DATA (file roots: WORK, log: WORK/server.log), waits until healthy;
# sets $server and $port. OPENAHI_JAVA_OPTS changes the server's JVM options.
start_server() {
  local work="$1" data="$2"
  port="$3"
  OPENAHI_DATA_DIR="$data" OPENAHI_PORT="$port" OPENAHI_FILE_ROOTS="$work" ./openahi serve > "$work/server.log" 2>&1 &
  server=$!
  trap "kill $server 2>/dev/null; wait $server 2>/dev/null || true; [[ -n \"\${KEEP:-}\" ]] || rm -rf '$work'" EXIT
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/_openahi/health" >/dev/null && break
    sleep 0.2
  done
  echo "server JVM options: ${OPENAHI_JAVA_OPTS:-the launcher default}"
}

server_peak_rss() {
  echo "server peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$server/status)"
}
