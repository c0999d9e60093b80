#pragma once
// Decides which program the collector runs: the real nvidia-smi, or the bundled replayer on a
// recorded machine (`--replay DIR`, or `--replay auto` when no nvidia-smi is on PATH).

#include <string>

#include "src/config/config.hpp"

namespace smistat::app {

struct nvidia_smi_source {
  std::string program;     ///< what the collector execs
  std::string replay_dir;  ///< non-empty when the data is a recording
};

/** Resolves the source and, for a replay, points the replayer at its folder through
 *  NVIDIA_SMI_REPLAY_DIR (set in this process's environment, inherited by every run). Logs
 *  loudly when the data is recorded. Throws config_error for a replay folder that is missing. */
nvidia_smi_source choose_nvidia_smi_source(const config& cfg);

}  // namespace smistat::app
