#include "src/system/times_scheduled.hpp"

#include <string>
#include <utility>

#include "src/system/proc_text.hpp"

namespace smistat::system {

std::optional<std::uint64_t> parse_times_scheduled(std::string_view schedstat) {
  const auto figures = split_ws(schedstat);
  if (figures.size() != 3) return std::nullopt;
  for (const auto figure : figures)
    if (!to_u64(figure)) return std::nullopt;
  return to_u64(figures[2]);
}

namespace {
// The file is three numbers: a small bound keeps a strange procfs from costing a big read.
constexpr std::size_t schedstat_limit = 256;

std::filesystem::path schedstat_of(const std::filesystem::path& procfs, int pid) {
  return procfs / std::to_string(pid) / "schedstat";
}
}  // namespace

std::optional<std::uint64_t> times_scheduled(int pid, const std::filesystem::path& procfs) {
  if (pid <= 0) return std::nullopt;
  const auto text = read_text(schedstat_of(procfs, pid), schedstat_limit);
  if (!text) return std::nullopt;
  return parse_times_scheduled(*text);
}

times_scheduled_reader::times_scheduled_reader(std::filesystem::path procfs)
    : procfs_(std::move(procfs)) {}

std::optional<std::uint64_t> times_scheduled_reader::operator()(int pid) {
  if (pid <= 0) return std::nullopt;
  if (!file_ || pid != pid_) {
    file_.emplace(schedstat_of(procfs_, pid), schedstat_limit);
    pid_ = pid;
  }
  const auto text = file_->read();
  if (!text) return std::nullopt;
  return parse_times_scheduled(*text);
}

}  // namespace smistat::system
