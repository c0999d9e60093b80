#pragma once
// smistat's configuration. Precedence: command line > SMISTAT_* environment > the contracts'
// plain names (HOST, PORT, REFRESH_INTERVAL, ...) > ./.env (never overriding the environment)
// > --config FILE > defaults.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace smistat {

/** How GPU samples are taken (docs/architecture.md, "Cadences"). */
enum class collect_mode {
  interval,   ///< a timer runs the GPU query every refresh interval
  on_demand,  ///< a request that finds older data triggers one shared run
  loop,       ///< one long-lived `nvidia-smi ... -lms N` streams a sample per interval
};

struct config {
  // server
  std::string host = "0.0.0.0";
  std::uint16_t port = 8000;
  /** HTTP threads; 0: one per core. One by default: it serves a cached answer as fast as one
   *  nginx worker, and an exporter beside paying workloads should not spread over their cores
   *  (on a small machine more threads also lengthen the latency tail). */
  unsigned threads = 1;
  bool access_log = true;
  std::string log_level = "info";    ///< trace|debug|info|warning|error|critical
  std::string log_format = "human";  ///< human|logfmt|json
  std::string web_config_file;  ///< TLS and basic auth (exporter-toolkit's format); empty: none
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 64 * 1024;

  // collection
  std::string nvidia_smi = "nvidia-smi";  ///< path or name looked up on PATH
  std::string replay_dir;                 ///< non-empty: run the bundled replayer on this fixture
  collect_mode mode = collect_mode::interval;
  double refresh_interval = 1.0;  ///< seconds; 0 allowed only on-demand
  /** Seconds between `--query-compute-apps` runs; nullopt: every refresh interval. */
  std::optional<double> processes_interval;
  /** Seconds between host (/proc, /sys) readings; unset: the refresh interval, at least 1 s. */
  std::optional<double> host_interval;
  /** Seconds between `nvidia-smi -q` runs, which cost far more than the CSV query; 0: never;
   *  nullopt: 10 x the refresh interval, at least 5 s. */
  std::optional<double> details_interval;
  std::chrono::milliseconds collect_timeout{10'000};

  // contract 000 settings, reported in /config
  bool reload = true;
  unsigned workers = 1;
  std::string title = "GPU Statistics Server";
  std::string description =
      "A server that provides GPU statistics including memory usage and utilization";
  std::string version = "1.0.0";
  std::string docs_url = "/docs";
  std::string redoc_url = "/redoc";
  /** --docs.assets-dir: a folder with Swagger UI / ReDoc files served at /docs/assets/ instead
   *  of the CDN (air-gapped clusters); empty: the CDN, as the originals. */
  std::string docs_assets_dir;
  bool enable_cors = true;
  std::string api_prefix;  ///< reported in /config; applied only with apply_api_prefix
  bool apply_api_prefix = false;
  unsigned max_history = 100;
  // Prometheus exposition
  std::string telemetry_path = "/metrics";  ///< --web.telemetry-path
  std::string metrics_profile = "dcgm";     ///< dcgm | nvidia_smi
  std::string hostname_label = "Hostname";  ///< Hostname | hostname | off
  /** Where XID errors are read: /dev/kmsg, a file or FIFO, `journald` (journalctl's kernel
   *  messages) or `none` (off). */
  std::string xid_source = "/dev/kmsg";
  unsigned gpus_expected = 0;            ///< --gpus-expected; 0: the most GPUs seen since start
  bool metrics_processes = true;         ///< --metrics.processes: per-process series
  unsigned metrics_processes_max = 256;  ///< --metrics.processes.max: most process series
  /** --path.procfs: the /proc GPU processes are read from (the host's, mounted into a
   *  container, as node_exporter names it). */
  std::string path_procfs = "/proc";
  /** --hpc-job-mapping-dir: dcgm-exporter's per-GPU job files; empty: no hpc_job label. */
  std::string hpc_job_mapping_dir;
  /** --kubernetes: pod labels from the kubelet's PodResources API. */
  bool kubernetes = false;
  std::string kubernetes_socket = "/var/lib/kubelet/pod-resources/kubelet.sock";
  double kubernetes_interval = 10.0;                   ///< seconds between calls
  std::chrono::milliseconds kubernetes_timeout{5000};  ///< deadline of one call

  // API keys and streaming (contract 001)
  std::string api_key;       ///< API_KEY: one key; empty means none
  std::string api_keys;      ///< API_KEYS: comma-separated keys
  bool auth_all = false;     ///< check the key on every route, not only the stream
  bool auth_probes = false;  ///< with auth_all, check it on /-/healthy and /-/ready too
  /** DEFAULT_STREAM_INTERVAL as given (the contract's quirk is applied by the stream route). */
  std::string default_stream_interval;
  unsigned max_streams = 1000;

  // nvgpu master: the agents /cluster_status polls, in order (`self` or base URLs)
  std::vector<std::string> agents{"self"};
  std::string agents_file;  ///< the nvgpu master config they were read from; empty: none

  /** CUDA_VISIBLE_DEVICES as read at start; nullopt when unset. */
  std::optional<std::string> cuda_visible_devices;

  bool operator==(const config&) const = default;
};

/** Thrown by load_config for a bad value; what() is one line naming option, value and rule. */
struct config_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/** What the command line asked for besides serving. */
enum class config_action { serve, help, version };

struct loaded_config {
  config cfg;
  config_action action = config_action::serve;
  std::string help_text;    ///< filled for action == help
  std::string config_file;  ///< the --config file that was read; empty when none
  /** Problems that did not stop the start (e.g. `.env` lines that could not be parsed);
   *  load_config runs before logging is set up, so the caller logs them. */
  std::vector<std::string> warnings;
};

/** Reads every source. `environment` is the process environment (name -> value);
 *  `dotenv_path` the `.env` to read (usually ".env"; a missing file is fine). Throws
 *  config_error. */
loaded_config load_config(int argc, const char* const* argv,
                          const std::map<std::string, std::string>& environment,
                          const std::string& dotenv_path = ".env");

/** The processes cadence in seconds: processes_interval, or the refresh interval when unset.
 *  The one place that applies the default, so every reader of the setting agrees on it. */
double effective_processes_interval(const config& cfg);

/** The host cadence in seconds: host_interval, or when unset the refresh interval and at least
 *  1 s (a full /proc scan costs milliseconds; host figures need no 10 Hz). */
double effective_host_interval(const config& cfg);

/** The details (`-q`) cadence in seconds, 0 meaning never: details_interval, or when unset
 *  10 x the refresh interval and at least 5 s. */
double effective_details_interval(const config& cfg);

/** The process environment (`environ`) as a map, for load_config; the first of duplicates wins,
 *  as with getenv. */
std::map<std::string, std::string> process_environment();

/** The text of `smistat --help`: usage line, example, options, environment names. */
std::string help_text();

}  // namespace smistat
