#include "src/runner/run_operation.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <string>

#include "src/common/log.hpp"

namespace smistat::runner::detail {

namespace net = boost::asio;

run_operation::run_operation(net::any_io_executor handler_executor, run_request request,
                             run_handler handler, runner_options options,
                             std::shared_ptr<run_registry> registry)
    : handler_executor_(std::move(handler_executor)),
      strand_(net::make_strand(handler_executor_)),
      request_(std::move(request)),
      handler_(std::move(handler)),
      options_(options),
      registry_(std::move(registry)),
      supervisor_(strand_, options_),
      out_(supervisor_.child().out()),
      err_(supervisor_.child().err()) {}

void run_operation::start(std::uint64_t id) {
  id_ = id;
  net::post(strand_, [self = shared_from_this()] { self->do_start(); });
}

void run_operation::cancel() {
  net::post(strand_, [self = shared_from_this()] { self->on_cancel(); });
}

void run_operation::do_start() {
  started_ = clock::now();
  deadline_ = started_ + request_.timeout;
  auto& child = supervisor_.child();
  if (auto error = child.start(request_.program, request_.args, options_.launch); !error.empty()) {
    fail_spawn(std::move(error));
    return;
  }
  do_read(out_);
  do_read(err_);
  const auto self = shared_from_this();
  supervisor_.watch(
      self, deadline_, [this] { on_deadline(); }, [this](bool given_up) { on_over(given_up); });
}

void run_operation::do_read(stream& s) {
  s.pipe.async_read_some(
      net::buffer(s.chunk),
      [self = shared_from_this(), &s](error_code ec, std::size_t n) { self->on_read(s, ec, n); });
}

void run_operation::on_read(stream& s, error_code ec, std::size_t n) {
  if (ec) {  // EOF, or we closed the pipe
    error_code ignored;
    s.pipe.close(ignored);
    supervisor_.pipe_closed();
    return;
  }
  const auto room = request_.max_output_bytes - std::min(request_.max_output_bytes, s.data.size());
  s.data.append(s.chunk.data(), std::min(n, room));
  if (n > room) {
    if (reason_ == stop_reason::none) reason_ = stop_reason::output_too_large;
    supervisor_.kill();
    return;
  }
  if (s.pipe.is_open()) do_read(s);
}

void run_operation::on_deadline() {
  if (reason_ == stop_reason::none) reason_ = stop_reason::timed_out;
  supervisor_.terminate();
}

void run_operation::on_over(bool given_up) {
  if (given_up)
    log::warning("runner: pid " + std::to_string(supervisor_.child().pid()) +
                 " not reaped after SIGKILL; completing without it");
  finish(make_result());
}

void run_operation::on_cancel() {
  if (done_) return;
  cancelled_ = true;
  if (reason_ == stop_reason::none) reason_ = stop_reason::timed_out;
  supervisor_.terminate();
}

void run_operation::finish(run_result result) {
  done_ = true;
  supervisor_.close();
  registry_->remove(id_);
  net::post(handler_executor_,
            [handler = std::move(handler_), result = std::move(result)]() mutable {
              handler(std::move(result));
            });
}

run_result run_operation::make_result() {
  run_result r;
  r.pid = supervisor_.child().pid();
  r.out = std::move(out_.data);
  r.err = std::move(err_.data);
  r.elapsed = clock::now() - started_;
  r.cancelled = cancelled_;
  const auto ending = supervisor_.child().ending();
  r.signal = ending.signal;
  switch (reason_) {
    case stop_reason::output_too_large: r.outcome = run_outcome::output_too_large; break;
    case stop_reason::timed_out: r.outcome = run_outcome::timed_out; break;
    case stop_reason::none:
      r.outcome = ending.outcome;
      r.exit_code = ending.exit_code;
      break;
  }
  return r;
}

void run_operation::fail_spawn(std::string error) {
  run_result r;
  r.outcome = run_outcome::spawn_failed;
  r.spawn_error = std::move(error);
  r.elapsed = clock::now() - started_;
  finish(std::move(r));
}

}  // namespace smistat::runner::detail
