#!/usr/bin/env bash
# Latency tails of the peers harness's read workloads (QIDO-RS, WADO-RS), p50 / p90 / p99 / p99.9 / max, for one
# server at a time, like ../shared/peers/run-block.sh but without its ingest block:
#   benchmarks/scripts/web-tail.sh openahi|orthanc OUTDIR     (from the repository root, openahi built)
# Starts the server fresh with the harness's own control script, stores the harness's data set (1,000 CT slices and
# the filler studies, STOW-RS at 4 clients with its stow_ingest.py), waits until openahi has encoded the frames it
# stored uncompressed, writes the harness's request lists (its web_bench.py with --runs 0: path files and one
# validating request per workload, no load), then runs wrk with wrk-tail.lua on each workload and concurrency. That
# script gives two sets of percentiles: the requests' own latencies ("recorded") and wrk's, which adds samples for
# coordinated omission (see wrk-tail.lua). Run it once per server into the same, new OUTDIR: each run appends to
# OUTDIR/points.jsonl and prints the table of what is there, with openahi / Orthanc ratios once both are.
# Env: PEERS_WORK (/tmp/openahi-peers, holds the data set), DUR (5 s per wrk point), RUNS (1 per point; the table
# gives the median of each column), OPENAHI_JAVA_OPTS (read by openahi-ctl.sh).
set -euo pipefail
who=${1:?openahi or orthanc}; OUT=${2:?output folder}
P=${OPENAHI_SHARED:-/work/shared}/peers; S=$P/scripts; W=${PEERS_WORK:-/tmp/openahi-peers}
HERE=$(cd "$(dirname "$0")" && pwd); M=$W/ct/manifest.json; DUR=${DUR:-5}; RUNS=${RUNS:-1}
mkdir -p "$OUT/$who"
[[ -f $M ]] || python3 "$S/gen_ct.py" --out "$W/ct" --slices 1000 --filler-studies 500 --filler-instances 2
log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$OUT/$who/run.log"; }

WADO=wado_frame,wado_instance_metadata
if [[ $who == openahi ]]; then
  CTL=$P/openahi-ctl.sh; HDR=('Authorization: Bearer peerbench-token'); WADO+=,wado_frame_jphc
  "$CTL" restart-fresh; BASE=$("$CTL" base)
elif [[ $who == orthanc ]]; then
  CTL=$P/orthanc/orthanc-ctl.sh; HDR=()
  TCP_NODELAY=1 "$CTL" restart-fresh; BASE=http://127.0.0.1:8042/dicom-web
else
  echo "usage: $0 openahi|orthanc OUTDIR" >&2; exit 2
fi
trap '"$CTL" stop' EXIT
PID=$("$CTL" pid); ORIGIN=$(grep -o '^http://[^/]*' <<<"$BASE")
HDRARGS=(); for h in "${HDR[@]}"; do HDRARGS+=(--header "$h"); done

log "$who pid $PID at $BASE; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for part in main filler; do
  python3 "$S/stow_ingest.py" "$BASE" --data "$W/ct/$part" -c 4 --json "$OUT/$who/load-$part.json" "${HDRARGS[@]}" \
    | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); print({k: r.get(k) for k in ("files","ok_instances","failed_sops","instances_per_s","status")})' \
    | tee -a "$OUT/$who/run.log"
done
[[ $who == openahi ]] && "$HERE/await-pending-frames.sh" "$(grep -o '[0-9]*$' <<<"$ORIGIN")" "$PID" | tee -a "$OUT/$who/run.log"

# The harness's request lists and Accept headers, checked with one request each; --runs 0 puts no load on.
python3 "$S/web_bench.py" "$BASE" --manifest "$M" --only "qido_studies_by_patientid,qido_instances_in_series,$WADO" \
  --runs 0 --outdir "$OUT/$who" "${HDRARGS[@]}" > /dev/null 2>>"$OUT/$who/run.log"

python3 - "$OUT/$who/web-all.json" > "$OUT/$who/workloads.tsv" <<'EOF'
import json, sys
for w in json.load(open(sys.argv[1]))["workloads"]:
    if w["validation"] != "ok":
        sys.exit("%s: %s" % (w["name"], w["validation"]))
    print("%s\t%s\t%s" % (w["name"], "1,32" if w["name"].startswith("qido") else "1,8,32", w["accept"]))
EOF

