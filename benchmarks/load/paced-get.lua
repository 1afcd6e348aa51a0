-- wrk script: GET with a pause (ms, first argument) before each request on every connection, so that
-- connections * 1000 / (pause + latency) approximates a fixed offered rate (wrk2 is not in Debian).
local pause = 0

function init(args)
  pause = tonumber(args[1] or "0")
end

function delay()
  return pause
end

function done(summary, latency, requests)
  io.write(string.format("p50 %.2f ms  p99 %.2f ms  non-2xx/errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
