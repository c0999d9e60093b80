#pragma once
// What the collector needs from the configuration, in its own terms.

#include <chrono>
#include <string>
#include <vector>

#include "src/config/config.hpp"

namespace smistat::collect {

struct collector_options {
  std::string program = "nvidia-smi";  ///< path, or a name looked up on PATH
  /** Arguments put before nvidia-smi's own (e.g. the fixture folder of a replayer). */
  std::vector<std::string> leading_args;
  collect_mode mode = collect_mode::interval;
  std::chrono::duration<double> refresh_interval{1.0};
  std::chrono::milliseconds run_timeout{10'000};
  /** Run `nvidia-smi -q` once per sample for the values only it prints (PCIe throughput). */
  bool query_details = true;
  /** Sample the host (/proc, /sys under this root) once per sample; empty: do not. */
  std::string host_root = "/";
  /** How many rejected fields one sample may drop before giving up. */
  unsigned max_field_retries = 16;
};

/** The collection settings of `cfg` (nvidia_smi, collect_mode, refresh_interval, timeout). */
collector_options options_from(const config& cfg);

/** The health `mode` string for `m`: "interval" or "on-demand". */
const char* mode_name(collect_mode m) noexcept;

}  // namespace smistat::collect
