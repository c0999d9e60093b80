#pragma once
// Runs the recording's nvidia-smi commands (with deadlines, through the runner) and masks what
// they printed. Writing the folder is separate, so tests can compare before anything is written.

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "src/record/identity_mask.hpp"
#include "src/record/recording_plan.hpp"

namespace smistat::record {

/** What to record and how. */
struct record_options {
  std::filesystem::path dir;                  ///< the machine folder to write
  std::string program = "nvidia-smi";         ///< a path, or a name looked up on PATH
  std::string state = "idle";                 ///< `idle` or `load`: names the per-state files
  bool force = false;                         ///< write into a non-empty folder
  std::chrono::milliseconds timeout{60'000};  ///< per command: -q takes seconds on big hosts
  std::vector<std::string> hostnames;         ///< masked as `redacted-host`
};

/** A command that printed nothing worth keeping: it failed, or could not run. */
struct skipped_step {
  recording_step step;
  std::string reason;  ///< `exited 255: <first line>`, `no answer within 60 s`, ...
};

/** The masked files, what was left out, and how many identities each kind replaced. */
struct recording {
  std::vector<recorded_file> files;
  std::vector<recording_step> kept;  ///< parallel to files
  std::vector<skipped_step> skipped;
  std::map<identity_kind, std::size_t> masked;
  std::string start_error;  ///< set when nvidia-smi could not be started at all
};

/** Runs every step of the plan, one at a time, and masks the outputs of those that exited 0
 *  (fixtures keep only those; the rest are reported). */
recording record_machine(const record_options& options);

/** Writes the files into `dir` (created when missing), byte for byte. Throws
 *  std::filesystem::filesystem_error or std::runtime_error when a file cannot be written. */
void write_recording(const std::filesystem::path& dir, const std::vector<recorded_file>& files);

}  // namespace smistat::record
