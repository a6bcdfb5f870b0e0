# What the codec benchmark scripts share (sourced): the paths, gen_images.py's images, and one JMH run under
# flock /tmp/openahi-bench.lock so that benchmarks do not overlap.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${OPENAHI_SHARED:-$root/../shared}"
java_home="${JAVA_HOME:-$("$root/openahi" java)}"
images="$root/benchmarks/target/htj2k-images"

ensure_images() {
  [[ -f "$images/gray16_3000.le.raw" ]] || python3 "$shared/htj2k/scripts/gen_images.py" "$images" >/dev/null
}

# run_jmh PATTERN JVM-ARGS [JMH options...]: the benchmarks matching PATTERN, with the machine's load around them.
run_jmh() {
  local pattern="$1" jvm_args="$2"
  shift 2
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  flock /tmp/openahi-bench.lock "$java_home/bin/java" -jar "$root/benchmarks/target/benchmarks.jar" \
    "$pattern" -jvmArgsAppend "$jvm_args --enable-native-access=ALL-UNNAMED" "$@"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
}
