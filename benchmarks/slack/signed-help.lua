-- wrk script: cycles through pre-signed `/ops help` requests (see sign-requests.py) on POST /slack/commands.
local requests = {}
local index = 0
local pause = 0

-- The second argument paces each connection: a pause (ms) before every request turns wrk's closed loop into a
-- fixed offered rate of about connections * 1000 / pause requests per second (wrk2 is not in Debian).
function init(args)
  pause = tonumber(args[2] or "0")
  for line in io.lines(args[1] or "requests.txt") do
    local ts, sig, body = line:match("^([^\t]+)\t([^\t]+)\t(.*)$")
    requests[#requests + 1] = wrk.format("POST", "/slack/commands", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["X-Slack-Request-Timestamp"] = ts,
      ["X-Slack-Signature"] = sig,
    }, body)
  end
end

function delay()
  return pause
end

function request()
  index = index % #requests + 1
  return requests[index]
end

function done(summary, latency, requests)
  io.write(string.format("p50 %.2f ms  p99 %.2f ms  non-2xx/errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
