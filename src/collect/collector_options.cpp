#include "src/collect/collector_options.hpp"

namespace smistat::collect {

const char* mode_name(collect_mode m) noexcept {
  switch (m) {
    case collect_mode::interval: return "interval";
    case collect_mode::on_demand: return "on-demand";
    case collect_mode::loop: return "loop";
  }
  return "interval";
}

}  // namespace smistat::collect
