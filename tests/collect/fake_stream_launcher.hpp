#pragma once
// A stream launcher that starts no process: the test plays the child, writing its output and
// ending it, and sees every start and stop.

#include <boost/asio/any_io_executor.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/runner/stream_launcher.hpp"

namespace smistat::test {

class fake_stream_launcher : public runner::stream_launcher {
 public:
  explicit fake_stream_launcher(boost::asio::any_io_executor executor);

  std::shared_ptr<runner::stream_handle> start(runner::stream_request request,
                                               runner::stream_output_handler on_output,
                                               runner::stream_exit_handler on_exit) override;
  void cancel_all() override;

  /** The child started last writes `bytes` to stdout. A stream started with `read_when_asked`
   *  holds them until its owner reads (read_ready) or the child ends. */
  void print(std::string_view bytes);
  /** The child started last exits with `code` (stdout drained). */
  void exit(int code, std::string err = {});

  /** Every request, in order. */
  const std::vector<runner::stream_request>& requests() const { return requests_; }
  /** How many children were ended by stop() (the watchdog, a restart, shutdown). */
  int stops() const { return stops_; }
  /** Whether the child started last is still running. */
  bool running() const;

 private:
  struct child;
  boost::asio::any_io_executor executor_;
  std::vector<runner::stream_request> requests_;
  std::vector<std::shared_ptr<child>> children_;
  int stops_ = 0;
};

}  // namespace smistat::test
