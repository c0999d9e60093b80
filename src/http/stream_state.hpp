#pragma once
// What a session keeps while it carries a stream (internal to session.cpp and
// session_stream.cpp).

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "src/http/net.hpp"
#include "src/http/stream.hpp"
#include "src/http/wire.hpp"

namespace smistat::http {

class session;

/** The channel a source writes to; forwards to its session on the session's strand. */
class session_channel final : public stream_channel {
 public:
  /** Binds to `owner`, whose handlers all run on `executor`. */
  session_channel(std::weak_ptr<session> owner, net::any_io_executor executor);

  net::any_io_executor executor() const override { return executor_; }
  bool send(std::shared_ptr<const std::string> frame) override;
  void finish() override;
  bool closed() const noexcept override { return closed_.load(std::memory_order_acquire); }
  /** Called by the session when the stream ends. */
  void mark_closed() noexcept { closed_.store(true, std::memory_order_release); }

 private:
  std::weak_ptr<session> owner_;
  net::any_io_executor executor_;
  std::atomic<bool> closed_{false};
};

/** One stream's state; touched only on the session's strand. */
struct stream_state {
  std::shared_ptr<stream_source> source;
  std::shared_ptr<session_channel> channel;
  wire_stream_header header;
  std::optional<bhttp::response_serializer<bhttp::empty_body>> serializer;
  std::deque<std::shared_ptr<const std::string>> queue;
  std::size_t queued_bytes = 0;
  std::shared_ptr<const std::string> in_flight;  ///< the frame being written
  std::string chunk_line;                        ///< "<hex size>\r\n" of in_flight
  std::array<char, 512> discard{};               ///< bytes a client sends while streaming
  std::uint64_t bytes_sent = 0;
  std::chrono::steady_clock::time_point opened{};
  bool chunked = true;   ///< HTTP/1.1; HTTP/1.0 streams end with the connection
  bool started = false;  ///< source->start() was called, so stop() is owed
  bool writing = false;
  bool ended = false;  ///< the source is stopped; what remains is writing out and closing
};

}  // namespace smistat::http
