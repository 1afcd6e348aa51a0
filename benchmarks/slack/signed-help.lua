-- wrk script: sends pre-signed `/ops <text>` requests (see sign-requests.py) on POST /slack/commands.
-- The bot refuses a signed request it has seen before ("already handled", replay protection), so each request is
-- sent once: thread k of n takes lines k, k+n, k+2n… of the file, and a thread that runs out starts over and counts
-- the repeats, which done() reports — a run with repeats measured the replay path, not commands.
local requests = {}
local index = 0
local pause = 0
local threads = {}
replays = 0

-- setup runs in the main state once per thread, before init: it numbers the threads for the striping.
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

-- Arguments: the requests file; a pause (ms) before every request, which turns wrk's closed loop into a fixed offered
-- rate of about connections * 1000 / pause requests per second (wrk2 is not in Debian); the number of threads (-t).
function init(args)
  pause = tonumber(args[2] or "0")
  local stride = tonumber(args[3] or "2")
  local n = 0
  for line in io.lines(args[1] or "requests.txt") do
    if n % stride == (id or 0) then
      local ts, sig, body = line:match("^([^\t]+)\t([^\t]+)\t(.*)$")
      requests[#requests + 1] = wrk.format("POST", "/slack/commands", {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Slack-Request-Timestamp"] = ts,
        ["X-Slack-Signature"] = sig,
      }, body)
    end
    n = n + 1
  end
end

function delay()
  return pause
end

function request()
  index = index + 1
  if index > #requests then
    replays = replays + 1
    return requests[(index - 1) % #requests + 1]
  end
  return requests[index]
end

function done(summary, latency, requests)
  local repeated = 0
  for _, thread in ipairs(threads) do
    repeated = repeated + (thread:get("replays") or 0)
  end
  io.write(string.format("p50 %.2f ms  p99 %.2f ms  non-2xx/errors %d  replayed %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, repeated))
end
