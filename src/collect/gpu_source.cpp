#include "src/collect/gpu_source.hpp"

#include "src/collect/interval_gpu_source.hpp"
#include "src/collect/loop_gpu_source.hpp"
#include "src/collect/on_demand_gpu_source.hpp"

namespace smistat::collect {

std::unique_ptr<gpu_source> make_gpu_source(const collect_strand& strand,
                                            runner::async_runner& runner,
                                            runner::stream_launcher* launcher,
                                            const collector_options& options,
                                            field_negotiation& fields, gpu_sink& sink) {
  switch (options.mode) {
    case collect_mode::on_demand:
      return std::make_unique<on_demand_gpu_source>(strand, runner, options, fields, sink);
    case collect_mode::loop:
      return std::make_unique<loop_gpu_source>(strand, launcher, options, fields, sink);
    case collect_mode::interval: break;
  }
  return std::make_unique<interval_gpu_source>(strand, runner, options, fields, sink);
}

}  // namespace smistat::collect
