#include "src/system/system_info.hpp"

namespace smistat::system {

struct system_sampler::state {};

system_sampler::system_sampler(std::filesystem::path root)
    : root_(std::move(root)), state_(std::make_shared<state>()) {}

system_snapshot system_sampler::sample(std::chrono::steady_clock::time_point) { return {}; }

std::vector<process_details> system_sampler::processes(const std::vector<std::int64_t>&,
                                                       std::chrono::steady_clock::time_point) {
  return {};
}

}  // namespace smistat::system
