-- Each request claims the next task of this thread's share of $AK_CLAIMS ("task-id jwt" lines);
-- every token is signed by the task's assignee and is used once.
local threads = {}
local lines = {}
local next_line = 0

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local count = tonumber(os.getenv("AK_THREADS"))
  local i = 0
  for line in io.lines(os.getenv("AK_CLAIMS")) do
    if i % count == index then
      table.insert(lines, line)
    end
    i = i + 1
  end
end

function request()
  next_line = next_line + 1
  local task, token = string.match(lines[next_line] or "exhausted none", "(%S+) (%S+)")
  return wrk.format("POST", "/api/tasks/" .. task .. "/claim",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"})
end
