-- wrk script: GET a rotating list of request paths with fixed headers; at the end print one line
--   TAILJSON {"requests":..,"seconds":..,"errors":..,"p50_ms":..,"p90_ms":..,"p99_ms":..,"p999_ms":..,"max_ms":..}
--   wrk -t T -c C -d 5s --timeout 60s -s wrk-tail.lua http://host:port -- PATHS_FILE ACCEPT ["Name: value" ...]
-- PATHS_FILE holds one path (+query) per line, as the peers harness's web_bench.py writes them. Each thread starts
-- at its own offset of the list. No response() hook, so wrk does not keep the bodies.
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

local paths, headers, i = {}, {}, 0
function init(args)
  for line in assert(io.open(args[1])):lines() do
    if #line > 0 then paths[#paths + 1] = line end
  end
  headers["Accept"] = args[2]
  for a = 3, #args do
    local k, v = args[a]:match("^([^:]+):%s*(.*)$")
    if k then headers[k] = v end
  end
  i = ((id or 0) * 7919) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  local function ms(us) return us / 1000 end
  io.write(string.format('TAILJSON {"requests":%d,"seconds":%.3f,"bytes":%d,"errors":%d,"non2xx":%d,'
      .. '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"p999_ms":%.3f,"max_ms":%.3f}\n',
    summary.requests, summary.duration / 1e6, summary.bytes, e.connect + e.read + e.write + e.timeout, e.status,
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)),
    ms(latency:percentile(99.9)), ms(latency.max)))
end
