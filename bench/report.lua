-- wrk report in machine-readable lines: @rps, @p50 and @p99 (microseconds), @errors.
-- Non-2xx/3xx answers count as errors, as do socket errors.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                 + summary.errors.timeout + summary.errors.status
  io.write(string.format("@rps=%f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("@p50=%f\n", latency:percentile(50)))
  io.write(string.format("@p99=%f\n", latency:percentile(99)))
  io.write(string.format("@errors=%d\n", errors))
end
