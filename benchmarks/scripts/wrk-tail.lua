-- wrk script: GET a rotating list of request paths with fixed headers; at the end print one line
--   TAILJSON {"requests":..,"seconds":..,"errors":..,"wrk":{"p50_ms":..,..},"recorded":{"p50_ms":..,..}}
--   wrk -t T -c C -d 5s --timeout 60s -s wrk-tail.lua http://host:port -- C PATHS_FILE ACCEPT ["Name: value" ...]
-- PATHS_FILE holds one path (+query) per line, as the peers harness's web_bench.py writes them. Each thread starts
-- at its own offset of the list. No response() hook, so wrk does not keep the bodies.
--
-- Two sets of percentiles (p50, p90, p99, p99.9, max):
--  "wrk": what wrk reports (and the harness's wrk_paths.lua prints). Before done() runs, wrk 4 adds samples for
--    coordinated omission: with e = duration / (requests / C), each recorded latency n >= 2e also counts as n - e,
--    n - 2e, ... down to above e (stats_correct in wrk's stats.c). One 200 ms stall at one connection and 1.7 ms per
--    request becomes about 120 samples, so these tails are stalls weighted by their length.
--  "recorded": the latencies of the requests themselves. For m > e the corrected count at m is the sum of the
--    recorded counts at m, m + e, m + 2e, ..., so recorded(m) = corrected(m) - corrected(m + e). The histogram
--    (one counter per microsecond) is read through LuaJIT's FFI from the address of the latency object; if its
--    fields do not match latency.min and latency.max, or the counts do not add up to the requests, this set is null.
local ffi = require("ffi")
ffi.cdef [[ typedef struct { uint64_t count, limit, min, max; uint64_t data[]; } wrk_tail_stats; ]]

local threads = {}
function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

local paths, headers, i = {}, {}, 0
function init(args)
  conns = tonumber(args[1]) -- a global, read by done() through thread:get
  for line in assert(io.open(args[2])):lines() do
    if #line > 0 then paths[#paths + 1] = line end
  end
  headers["Accept"] = args[3]
  for a = 4, #args do
    local k, v = args[a]:match("^([^:]+):%s*(.*)$")
    if k then headers[k] = v end
  end
  i = ((id or 0) * 7919) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], headers)
end

local function json(q)
  return string.format('{"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"p999_ms":%.3f,"max_ms":%.3f}',
    q(50) / 1000, q(90) / 1000, q(99) / 1000, q(99.9) / 1000, q(100) / 1000)
end

-- The recorded latencies, undoing wrk's correction; nil when the histogram cannot be read safely.
local function recorded(latency, summary)
  local conns = threads[1]:get("conns")
  local per_conn = math.floor(summary.requests / conns)
  local addr = tonumber((tostring(latency):match("0x%x+")))
  if not addr then return nil end
  local s = ffi.cast("wrk_tail_stats**", addr)[0]
  local lo, hi = tonumber(s.min), tonumber(s.max)
  if lo ~= latency.min or hi ~= latency.max or hi >= tonumber(s.limit) then return nil end
  local e = per_conn > 0 and math.floor(summary.duration / per_conn) or math.huge -- wrk corrects nothing then
  local d = s.data
  local function at(m) return m > e and m + e <= hi and tonumber(d[m] - d[m + e]) or tonumber(d[m]) end
  local n = 0
  for m = lo, hi do n = n + at(m) end
  if math.abs(n - summary.requests) > conns then return nil end
  return function(p)
    local rank, seen = math.min(n, math.floor(p / 100 * n) + 1), 0
    for m = lo, hi do
      seen = seen + at(m)
      if seen >= rank then return m end
    end
    return hi
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local rec = recorded(latency, summary)
  io.write(string.format('TAILJSON {"requests":%d,"seconds":%.3f,"bytes":%d,"errors":%d,"non2xx":%d,"wrk":%s,'
      .. '"recorded":%s}\n',
    summary.requests, summary.duration / 1e6, summary.bytes, e.connect + e.read + e.write + e.timeout, e.status,
    json(function(p) return p == 100 and latency.max or latency:percentile(p) end), rec and json(rec) or "null"))
end
