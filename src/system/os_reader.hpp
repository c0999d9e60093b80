#pragma once
// uname-like facts and Python's platform.platform() string for contract 001 `system_info`.

#include <filesystem>
#include <string>
#include <string_view>

#include "src/system/host_facts.hpp"
#include "src/system/system_info.hpp"

namespace smistat::system {

/** Python 3.11 platform.platform() on Linux: "Linux-<release>-<machine>-with-glibc<version>". */
std::string python_platform(std::string_view system, std::string_view release,
                            std::string_view machine, std::string_view glibc_version);

/** os, release, version and hostname from `proc/sys/kernel/`; machine from `facts`. */
os_info read_os_info(const std::filesystem::path& root, const host_facts& facts);

}  // namespace smistat::system
