#pragma once
// What the collector needs to know, in its own terms; app fills it from the configuration.

#include <chrono>
#include <memory>
#include <string>

#include "src/collect/host_demand.hpp"

namespace smistat::collect {

/** How the GPU query is driven (README, "Collection modes"). */
enum class collect_mode {
  interval,   ///< a timer runs it every refresh interval
  on_demand,  ///< a request that finds the data older than the interval triggers one run
  loop,       ///< one long-lived `nvidia-smi ... -lms N` child streams a batch per interval
};

using seconds = std::chrono::duration<double>;

struct collector_options {
  std::string program = "nvidia-smi";  ///< path, or a name looked up on PATH
  collect_mode mode = collect_mode::interval;
  seconds refresh_interval{1.0};
  /** How often `--query-compute-apps` runs; never more often than the GPU query. */
  seconds processes_interval{1.0};
  /** How often `nvidia-smi -q` runs for the values only it prints (PCIe throughput); 0: never. */
  seconds details_interval{10.0};
  /** How often the host (/proc, /sys) is sampled, at most; 0: with every GPU sample. */
  seconds host_interval{1.0};
  /** Who looks at the host's figures: while nobody does, it is read only every
   *  host_demand::idle_interval. Null: always at host_interval (the command-line tools). */
  std::shared_ptr<host_demand> host_readers;
  /** Deadline of every run; in loop mode also how long the child may go without a batch. */
  std::chrono::milliseconds run_timeout{10'000};
  /** Root of the host's /proc and /sys; empty: do not sample the host. */
  std::string host_root = "/";
  /** Where the GPU processes' /proc entries are read (--path.procfs); empty: host_root/proc. */
  std::string host_procfs;
  /** --hpc-job-mapping-dir: read with every process list; empty: not read. */
  std::string hpc_job_mapping_dir;
  /** How many rejected fields one query may drop before giving up. */
  unsigned max_field_retries = 16;
  /** Loop mode: the pause before restarting a child that printed batches, then exited. */
  std::chrono::milliseconds loop_restart_delay{10};
  /** Loop mode: the pause before restarting a child that printed no batch; it doubles, up to
   *  the maximum, while children keep failing, so a broken driver is not hammered. */
  std::chrono::milliseconds loop_backoff_delay{250};
  std::chrono::milliseconds loop_backoff_max_delay{30'000};
  /** Loop mode: the process list also comes from a long-lived child (`--query-compute-apps
   *  ... -lms N`) instead of one run per sample, when it is wanted with every sample. */
  bool stream_processes = false;
  /** Loop mode: `nvidia-smi -q` also comes from a long-lived child (`-q -lms N`) instead of one
   *  run every details interval. */
  bool stream_details = false;
};

/** The health `mode` string for `m`: "interval", "on-demand" or "loop". */
const char* mode_name(collect_mode m) noexcept;

}  // namespace smistat::collect
