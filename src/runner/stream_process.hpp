#pragma once
// PROVISIONAL seam for a long-lived child whose stdout is read as it comes (loop mode).

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/runner/run_result.hpp"

namespace smistat::runner {

struct stream_request {
  std::string program;
  std::vector<std::string> args;
  std::size_t max_stderr_bytes = 64 * 1024;
};

struct stream_exit {
  run_outcome outcome = run_outcome::exited;
  int exit_code = -1;
  int signal = 0;
  std::string err;
  std::string spawn_error;
  int pid = -1;
  bool stopped_by_us = false;
};

class stream_handle {
 public:
  virtual ~stream_handle() = default;
  virtual int pid() const = 0;
  virtual void stop() = 0;
};

using stream_output_handler = std::function<void(std::string_view bytes)>;
using stream_exit_handler = std::function<void(stream_exit)>;

class stream_launcher {
 public:
  virtual ~stream_launcher() = default;
  virtual std::shared_ptr<stream_handle> start(stream_request request,
                                               stream_output_handler on_output,
                                               stream_exit_handler on_exit) = 0;
};

}  // namespace smistat::runner
