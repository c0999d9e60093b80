#include "tests/record/run_program.hpp"

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <utility>

#include "src/runner/process_runner.hpp"

namespace smistat::test {

runner::run_result run_program(const std::string& program, const std::vector<std::string>& args) {
  boost::asio::io_context context;
  runner::process_runner runner(context.get_executor());
  runner::run_request request{program, args};
  request.timeout = std::chrono::minutes(2);  // a sanitizer build recording 8 commands
  runner::run_result result;
  runner.async_run(std::move(request), [&result](runner::run_result r) { result = std::move(r); });
  context.run();
  return result;
}

}  // namespace smistat::test
