#pragma once
// One reading of the machine for the command-line tools: the GPU query, the compute apps and
// `-L` run side by side (so a reading costs about one nvidia-smi run), then /proc tells who
// runs each process. The server's collector is built for cadences and single flights; a tool
// that reads once needs none of that.

#include <optional>
#include <string>

#include "src/collect/collector_options.hpp"
#include "src/collect/snapshot.hpp"

namespace smistat::cli {

/** What one reading gave: a snapshot with the GPU table, processes and `-L`, or the error of
 *  the GPU query (nvidia-smi missing, failing, timed out, unparsable). */
struct reading {
  collect::snapshot snapshot;
  std::optional<collect::collection_error> error;  ///< set when there is no GPU table
};

/** Runs `options.program` (the real nvidia-smi or the replayer); blocks until every run ended
 *  or passed `options.run_timeout`. /proc is read from `options.host_root` unless it is empty. */
reading read_machine_once(const collect::collector_options& options);

}  // namespace smistat::cli
