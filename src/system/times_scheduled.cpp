#include "src/system/times_scheduled.hpp"

#include <string>

#include "src/system/proc_text.hpp"

namespace smistat::system {

std::optional<std::uint64_t> parse_times_scheduled(std::string_view schedstat) {
  const auto figures = split_ws(schedstat);
  if (figures.size() != 3) return std::nullopt;
  for (const auto figure : figures)
    if (!to_u64(figure)) return std::nullopt;
  return to_u64(figures[2]);
}

std::optional<std::uint64_t> times_scheduled(int pid, const std::filesystem::path& procfs) {
  if (pid <= 0) return std::nullopt;
  // The file is three numbers: a small bound keeps a strange procfs from costing a big read.
  constexpr std::size_t limit = 256;
  const auto text = read_text(procfs / std::to_string(pid) / "schedstat", limit);
  if (!text) return std::nullopt;
  return parse_times_scheduled(*text);
}

}  // namespace smistat::system
