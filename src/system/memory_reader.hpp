#pragma once
// psutil.virtual_memory() from /proc/meminfo.

#include <string_view>

#include "src/system/system_info.hpp"

namespace smistat::system {

/** Totals in bytes with psutil's formulas; top_processes is left empty. All 0 on empty text. */
memory_info parse_meminfo(std::string_view text);

}  // namespace smistat::system
