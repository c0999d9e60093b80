#pragma once
// `nvidia-smi --query-compute-apps=...`: the processes using each GPU.

#include <boost/system/result.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/query_csv.hpp"

namespace smistat::parsers {

/** One process row. Text fields are empty when not requested; a placeholder keeps its cell. */
struct compute_app {
  std::string gpu_uuid;
  std::string gpu_bus_id;
  std::string gpu_name;
  std::optional<std::int64_t> pid;
  std::string process_name;                     ///< may hold spaces and backslashes (Windows paths)
  std::optional<std::int64_t> used_memory_mib;  ///< nullopt for `[N/A]` (Windows WDDM)
  owned_cell used_memory;                       ///< the raw cell, placeholders included
  friend bool operator==(const compute_app&, const compute_app&) = default;
};

/** Parses the output for `fields` (names or aliases: `gpu_uuid`, `pid`, `process_name`,
 *  `used_gpu_memory`/`used_memory`, `gpu_bus_id`, `gpu_name`, ...). */
boost::system::result<std::vector<compute_app>> parse_compute_apps(
    std::string_view text, std::span<const std::string> fields, csv_format format);

}  // namespace smistat::parsers
