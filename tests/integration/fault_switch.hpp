#pragma once
// nvidia-smi as the replayer behind a switch: a wrapper script that execs nvidia-smi-replay
// with the fault the switch holds, if any. A fault set in smistat's environment lasts as long
// as the server; this one can be turned off, so a leak test can stop the fault and compare the
// server at rest with its state before the fault.

#include <filesystem>
#include <string_view>

#include "tests/config/temp_dir.hpp"

namespace smistat::test {

class fault_switch {
 public:
  /** The wrapper starts with no fault; it plays the recorded machine `machine_dir`. */
  explicit fault_switch(const std::filesystem::path& machine_dir);

  /** The program to pass as --nvidia-smi. The shell execs the replayer, so a run's pid is the
   *  replayer's, and a loop child is the replayer itself. */
  const std::filesystem::path& program() const { return program_; }
  /** Runs started from now on get `fault` (NVIDIA_SMI_REPLAY_FAULT syntax). */
  void set(std::string_view fault) const;
  /** Runs started from now on get no fault. */
  void clear() const;

 private:
  temp_dir dir_;
  std::filesystem::path program_;
  std::filesystem::path fault_file_;
};

}  // namespace smistat::test
