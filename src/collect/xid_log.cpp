#include "src/collect/xid_log.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "parsers/xid_line.hpp"

namespace smistat::collect {
namespace {

/** Distinct (address, XID) pairs and addresses kept: whoever may write the kernel log (or the
 *  FIFO) could otherwise grow the exposition without bound with made-up addresses. Far above
 *  what a machine's GPUs report; reports past it still count in events_total and recent. */
constexpr std::size_t max_keys = 1024;

void count(xid_report& r, parsers::xid_line line, wall_clock::time_point at) {
  ++r.events_total;
  const std::pair key{line.bus_id, line.xid};
  if (r.counts.contains(key) || r.counts.size() < max_keys) ++r.counts[key];
  xid_event event{std::move(line), at};
  if (r.last.contains(event.line.bus_id) || r.last.size() < max_keys)
    r.last.insert_or_assign(event.line.bus_id, event);
  r.recent.push_back(std::move(event));
  if (r.recent.size() > xid_report::max_recent) r.recent.pop_front();
}

}  // namespace

xid_log::xid_log(std::string source) {
  xid_report r;
  r.state = source == "none" ? xid_source_state::off : xid_source_state::starting;
  r.source = std::move(source);
  current_ = std::make_shared<const xid_report>(std::move(r));
}

std::shared_ptr<const xid_report> xid_log::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

void xid_log::set_state(xid_source_state state, std::string error) {
  std::lock_guard lock(mutex_);
  auto next = std::make_shared<xid_report>(*current_);
  next->state = state;
  next->error = std::move(error);
  current_ = std::move(next);
}

std::size_t xid_log::add_lines(std::span<const std::string> lines, wall_clock::time_point at) {
  // Parsed outside the lock: a burst of kernel lines never holds up a scrape.
  std::vector<parsers::xid_line> found;
  for (const auto& line : lines)
    if (auto xid = parsers::parse_xid_line(line)) found.push_back(std::move(*xid));
  if (found.empty()) return 0;
  std::lock_guard lock(mutex_);
  auto next = std::make_shared<xid_report>(*current_);
  for (auto& xid : found) count(*next, std::move(xid), at);
  current_ = std::move(next);
  return found.size();
}

bool xid_log::same_as_last(const parsers::query_table& gpus) {
  using parsers::gpu_field;
  static constexpr std::array keys{gpu_field::pci_bus_id, gpu_field::index, gpu_field::uuid};
  const auto printed = [&](std::size_t row, std::size_t k) {
    const auto* c = gpus.find(row, keys[k]);
    return c ? std::string_view(c->raw) : std::string_view();
  };
  std::lock_guard lock(seen_mutex_);
  bool same = seen_texts_.size() == gpus.rows.size() * keys.size();
  for (std::size_t i = 0; same && i < seen_texts_.size(); ++i)
    same = seen_texts_[i] == printed(i / keys.size(), i % keys.size());
  if (same) return true;
  seen_texts_.resize(gpus.rows.size() * keys.size());
  for (std::size_t i = 0; i < seen_texts_.size(); ++i)
    seen_texts_[i] = printed(i / keys.size(), i % keys.size());
  return false;
}

void xid_log::remember_gpus(const parsers::query_table& gpus) {
  // Called with every sample, and a machine's GPUs hardly ever change: compare the printed
  // texts first, then the normalised ones, and copy the report only when a GPU did change.
  if (same_as_last(gpus)) return;
  std::vector<std::pair<std::string, xid_gpu>> seen;
  seen.reserve(gpus.rows.size());
  for (std::size_t row = 0; row < gpus.rows.size(); ++row) {
    auto bus_id = parsers::normalise_bus_id(gpus.value_text(row, parsers::gpu_field::pci_bus_id));
    auto index = std::string(gpus.value_text(row, parsers::gpu_field::index));
    if (bus_id && !index.empty())
      seen.emplace_back(
          std::move(*bus_id),
          xid_gpu{std::move(index), std::string(gpus.value_text(row, parsers::gpu_field::uuid))});
  }
  std::lock_guard lock(mutex_);
  const auto& known = current_->known_gpus;
  const auto already_known = [&](const std::pair<std::string, xid_gpu>& gpu) {
    const auto it = known.find(gpu.first);
    return it != known.end() && it->second == gpu.second;
  };
  if (std::all_of(seen.begin(), seen.end(), already_known)) return;
  auto next = std::make_shared<xid_report>(*current_);
  for (auto& [bus_id, gpu] : seen)
    next->known_gpus.insert_or_assign(std::move(bus_id), std::move(gpu));
  current_ = std::move(next);
}

}  // namespace smistat::collect
