#include "src/runner/process_runner.hpp"

#include "src/runner/run_operation.hpp"

namespace smistat::runner {

process_runner::process_runner(boost::asio::any_io_executor executor, runner_options options)
    : executor_(std::move(executor)),
      options_(options),
      registry_(std::make_shared<detail::run_registry>()) {}

// Runs hold the registry themselves, so they may outlive the runner and still complete.
process_runner::~process_runner() = default;

void process_runner::async_run(run_request request, run_handler handler) {
  auto run = std::make_shared<detail::run_operation>(executor_, std::move(request),
                                                     std::move(handler), options_, registry_);
  run->start(registry_->add(run));
}

void process_runner::cancel_all() {
  for (const auto& run : registry_->live()) run->cancel();
}

std::size_t process_runner::runs_in_flight() const { return registry_->size(); }

}  // namespace smistat::runner
