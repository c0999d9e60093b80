#include "src/collect/strand_run.hpp"

#include <boost/asio/post.hpp>
#include <exception>
#include <string>
#include <utility>

#include "src/common/log.hpp"

namespace smistat::collect {

void run_on_strand(const collect_strand& strand, runner::async_runner& runner,
                   runner::run_request request, run_step step) {
  const auto started = run_start::now();
  // The runner completes on its own executor; every step continues on the strand.
  runner.async_run(std::move(request),
                   [strand, step = std::move(step), started](runner::run_result r) mutable {
                     boost::asio::post(strand, [step = std::move(step), started, r = std::move(r)] {
                       try {
                         step(r, started);
                       } catch (const std::exception& e) {
                         log::error(std::string("collector: ") + e.what());
                       }
                     });
                   });
}

}  // namespace smistat::collect
