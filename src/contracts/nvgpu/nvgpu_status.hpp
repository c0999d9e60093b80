#pragma once
// The nvgpu contract's per-GPU `device_status` (docs/contracts/nvgpu.md), computed once from a
// snapshot; the agent JSON, the terminal table and its HTML page all render this one model.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "src/collect/snapshot.hpp"

namespace smistat::render {

/** NVML's memory struct, in bytes (nvidia-smi's MiB times 1048576). */
struct nvgpu_memory {
  std::int64_t total = 0;
  std::int64_t free = 0;
  std::int64_t used = 0;
  friend bool operator==(const nvgpu_memory&, const nvgpu_memory&) = default;
};

/** One GPU as nvgpu's `device_status` describes it. An unknown value is empty, never 0. */
struct nvgpu_device {
  std::optional<std::string> type;  ///< the product name
  bool is_available = false;        ///< no compute process (and the process list is known)
  std::string pids;                 ///< comma-joined compute pids; "?" when they are unknown
  std::string users;                ///< comma-joined users, `?` for a process /proc hides
  std::optional<std::string> running_since;  ///< the oldest process's start, humanized
  std::optional<std::int64_t> utilization;   ///< percent; empty under MIG, as NVML says
  std::optional<nvgpu_memory> memory;
  std::optional<std::int64_t> clock_mhz;    ///< the SM clock
  std::optional<std::int64_t> temperature;  ///< degrees C
  std::optional<std::string> cmd;           ///< nvgpu's rough name of the first process
  /** Who owns the processes, from their cgroups: the distinct Slurm job IDs and Kubernetes pod
   *  UIDs, comma-joined in process order; empty when none says. smistat's own table shows them
   *  (`smistat list`); nvgpu's agent JSON has no place for them and leaves them out. */
  std::string jobs;
  std::string pods;
  /** Why the GPU did not answer (`GPU is lost. ...`); empty for a GPU that reported. */
  std::optional<std::string> lost;
  /** Figures for `available`, which nvgpu reads from nvidia-smi's MiB. */
  std::optional<std::int64_t> index;  ///< nvidia-smi's index
  std::string uuid;
  friend bool operator==(const nvgpu_device&, const nvgpu_device&) = default;
};

/** Every GPU of `s` in nvidia-smi order; a lost GPU keeps its place (nvidia-smi numbers GPUs
 *  in PCI bus order, so it is placed by its bus id). `now` is what "since" is measured from.
 *  When the process list was never read (`s.health.processes` has no success), no GPU is
 *  called available and pids and users read `?`. */
std::vector<nvgpu_device> nvgpu_devices(const collect::snapshot& s,
                                        std::chrono::system_clock::time_point now);

/** nvgpu's `parse_cmd_roughly` over a command line whose arguments are joined by spaces:
 *  `jupyter` for an ipykernel, else the first `*.py` argument, else the line cut to 25
 *  characters plus `...`. */
std::string rough_command(const std::string& cmdline);

/** nvgpu's `mem_used_percent`: 100 * used / total; empty when either is unknown or total is 0. */
std::optional<double> memory_used_percent(const nvgpu_device& d);

}  // namespace smistat::render
