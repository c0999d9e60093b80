#include "tests/runner/run_sync.hpp"

#include <boost/asio/io_context.hpp>

namespace smistat::runner::test {

run_result run_sync(const run_request& request, runner_options options) {
  boost::asio::io_context context;
  process_runner runner(context.get_executor(), options);
  run_result result;
  runner.async_run(request, [&result](run_result r) { result = std::move(r); });
  context.run();
  return result;
}

}  // namespace smistat::runner::test
