#pragma once
// NVML's version as pynvml prints it, which contracts 001 (`system_info.nvml_version`) and 003
// (`/api/v1/gpu/driver`) both report.

#include <string>

#include "src/collect/snapshot.hpp"

namespace smistat::render {

/** NVML's version string as pynvml reports it: `<CUDA major>.<NVML version>` (`12.535.104`). */
std::string nvml_version_string(const collect::static_facts& facts);

}  // namespace smistat::render
