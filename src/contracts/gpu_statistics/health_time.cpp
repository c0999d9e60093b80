#include "src/contracts/gpu_statistics/health_time.hpp"

#include "src/common/iso_time.hpp"

namespace smistat::render {

void write_time_or_null(json_writer& w, const std::optional<collect::wall_clock::time_point>& t) {
  if (t)
    w.string(common::local_isoformat(*t));
  else
    w.null();
}

}  // namespace smistat::render
