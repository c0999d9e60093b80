-- wrk: every request takes the next route of the list, so each connection walks all of them.
-- The last route does not exist: its 404s, 1 in 23 requests, are the only non-2xx expected.
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
