#include "src/config/option_table.hpp"

#include <cstddef>
#include <cstdint>

#include "src/config/agents_option.hpp"
#include "src/config/converters.hpp"

namespace smistat::config_detail {
namespace {

// A new option needs a row here, its commented default in etc/smistat.conf (a test checks) and
// rows in tests/config; the order is the order of --help.
constexpr option_spec specs[] = {
    {"host", "HOST", "ADDR", false, "address to listen on (default 0.0.0.0)",
     [](config& c, const raw_value& v) { c.host = non_empty(v); }},
    {"port", "PORT", "N", false, "TCP port; 0 lets the kernel pick one (default 8000)",
     [](config& c, const raw_value& v) { c.port = to_integer<std::uint16_t>(v, 0, 65535); }},
    {"threads", "", "N", false,
     "HTTP threads; 0 means one per core (default 1, as one nginx worker)",
     [](config& c, const raw_value& v) { c.threads = to_integer<unsigned>(v, 0, 1024); }},
    {"refresh-interval", "REFRESH_INTERVAL", "SECONDS", false,
     "seconds between nvidia-smi runs; 0 (on-demand only) samples for every request (default 1.0)",
     [](config& c, const raw_value& v) { c.refresh_interval = to_seconds(v, true, refresh_rule); }},
    {"collect-mode", "", "MODE", false,
     "interval: sample on a timer; on-demand: sample when a request finds older data; loop: one "
     "long-running nvidia-smi samples every refresh interval (default interval)",
     [](config& c, const raw_value& v) { c.mode = to_mode(v); }},
    {"processes-interval", "", "SECONDS", false,
     "seconds between nvidia-smi --query-compute-apps runs, which list GPU processes (default: the "
     "refresh interval)",
     [](config& c, const raw_value& v) {
       c.processes_interval = to_optional_seconds(v, false, processes_rule);
     }},
    {"details-interval", "", "SECONDS", false,
     "seconds between nvidia-smi -q runs, which are expensive; 0 never runs it (default: 10 x the "
     "refresh interval, at least 5)",
     [](config& c, const raw_value& v) {
       c.details_interval = to_optional_seconds(v, true, details_rule);
     }},
    {"host-interval", "", "SECONDS", false,
     "seconds between readings of the host (/proc, /sys) for the GPU Metrics API's system "
     "figures; 0 reads it with every GPU sample (default: the refresh interval, at least 1); "
     "only every 30 s while no answer shows those figures",
     [](config& c, const raw_value& v) {
       c.host_interval = to_optional_seconds(v, true, host_rule);
     }},
    {"collect-timeout", "", "SECONDS", false, "deadline for one nvidia-smi run (default 10)",
     [](config& c, const raw_value& v) { c.collect_timeout = to_timeout(v); }},
    {"nvidia-smi", "", "PATH", false,
     "nvidia-smi to run, a path or a name on PATH (default nvidia-smi)",
     [](config& c, const raw_value& v) { c.nvidia_smi = non_empty(v); }},
    {"replay", "", "DIR", false,
     "serve a recorded fixture folder through the bundled replayer; auto: real nvidia-smi when on "
     "PATH, else the bundled fixture (default: off)",
     [](config& c, const raw_value& v) { c.replay_dir = v.text; }},
    {"log-level", "LOG_LEVEL", "LEVEL", false,
     "trace, debug, info, warning, error, critical or off (default info)",
     [](config& c, const raw_value& v) { c.log_level = to_log_level(v); }},
    {"log.level", "", "LEVEL", false, "the same as --log-level, as Prometheus exporters spell it",
     [](config& c, const raw_value& v) { c.log_level = to_log_level(v); }},
    {"log.format", "", "FORMAT", false, "human, logfmt or json (default human)",
     [](config& c, const raw_value& v) {
       c.log_format = one_of(v, {"human", "logfmt", "json"});
     }},
    {"access-log", "ACCESS_LOG", "BOOL", true,
     "log one line per request; --no-access-log turns it off (default true)",
     [](config& c, const raw_value& v) { c.access_log = to_bool(v); }},
    {"enable-cors", "ENABLE_CORS", "BOOL", false,
     "answer CORS requests as Starlette's CORSMiddleware does (default true)",
     [](config& c, const raw_value& v) { c.enable_cors = to_bool(v); }},
    {"api-prefix", "API_PREFIX", "PATH", false,
     "reported in /config; prefixes the JSON routes only with --apply-api-prefix (default empty)",
     [](config& c, const raw_value& v) { c.api_prefix = v.text; }},
    {"apply-api-prefix", "", "BOOL", true, "serve the JSON API under --api-prefix (default false)",
     [](config& c, const raw_value& v) { c.apply_api_prefix = to_bool(v); }},
    {"max-history", "MAX_HISTORY", "N", false, "snapshots kept in history (default 100)",
     [](config& c, const raw_value& v) { c.max_history = to_integer<unsigned>(v, 0, 1'000'000); }},
    {"agents", "", "LIST", false,
     "agents /cluster_status polls, comma-separated: self or base URLs like http://node2:1080 "
     "(default self)",
     [](config& c, const raw_value& v) { c.agents = to_agents(v); }},
    {"agents-file", "NVGPU_CLUSTER_CFG", "FILE", false,
     "nvgpu master config holding AGENTS = ['self', 'http://node2:1080'] (default none)",
     [](config& c, const raw_value& v) {
       c.agents_file = v.text;
       if (!v.text.empty()) c.agents = agents_from_file(v);
     }},
    {"web.telemetry-path", "", "PATH", false,
     "path of the Prometheus exposition (default /metrics)",
     [](config& c, const raw_value& v) { c.telemetry_path = to_route_path(v); }},
    {"metrics.profile", "", "NAME", false,
     "dcgm: dcgm-exporter metric names; nvidia_smi: nvidia_gpu_exporter names (default dcgm)",
     [](config& c, const raw_value& v) {
       c.metrics_profile = one_of(v, {"dcgm", "nvidia_smi"});
     }},
    {"metrics.hostname-label", "", "NAME", false,
     "name of the host label on GPU series: Hostname, hostname or off (default Hostname)",
     [](config& c, const raw_value& v) {
       c.hostname_label = one_of(v, {"Hostname", "hostname", "off"});
     }},
    {"xid.source", "", "SOURCE", false,
     "where XID errors are read: /dev/kmsg, a file or FIFO, journald (journalctl -k) or none "
     "(default /dev/kmsg)",
     [](config& c, const raw_value& v) { c.xid_source = non_empty(v); }},
    {"gpus-expected", "", "N", false,
     "GPUs this machine should have, published as smistat_gpus_expected; 0: the most seen since "
     "start (default 0)",
     [](config& c, const raw_value& v) { c.gpus_expected = to_integer<unsigned>(v, 0, 1024); }},
    {"metrics.processes", "", "BOOL", false,
     "per-process GPU memory series with their owner (user, container, pod, Slurm job) "
     "(default true)",
     [](config& c, const raw_value& v) { c.metrics_processes = to_bool(v); }},
    {"metrics.processes.max", "", "N", false,
     "most per-process series in one scrape; the rest are counted in "
     "smistat_process_series_dropped (default 256)",
     [](config& c, const raw_value& v) {
       c.metrics_processes_max = to_integer<unsigned>(v, 0, 100000);
     }},
    {"path.procfs", "", "DIR", false,
     "the /proc processes are read from, e.g. the host's mounted into a container (default "
     "/proc)",
     [](config& c, const raw_value& v) { c.path_procfs = non_empty(v); }},
    {"hpc-job-mapping-dir", "", "DIR", false,
     "folder of files named by GPU index, one batch job ID a line, as dcgm-exporter reads; adds "
     "hpc_job to the DCGM GPU series (default none)",
     [](config& c, const raw_value& v) { c.hpc_job_mapping_dir = v.text; }},
    {"kubernetes", "", "BOOL", true,
     "pod, namespace and container labels on the GPU series, from the kubelet's PodResources API "
     "(default false)",
     [](config& c, const raw_value& v) { c.kubernetes = to_bool(v); }},
    {"kubernetes.pod-resources-socket", "", "FILE", false,
     "the kubelet's PodResources socket (default /var/lib/kubelet/pod-resources/kubelet.sock)",
     [](config& c, const raw_value& v) { c.kubernetes_socket = non_empty(v); }},
    {"kubernetes.interval", "", "SECONDS", false,
     "seconds between two calls to the kubelet (default 10)",
     [](config& c, const raw_value& v) {
       c.kubernetes_interval = to_seconds(v, false, timeout_rule);
     }},
    {"kubernetes.timeout", "", "SECONDS", false, "deadline of one call to the kubelet (default 5)",
     [](config& c, const raw_value& v) { c.kubernetes_timeout = to_timeout(v); }},
    {"web.config.file", "", "FILE", false,
     "TLS and basic-auth users in the Prometheus exporters' web configuration format; re-read on "
     "SIGHUP (default none)",
     [](config& c, const raw_value& v) { c.web_config_file = v.text; }},
    {"api-key", "API_KEY", "KEY", false,
     "a key required on /gpu/stream (header X-API-Key or query api_key) (default none)",
     [](config& c, const raw_value& v) { c.api_key = v.text; }},
    {"api-keys", "API_KEYS", "KEYS", false, "more keys, comma-separated (default none)",
     [](config& c, const raw_value& v) { c.api_keys = v.text; }},
    {"auth-all", "", "BOOL", true,
     "require the API key on every route but /-/healthy and /-/ready (default false)",
     [](config& c, const raw_value& v) { c.auth_all = to_bool(v); }},
    {"auth-probes", "", "BOOL", true,
     "with --auth-all, require the key on /-/healthy and /-/ready too (default false)",
     [](config& c, const raw_value& v) { c.auth_probes = to_bool(v); }},
    {"default-stream-interval", "DEFAULT_STREAM_INTERVAL", "SECONDS", false,
     "stream interval used when a client asks for the default 2.0 (default unset)",
     [](config& c, const raw_value& v) { c.default_stream_interval = v.text; }},
    {"max-streams", "", "N", false, "most concurrent event streams (default 1000)",
     [](config& c, const raw_value& v) { c.max_streams = to_integer<unsigned>(v, 1, 100'000); }},
    {"read-timeout", "", "SECONDS", false, "deadline for reading one request (default 30)",
     [](config& c, const raw_value& v) { c.read_timeout = to_timeout(v); }},
    {"write-timeout", "", "SECONDS", false, "deadline for writing one response (default 30)",
     [](config& c, const raw_value& v) { c.write_timeout = to_timeout(v); }},
    {"max-header-bytes", "", "N", false, "largest request header accepted (default 16384)",
     [](config& c, const raw_value& v) {
       c.max_header_bytes = to_integer<std::size_t>(v, 1024, 1'048'576);
     }},
    {"max-body-bytes", "", "N", false, "largest request body accepted (default 65536)",
     [](config& c, const raw_value& v) {
       c.max_body_bytes = to_integer<std::size_t>(v, 0, 1'073'741'824);
     }},
    {"title", "TITLE", "TEXT", false,
     "API title in /config and the OpenAPI document (default GPU Statistics Server)",
     [](config& c, const raw_value& v) { c.title = v.text; }},
    {"description", "DESCRIPTION", "TEXT", false,
     "API description in the OpenAPI document (default A server that provides GPU statistics "
     "including memory usage and utilization)",
     [](config& c, const raw_value& v) { c.description = v.text; }},
    {"api-version", "VERSION", "TEXT", false, "API version shown by / and /config (default 1.0.0)",
     [](config& c, const raw_value& v) { c.version = v.text; }},
    {"docs-url", "DOCS_URL", "PATH", false, "Swagger UI path (default /docs)",
     [](config& c, const raw_value& v) { c.docs_url = v.text; }},
    {"redoc-url", "REDOC_URL", "PATH", false, "ReDoc path (default /redoc)",
     [](config& c, const raw_value& v) { c.redoc_url = v.text; }},
    {"docs.assets-dir", "", "DIR", false,
     "serve Swagger UI and ReDoc from this folder (swagger-ui-bundle.js, swagger-ui.css, "
     "redoc.standalone.js) instead of a CDN (default: the CDN)",
     [](config& c, const raw_value& v) { c.docs_assets_dir = to_readable_dir(v); }},
    {"reload", "RELOAD", "BOOL", true,
     "reported in /config only; smistat never reloads itself (default true)",
     [](config& c, const raw_value& v) { c.reload = to_bool(v); }},
    {"workers", "WORKERS", "N", false,
     "reported in /config only; smistat scales with --threads (default 1)",
     [](config& c, const raw_value& v) { c.workers = to_integer<unsigned>(v, 0, 1024); }},
};

}  // namespace

std::span<const option_spec> option_table() { return specs; }

}  // namespace smistat::config_detail
