#pragma once
// An open event stream. `session` writes the header block of a streaming response, then hands
// its connection over to a stream_session, as Beast's examples hand an upgraded socket to a
// websocket session. From then on frames from the stream_source go out as chunks (HTTP/1.1) or
// raw bytes (HTTP/1.0, where closing the connection ends the body), the oldest queued frames
// are dropped for a client that lags, a client that leaves is noticed, and the stream ends with
// the last chunk.

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "src/http/net.hpp"
#include "src/http/plain_or_tls_stream.hpp"
#include "src/http/server_state.hpp"
#include "src/http/stream.hpp"

namespace smistat::http {

/** The request that opened a stream, for its access-log line. */
struct stream_origin {
  std::string remote;  ///< peer address
  std::string method;
  std::string target;  ///< as sent
  unsigned status = 200;
  std::chrono::steady_clock::time_point started{};  ///< when the request was read
};

/** One connection carrying a stream; owned by its own pending operations. */
class stream_session : public connection, public std::enable_shared_from_this<stream_session> {
 public:
  /** Takes over `stream` (on the connection's single-threaded io_context) right after the header
   *  block was written, with whatever the client sent past its request in `buffer`. The caller
   *  has claimed a stream slot (server_state::claim_stream_slot); this session gives it back.
   *  `chunked` is false for HTTP/1.0. */
  stream_session(plain_or_tls_stream&& stream, beast::flat_buffer&& buffer,
                 std::shared_ptr<server_state> state, std::shared_ptr<stream_source> source,
                 bool chunked, stream_origin origin);
  ~stream_session() override;
  stream_session(const stream_session&) = delete;
  stream_session& operator=(const stream_session&) = delete;

  /** Registers with the server and starts the source; call on the connection's thread. */
  void run();
  /** Thread-safe. Stops the source and ends the stream with the last chunk; the connection is
   *  closed at once if that does not get out within server_options::stop_write_timeout. */
  void shutdown() override;

 private:
  class channel;

  void start();
  void do_watch();
  void on_watch(beast::error_code ec, std::size_t bytes);
  void queue_frame(std::shared_ptr<const std::string> frame);
  void finish();
  void pump();
  void do_write_frame();
  void on_write_frame(beast::error_code ec, std::size_t bytes);
  void do_write_last_chunk();
  void on_write_last_chunk(beast::error_code ec, std::size_t bytes);
  void on_shutdown();
  void on_stop_timer(beast::error_code ec);
  void end_source();
  void do_close();

  plain_or_tls_stream stream_;
  beast::flat_buffer buffer_;  ///< what the client sends; nothing is expected, so it is dropped
  net::steady_timer stop_timer_;
  std::shared_ptr<server_state> state_;
  std::shared_ptr<stream_source> source_;
  std::shared_ptr<channel> channel_;
  stream_origin origin_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::size_t queued_bytes_ = 0;
  std::shared_ptr<const std::string> in_flight_;  ///< the frame being written
  std::uint64_t bytes_sent_ = 0;
  std::uint64_t id_ = 0;
  bool chunked_ = true;
  bool started_ = false;  ///< source_->start() was called, so stop() is owed
  bool writing_ = false;
  bool ended_ = false;  ///< the source is stopped; what is left is writing out and closing
  bool stopping_ = false;
  bool closed_ = false;
};

}  // namespace smistat::http
