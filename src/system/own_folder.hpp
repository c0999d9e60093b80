#pragma once
// The folder of the running executable, where smistat finds what is installed beside it: the
// replayer in the same bin/, the Kubernetes helper in ../lib/smistat/.

#include <filesystem>

namespace smistat::system {

/** The folder holding this executable (from /proc/self/exe); empty when /proc is not mounted. */
std::filesystem::path own_folder();

}  // namespace smistat::system
