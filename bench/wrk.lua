-- One wrk script for every bench/run phase. BENCH_MODE picks what each request is:
--   get    GET $BENCH_PATH with $BENCH_AUTH as bearer (ping, list)
--   post   POST $BENCH_BODY to $BENCH_PATH with $BENCH_AUTH (task create)
--   claim  POST /api/tasks/<task>/claim, one line of $BENCH_LINES ("task jwt") per request
--   note   POST /api/tasks/<task>/notes, likewise
-- Token lines are split between wrk threads; every agent JWT is used once (fresh jti).
-- done() prints one RESULT line that bench/run turns into a table row.
local mode = os.getenv("BENCH_MODE") or "get"
local path = os.getenv("BENCH_PATH") or "/api/ping"
local auth = os.getenv("BENCH_AUTH")
local body = os.getenv("BENCH_BODY")
local threads = {}
local lines = {}
local next_line = 0

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file = os.getenv("BENCH_LINES")
  if file == nil or file == "" then
    return
  end
  local count = tonumber(os.getenv("BENCH_THREADS"))
  local i = 0
  for line in io.lines(file) do
    if i % count == index then
      table.insert(lines, line)
    end
    i = i + 1
  end
end

local function headers(token)
  local h = {["Content-Type"] = "application/json"}
  if token ~= nil and token ~= "" then
    h["Authorization"] = "Bearer " .. token
  end
  return h
end

function request()
  if mode == "get" then
    return wrk.format("GET", path, headers(auth))
  elseif mode == "post" then
    return wrk.format("POST", path, headers(auth), body)
  end
  next_line = next_line + 1
  local task, token = string.match(lines[next_line] or "exhausted none", "(%S+) (%S+)")
  if mode == "claim" then
    return wrk.format("POST", "/api/tasks/" .. task .. "/claim", headers(token))
  end
  return wrk.format("POST", "/api/tasks/" .. task .. "/notes", headers(token),
    '{"detail":"bench note ' .. next_line .. '"}')
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f p50=%.3f p99=%.3f max=%.3f errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect + e.read + e.write + e.status + e.timeout))
end
