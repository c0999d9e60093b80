#include "src/runner/run_registry.hpp"

namespace smistat::runner::detail {

std::uint64_t run_registry::add(const std::shared_ptr<run_operation>& run) {
  const std::lock_guard lock(mutex_);
  const auto id = next_id_++;
  runs_.emplace(id, run);
  return id;
}

void run_registry::remove(std::uint64_t id) {
  const std::lock_guard lock(mutex_);
  runs_.erase(id);
}

std::vector<std::shared_ptr<run_operation>> run_registry::live() const {
  std::vector<std::shared_ptr<run_operation>> out;
  const std::lock_guard lock(mutex_);
  out.reserve(runs_.size());
  for (const auto& [id, weak] : runs_) {
    if (auto run = weak.lock()) out.push_back(std::move(run));
  }
  return out;
}

std::size_t run_registry::size() const {
  const std::lock_guard lock(mutex_);
  return runs_.size();
}

}  // namespace smistat::runner::detail
