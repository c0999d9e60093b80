-- wrk: every request takes the next route of the list, so each connection walks all of them.
local routes = {
  "/", "/gpu/stats", "/gpu/count", "/gpu/summary", "/health", "/config", "/gpu", "/types",
  "/api/v1/gpu-metrics", "/api/v1/health", "/api/v1/metrics", "/api/v1/gpu/devices",
  "/api/v1/gpu/driver", "/gpu_status", "/cluster_status", "/gpu/history", "/metrics",
  "/-/healthy", "/-/ready", "/openapi.json", "/ui", "/ui/table", "/no/such/route",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", routes[(i % #routes) + 1])
end
local statuses = {}
response = function(status)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function()
  for status, n in pairs(statuses) do io.write(string.format("status %d: %d\n", status, n)) end
end
