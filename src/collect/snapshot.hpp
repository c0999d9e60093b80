#pragma once
// The immutable result of one collection, plus collection health. Renderers are pure
// functions of a snapshot; the store swaps snapshots atomically.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/compute_apps.hpp"
#include "parsers/list_gpus.hpp"
#include "parsers/query_csv.hpp"
#include "parsers/query_details.hpp"
#include "src/common/shared_list.hpp"
#include "src/system/system_info.hpp"

namespace smistat::collect {

using wall_clock = std::chrono::system_clock;

/** What kind of failure ended a collection. Each has a stable snake_case name (name_of), which
 *  the contracts, /metrics' `kind` label, the command line and the log show. */
enum class collection_failure {
  // The run itself, as the runner saw it.
  nvidia_smi_missing,  ///< could not be started (ENOENT, EACCES, ...)
  timed_out,           ///< did not finish (or, in loop mode, print a batch) in time
  output_too_large,    ///< wrote more than the output cap
  killed_by_signal,    ///< ended by a signal
  // nvidia-smi exited non-zero; its error text says why (parsers::smi_failure).
  driver_not_loaded,
  nvml_library_missing,
  no_devices,
  gpu_lost,  ///< also: a lost GPU's line among otherwise good rows
  invalid_field,
  insufficient_permissions,
  version_mismatch,
  nvml_unknown_error,
  unknown,  ///< an exit code and text nothing above recognises
  // What smistat made of the output.
  parse_error,  ///< the output could not be read, or held no GPU data
  loop_ended,   ///< loop mode's long-lived nvidia-smi exited
};

/** The stable name: "nvidia_smi_missing", "timed_out", "driver_not_loaded", ... */
std::string_view name_of(collection_failure kind) noexcept;

/** Why the last collection failed. */
struct collection_error {
  collection_failure kind = collection_failure::unknown;
  int exit_code = 0;    ///< nvidia-smi's exit code, 0 when it did not exit by itself
  std::string message;  ///< first line of the error text, or the runner's reason
  bool operator==(const collection_error&) const = default;
};

/** Health of one part collected beside the GPU figures (processes, details, host, facts): each
 *  has its own cadence, and its last good value is kept, with its age, when a run fails. */
struct part_health {
  std::optional<wall_clock::time_point> last_attempt;
  std::optional<wall_clock::time_point> last_success;  ///< when the value now served was read
  std::optional<collection_error> last_error;          ///< of the last attempt
  double last_duration_seconds = 0.0;
  std::uint64_t runs_total = 0;
  std::uint64_t errors_total = 0;
  bool operator==(const part_health&) const = default;
};

/** The long-lived child of loop mode. */
struct loop_health {
  int pid = -1;                                     ///< the child now running; -1 between restarts
  std::uint64_t restarts = 0;                       ///< children started after the first
  std::uint64_t batches = 0;                        ///< complete batches read, over all children
  std::optional<wall_clock::time_point> last_line;  ///< when the child last printed a line
  bool operator==(const loop_health&) const = default;
};

/** Collection health, kept beside the data (never instead of it). The top-level fields describe
 *  the GPU query, whose figures every contract serves. */
struct collection_health {
  std::string mode = "interval";  ///< interval | on-demand | loop
  double refresh_interval = 1.0;  ///< seconds
  std::optional<wall_clock::time_point> last_attempt;
  std::optional<wall_clock::time_point> last_success;
  std::uint64_t consecutive_failures = 0;
  std::optional<collection_error> last_error;  ///< of the last attempt; nullopt when it succeeded
  double last_duration_seconds = 0.0;
  std::uint64_t runs_total = 0;
  std::uint64_t errors_total = 0;
  std::map<std::string, std::uint64_t> errors_by_kind;  ///< errors_total split by error kind
  int last_exit_code = 0;
  /** The most GPUs one sample listed since start, lost ones included. */
  std::size_t most_gpus_seen = 0;
  part_health processes;            ///< `--query-compute-apps`
  part_health details;              ///< `nvidia-smi -q`
  part_health host;                 ///< /proc and /sys
  part_health facts;                ///< `--version`, `-L`, `--help-query-gpu`
  std::optional<loop_health> loop;  ///< set in loop mode
};

/** Facts read once at start (and again when the driver version changes). */
struct static_facts {
  bool nvidia_smi_available = false;  ///< as the 000 contract: `--version` (or banner) succeeded
  bool nvidia_smi_found = false;      ///< false only when the binary is missing (ENOENT/EACCES)
  std::string driver_version;
  std::string cuda_version;  ///< `12.2`; empty when unknown
  std::string nvml_version;  ///< NVML's own (`590.48`); renderers build `<cuda major>.<nvml>`
  common::shared_list<parsers::listed_gpu> listed;  ///< `-L`
};

/** One published generation. Immutable once published; shared by every reader. The parts that
 *  change less often than snapshots are published (lists of processes, details, GPUs) are
 *  shared with the snapshots before and after (common::shared_list), not copied. */
struct snapshot {
  std::uint64_t generation = 0;
  /** Wall time the GPU data was sampled (of the last success; unset when none yet). */
  std::optional<wall_clock::time_point> sampled_at;
  /** GPU table with `fields` holding smistat's keys (parsers::default_query_fields().key). */
  parsers::query_table gpus;
  common::shared_list<parsers::compute_app> apps;
  /** Per-GPU values only `nvidia-smi -q` gives (PCIe throughput); empty when not read. */
  common::shared_list<parsers::gpu_details> details;
  /** The host (contract 001 system_info, 002 metrics); null until first sampled. */
  std::shared_ptr<const system::system_snapshot> host;
  /** /proc details of the pids in `apps` (name, user, cpu percent, start time). */
  common::shared_list<system::process_details> app_processes;
  /** Batch job IDs by GPU index from --hpc-job-mapping-dir, read with the process list; empty
   *  when the option is not set. */
  std::map<std::string, std::vector<std::string>> hpc_jobs;
  static_facts facts;
  collection_health health;

  bool has_data() const noexcept { return sampled_at.has_value(); }
  /** Age of the data at `now`, in seconds; 0 when there is none. */
  double age_seconds(wall_clock::time_point now) const noexcept;
  /** True when the last attempt failed or the data is older than 3 refresh intervals. */
  bool degraded(wall_clock::time_point now) const noexcept;
};

using snapshot_ptr = std::shared_ptr<const snapshot>;

/** True once a published snapshot reflects at least one finished collection. */
inline bool has_collected(const snapshot& s) noexcept { return s.health.runs_total > 0; }

/** True once a snapshot can also say which processes run: the first process list has been read
 *  (or failed), or the GPU query has no data, after which no process list is started. */
inline bool has_collected_processes(const snapshot& s) noexcept {
  return has_collected(s) && (s.health.processes.runs_total > 0 || !s.has_data());
}

}  // namespace smistat::collect
