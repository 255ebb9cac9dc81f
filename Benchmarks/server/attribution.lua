-- wrk script: POST /v1/attributions with the bodies of snippets.py, round-robin from a
-- different offset in each thread; prints p50/p90/p99 latency and the non-200 count.
-- Usage: wrk -t2 -c50 -d30s -s attribution.lua http://127.0.0.1:8080 -- BODIES_FILE [API_KEY]

local bodies = {}
local next_body = 1
non_ok = 0  -- a global: done() reads it from each thread with thread:get
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  for line in io.lines(args[1]) do table.insert(bodies, line) end
  if #bodies == 0 then error("no bodies in " .. args[1]) end
  next_body = (id or 1) * 7 % #bodies + 1
  wrk.method = "POST"
  wrk.path = "/v1/attributions"
  wrk.headers["Content-Type"] = "application/json"
  if args[2] then wrk.headers["Authorization"] = "Bearer " .. args[2] end
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 200 then non_ok = non_ok + 1 end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + (thread:get("non_ok") or 0) end
  io.write(string.format(
    "attribution: %d requests in %.1f s = %.1f req/s; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; non-200 %d, socket errors %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    failed, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
