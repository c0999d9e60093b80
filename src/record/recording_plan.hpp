#pragma once
// What a machine folder holds (fixtures/README.md, "Files"): each file's fixed name and the exact
// nvidia-smi arguments whose stdout it is.

#include <string>
#include <string_view>
#include <vector>

namespace smistat::record {

/** One recording: `nvidia-smi <args>` written byte for byte to `file`. */
struct recording_step {
  std::string file;
  std::vector<std::string> args;
};

/** The fields of the compute-apps recording, in the order its command names them. */
inline constexpr std::string_view compute_apps_fields =
    "timestamp,gpu_name,gpu_bus_id,gpu_serial,gpu_uuid,pid,process_name,used_gpu_memory";

/** The files that do not depend on what the GPUs are doing: version, help, `-L`. */
std::vector<recording_step> static_steps();

/** The files of one state (`idle` or `load`): the all-fields query, compute apps, the banner,
 *  `-q` and `-q -x`. `help_query_gpu` is the driver's `--help-query-gpu` text: the query asks for
 * every field it lists, in its order. Without fields (no help) the query step is left out. */
std::vector<recording_step> state_steps(std::string_view state, std::string_view help_query_gpu);

/** The command line a step ran, for people: `nvidia-smi --version`. */
std::string command_line(const recording_step& step);

}  // namespace smistat::record
