#include "src/runner/stream_operation.hpp"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <string_view>

#include "src/common/log.hpp"

namespace smistat::runner::detail {

namespace net = boost::asio;

stream_operation::stream_operation(net::any_io_executor executor, stream_request request,
                                   stream_output_handler on_output, stream_exit_handler on_exit,
                                   runner_options options,
                                   std::shared_ptr<stream_registry> registry)
    : strand_(request.executor ? *request.executor : net::make_strand(executor)),
      request_(std::move(request)),
      on_output_(std::move(on_output)),
      on_exit_(std::move(on_exit)),
      options_(options),
      registry_(std::move(registry)),
      supervisor_(strand_, options_) {}

void stream_operation::start() {
  // Nothing is on the strand yet and cancel_all cannot see this stream before add(), so the
  // launch may touch the child from the calling thread.
  auto& child = supervisor_.child();
  auto error = child.start(request_.program, request_.args, options_.launch);
  if (error.empty()) pid_ = child.pid();
  if (error.empty() && request_.read_when_asked) {
    // Out of the reactor, so the child's lines wake nobody; the supervisor then waits for
    // stderr alone, which the child closes as it exits too.
    asked_out_.reset(child.out().release());
    ::fcntl(asked_out_.get(), F_SETFL, ::fcntl(asked_out_.get(), F_GETFL) | O_NONBLOCK);
    // Room for a whole batch between two looks: `-q` prints over 100 KB for 8 GPUs, which a
    // 64 KB pipe would take in two looks, each read waking the blocked child. Best effort: a
    // smaller limit (fs.pipe-max-size) leaves the pipe as it was.
    ::fcntl(asked_out_.get(), F_SETPIPE_SZ, asked_pipe_bytes);
  }
  id_ = registry_->add(shared_from_this());
  if (!error.empty()) {
    stream_exit failed;
    failed.outcome = run_outcome::spawn_failed;
    failed.spawn_error = std::move(error);
    net::post(strand_, [self = shared_from_this(), failed = std::move(failed)]() mutable {
      self->finish(std::move(failed));
    });
    return;
  }
  net::post(strand_, [self = shared_from_this()] { self->do_start(); });
}

void stream_operation::stop() {
  net::post(strand_, [self = shared_from_this()] { self->on_stop(); });
}

void stream_operation::read_ready(std::string& into) {
  std::lock_guard lock(asked_mutex_);
  drain_asked(into);
}

void stream_operation::drain_asked(std::string& into) {
  if (!asked_out_) return;
  // A look most often finds the pipe empty or a batch of a few KB: one read through out_chunk_
  // (growing `into` by a chunk first would zero 16 KB each time). A chunk read full means a
  // large batch (`-q`): the rest is read whole, straight into `into`, at the size the pipe
  // says it holds.
  const int fd = asked_out_.get();
  const auto read_into = [fd](char* to, std::size_t size) {
    ssize_t n = 0;
    do n = ::read(fd, to, size);
    while (n < 0 && errno == EINTR);
    return n;
  };
  ssize_t n = read_into(out_chunk_.data(), out_chunk_.size());
  if (n <= 0) return;  // 0 is the pipe's end, -1 EAGAIN an empty pipe
  into.append(out_chunk_.data(), static_cast<std::size_t>(n));
  if (static_cast<std::size_t>(n) < out_chunk_.size()) return;
  int held = 0;
  while (::ioctl(fd, FIONREAD, &held) == 0 && held > 0) {
    const std::size_t old_size = into.size();
    into.resize(old_size + static_cast<std::size_t>(held));
    n = read_into(into.data() + old_size, static_cast<std::size_t>(held));
    into.resize(old_size + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
    if (n <= 0) return;
  }
}

void stream_operation::do_start() {
  if (!request_.read_when_asked) do_read_out();
  do_read_err();
  supervisor_.watch(shared_from_this(), child_supervisor::clock::time_point::max(), nullptr,
                    [this](bool given_up) { on_over(given_up); });
}

void stream_operation::do_read_out() {
  supervisor_.child().out().async_read_some(
      net::buffer(out_chunk_),
      [self = shared_from_this()](error_code ec, std::size_t n) { self->on_read_out(ec, n); });
}

void stream_operation::on_read_out(error_code ec, std::size_t n) {
  if (ec) {  // EOF, or we closed the pipe
    error_code ignored;
    supervisor_.child().out().close(ignored);
    supervisor_.pipe_closed();
    return;
  }
  if (on_output_) on_output_(std::string_view(out_chunk_.data(), n));
  if (supervisor_.child().out().is_open()) do_read_out();
}

void stream_operation::do_read_err() {
  supervisor_.child().err().async_read_some(
      net::buffer(err_chunk_),
      [self = shared_from_this()](error_code ec, std::size_t n) { self->on_read_err(ec, n); });
}

void stream_operation::on_read_err(error_code ec, std::size_t n) {
  if (ec) {
    error_code ignored;
    supervisor_.child().err().close(ignored);
    supervisor_.pipe_closed();
    return;
  }
  // Keep the tail: a child that warns on every loop would otherwise fill the cap with old
  // warnings and lose the message it printed when it died.
  err_.append(err_chunk_.data(), n);
  if (err_.size() > request_.max_stderr_bytes)
    err_.erase(0, err_.size() - request_.max_stderr_bytes);
  if (supervisor_.child().err().is_open()) do_read_err();
}

void stream_operation::on_stop() {
  // Only a running child was stopped by us; one that ended by itself keeps its own outcome.
  if (supervisor_.running()) stopped_ = true;
  supervisor_.terminate();
}

void stream_operation::on_over(bool given_up) {
  if (given_up)
    log::warning("runner: stream pid " + std::to_string(pid_) +
                 " not reaped after SIGKILL; ending the stream without it");
  finish(make_exit());
}

void stream_operation::finish(stream_exit exit) {
  supervisor_.close();
  if (request_.read_when_asked) {
    // What the child printed last (often why it ended) reaches the output handler first.
    std::string rest;
    {
      std::lock_guard lock(asked_mutex_);
      drain_asked(rest);
      asked_out_.reset();
    }
    if (!rest.empty() && on_output_) on_output_(rest);
  }
  registry_->remove(id_);
  // Posted, so reads completed before the pipes closed hand their bytes over first. The
  // handlers are released afterwards: they may hold whoever holds this stream's handle.
  net::post(strand_, [self = shared_from_this(), exit = std::move(exit)]() mutable {
    auto on_exit = std::move(self->on_exit_);
    self->on_output_ = nullptr;
    if (on_exit) on_exit(std::move(exit));
  });
}

stream_exit stream_operation::make_exit() {
  stream_exit e;
  e.pid = pid_;
  e.err = std::move(err_);
  e.stopped_by_us = stopped_;
  const auto ending = supervisor_.child().ending();
  e.signal = ending.signal;
  if (stopped_) {
    e.outcome = run_outcome::timed_out;
  } else {
    e.outcome = ending.outcome;
    e.exit_code = ending.exit_code;
  }
  return e;
}

}  // namespace smistat::runner::detail