# CPU seconds so far: the machine's (user, nice, system, irq, softirq), the server's, and this shell's waited-for
# children's (wrk; `times` in this shell, not in a subshell); what the machine used beyond the last two during a point
# is other work on it.
cpu() {
  times > "$OUT/$who/times"
  echo "$(awk '/^cpu /{print ($2+$3+$4+$7+$8)/100}' /proc/stat) $(awk '{print ($14+$15)/100}' "/proc/$PID/stat")" \
    "$(awk 'NR==2{gsub(/[ms]/," "); print $1*60+$2+$3*60+$4}' "$OUT/$who/times")"
}
# openahi's counters (database pool waits, garbage collections, request durations) before and after the points.
metrics() { [[ $who == openahi ]] && curl -fsS "$ORIGIN/_openahi/metrics" > "$OUT/$who/metrics-$1.txt" || true; }
metrics before
while IFS=$'\t' read -r name concs accept; do
  for c in ${concs//,/ }; do
    for r in $(seq 1 "$RUNS"); do
      cpu > "$OUT/$who/cpu"; read -r m0 s0 w0 < "$OUT/$who/cpu"
      wrk -t$((c < 2 ? c : 2)) -c"$c" -d"${DUR}s" --timeout 60s -s "$HERE/wrk-tail.lua" "$ORIGIN" \
        -- "$c" "$OUT/$who/paths/$name.txt" "$accept" "${HDR[@]}" > "$OUT/$who/wrk.out"
      cpu > "$OUT/$who/cpu"; read -r m1 s1 w1 < "$OUT/$who/cpu"
      other=$(python3 -c "print(round(($m1 - $m0) - ($s1 - $s0) - ($w1 - $w0), 2))")
      line=$(sed -n 's/^TAILJSON {//p' "$OUT/$who/wrk.out")
      [[ -n $line ]] || { echo "no TAILJSON line from wrk:" >&2; tail -5 "$OUT/$who/wrk.out" >&2; exit 1; }
      echo "{\"server\":\"$who\",\"workload\":\"$name\",\"c\":$c,\"run\":$r,\"other_cpu_s\":$other,$line" \
        | tee -a "$OUT/points.jsonl"
      sleep 1
    done
  done
done < "$OUT/$who/workloads.tsv"
metrics after
log "$who peak RSS: $(grep VmHWM "/proc/$PID/status" | tr -s ' \t' ' ')"
"$CTL" stop

python3 - "$OUT/points.jsonl" <<'EOF'
import collections, json, statistics, sys
pts = collections.defaultdict(list)
for line in open(sys.argv[1]):
    p = json.loads(line)
    pts[p["workload"], p["c"], p["server"]].append(p)
def med(k, f):  # the median over the runs of one point
    return statistics.median(f(p) for p in pts[k]) if pts.get(k) else None
def ms(k, kind, fields):
    if not pts.get(k) or any(p[kind] is None for p in pts[k]):
        return "—"
    return " / ".join("%.3g" % x if x < 100 else "%.0f" % x for x in (med(k, lambda p: p[kind][f]) for f in fields))
print("| workload | conc | req/s openahi / Orthanc | ratio | p50 / p99 / p99.9 / max ms, openahi | same, Orthanc "
      "| wrk's p99 / p99.9 ms, openahi | same, Orthanc | requests openahi / Orthanc | errors | other CPU s |")
print("|---|---:|---|---:|---|---|---|---|---|---:|---|")
rec, cor = ("p50_ms", "p99_ms", "p999_ms", "max_ms"), ("p99_ms", "p999_ms")
for w, c in sorted({k[:2] for k in pts}):
    a, o = (w, c, "openahi"), (w, c, "orthanc")
    ra, ro = (med(k, lambda p: p["requests"] / p["seconds"]) for k in (a, o))
    fmt = lambda x: "—" if x is None else "%.0f" % x
    n = lambda k: str(sum(p["requests"] for p in pts[k])) if pts.get(k) else "—"
    errs = sum(p["errors"] + p["non2xx"] for k in (a, o) for p in pts.get(k, []))
    oc = " / ".join("%.1f" % max(0, max(p.get("other_cpu_s", 0) for p in pts[k])) if pts.get(k) else "—" for k in (a, o))
    print("| %s | %d | %s / %s | %s | %s | %s | %s | %s | %s / %s | %d | %s |" % (
        w, c, fmt(ra), fmt(ro), "%.2f×" % (ra / ro) if ra and ro else "—", ms(a, "recorded", rec),
        ms(o, "recorded", rec), ms(a, "wrk", cor), ms(o, "wrk", cor), n(a), n(o), errs, oc))
EOF
