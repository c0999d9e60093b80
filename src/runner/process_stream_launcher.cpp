#include "src/runner/process_stream_launcher.hpp"

#include "src/runner/stream_operation.hpp"

namespace smistat::runner {

namespace {

/** What start() hands out. Dropping it stops the child, so no stream outlives its owner's
 *  interest in it; the operation itself lives until the child is reaped. */
class process_stream_handle final : public stream_handle {
 public:
  explicit process_stream_handle(std::shared_ptr<detail::stream_operation> op)
      : op_(std::move(op)) {}
  ~process_stream_handle() override { op_->stop(); }
  process_stream_handle(const process_stream_handle&) = delete;
  process_stream_handle& operator=(const process_stream_handle&) = delete;

  int pid() const override { return op_->pid(); }
  void stop() override { op_->stop(); }
  void read_ready(std::string& into) override { op_->read_ready(into); }

 private:
  std::shared_ptr<detail::stream_operation> op_;
};

}  // namespace

process_stream_launcher::process_stream_launcher(boost::asio::any_io_executor executor,
                                                 runner_options options)
    : executor_(std::move(executor)),
      options_(options),
      registry_(std::make_shared<detail::stream_registry>()) {}

// Streams hold the registry themselves, so they may outlive the launcher and still end cleanly.
process_stream_launcher::~process_stream_launcher() = default;

std::shared_ptr<stream_handle> process_stream_launcher::start(stream_request request,
                                                              stream_output_handler on_output,
                                                              stream_exit_handler on_exit) {
  auto op = std::make_shared<detail::stream_operation>(
      executor_, std::move(request), std::move(on_output), std::move(on_exit), options_, registry_);
  op->start();
  return std::make_shared<process_stream_handle>(std::move(op));
}

void process_stream_launcher::cancel_all() {
  for (const auto& op : registry_->live()) op->stop();
}

std::size_t process_stream_launcher::streams_running() const { return registry_->size(); }

}  // namespace smistat::runner
