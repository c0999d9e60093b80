#pragma once
// Stream sources for session tests: a steady ticker, a flood that outruns any reader, and a
// finite one that ends the stream itself.

#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "src/http/response.hpp"
#include "src/http/stream.hpp"

namespace smistat::http::test {

/** Flags a test reads while the server runs. */
struct source_probe {
  std::atomic<int> started{0};
  std::atomic<int> stopped{0};
};

/** Sends `data: <n>\n\n` (or `size` bytes per frame) every `period`, up to `limit` frames, then
 *  finishes the stream (limit 0: forever). */
class timed_source final : public stream_source, public std::enable_shared_from_this<timed_source> {
 public:
  timed_source(std::shared_ptr<source_probe> probe, std::chrono::milliseconds period,
               std::size_t size = 0, int limit = 0)
      : probe_(std::move(probe)), period_(period), size_(size), limit_(limit) {}

  void start(std::shared_ptr<stream_channel> channel) override {
    probe_->started.fetch_add(1);
    channel_ = std::move(channel);
    timer_.emplace(channel_->executor());
    tick();
  }
  void stop() override {
    probe_->stopped.fetch_add(1);
    channel_.reset();
    if (timer_) timer_->cancel();
  }

 private:
  void tick() {
    if (!channel_) return;
    auto frame = size_ ? std::string(size_, 'x') : "data: " + std::to_string(sent_) + "\n\n";
    channel_->send(std::make_shared<const std::string>(std::move(frame)));
    if (limit_ != 0 && ++sent_ == limit_) return channel_->finish();
    if (limit_ == 0) ++sent_;
    timer_->expires_after(period_);
    timer_->async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec) self->tick();
    });
  }

  std::shared_ptr<source_probe> probe_;
  std::chrono::milliseconds period_;
  std::size_t size_;
  int limit_;
  int sent_ = 0;
  std::shared_ptr<stream_channel> channel_;
  std::optional<boost::asio::steady_timer> timer_;
};

/** A streaming response around `source`. */
inline response stream_response(std::shared_ptr<stream_source> source) {
  response res;
  res.content_type = "text/event-stream; charset=utf-8";
  res.headers = {{"cache-control", "no-cache"}};
  res.stream = std::move(source);
  return res;
}

}  // namespace smistat::http::test
