#include "tests/integration/fault_switch.hpp"

#include <fstream>
#include <string>

#include "tests/integration/smistat_process.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {

namespace fs = std::filesystem;

fault_switch::fault_switch(const fs::path& machine_dir)
    : program_(dir_.path() / "nvidia-smi"), fault_file_(dir_.path() / "fault") {
  std::ofstream(program_) << "#!/bin/sh\n"
                          << "export NVIDIA_SMI_REPLAY_DIR='" << machine_dir.string() << "'\n"
                          << "unset NVIDIA_SMI_REPLAY_FAULT\n"
                          << "if [ -f '" << fault_file_.string() << "' ]; then\n"
                          << "  read -r NVIDIA_SMI_REPLAY_FAULT < '" << fault_file_.string()
                          << "'\n  export NVIDIA_SMI_REPLAY_FAULT\nfi\n"
                          << "exec '" << (bin_dir() / "nvidia-smi-replay").string() << "' \"$@\"\n";
  fs::permissions(program_, fs::perms::owner_all);
}

void fault_switch::set(std::string_view fault) const {
  // Written beside the switch, then renamed over it: a run starting meanwhile reads the old
  // fault or the new one, never half a line.
  const auto next = fault_file_.string() + ".next";
  std::ofstream(next) << fault << "\n";
  fs::rename(next, fault_file_);
}

void fault_switch::clear() const {
  std::error_code ec;
  fs::remove(fault_file_, ec);
}

}  // namespace smistat::test
