// The streaming half of a session: header block, bounded frame queue, chunked writes with a
// per-frame timeout, a pending read that notices the client leaving, and a graceful end.
#include <cstdio>
#include <exception>

#include "src/common/log.hpp"
#include "src/http/access_log.hpp"
#include "src/http/session.hpp"
#include "src/http/stream_state.hpp"

namespace smistat::http {
namespace {

constexpr std::string_view crlf = "\r\n";
constexpr std::string_view last_chunk = "0\r\n\r\n";

std::string chunk_size_line(std::size_t size) {
  char line[24];
  const int n = std::snprintf(line, sizeof line, "%zx\r\n", size);
  return std::string(line, static_cast<std::size_t>(n));
}

}  // namespace

session_channel::session_channel(std::weak_ptr<session> owner, net::any_io_executor executor)
    : owner_(std::move(owner)), executor_(std::move(executor)) {}

bool session_channel::send(std::shared_ptr<const std::string> frame) {
  if (closed()) return false;
  net::dispatch(executor_, [owner = owner_, f = std::move(frame)]() mutable {
    if (auto s = owner.lock()) s->queue_frame(std::move(f));
  });
  return true;
}

void session_channel::finish() {
  if (closed()) return;
  net::dispatch(executor_, [owner = owner_] {
    if (auto s = owner.lock()) s->finish_stream();
  });
}

bool session::claim_stream_slot() {
  auto& counters = state_->counters();
  const auto open = counters.streams_active.fetch_add(1, std::memory_order_relaxed);
  if (open >= state_->options().max_streams) {
    counters.streams_active.fetch_sub(1, std::memory_order_relaxed);
    counters.streams_refused.fetch_add(1, std::memory_order_relaxed);
    return false;
  }
  counters.streams_opened.fetch_add(1, std::memory_order_relaxed);
  return true;
}

void session::start_stream(response res, unsigned version) {
  if (stopping_ || state_->stopping()) {
    return write_response(detail_response(503, "Service Unavailable"), {version, false, false},
                          after_write::close);
  }
  if (!claim_stream_slot()) {
    return write_response(detail_response(503, "Too many open streams"), {version, false, false},
                          after_write::close);
  }
  sse_ = std::make_unique<stream_state>();
  sse_->source = std::move(res.stream);
  sse_->chunked = version >= 11;
  sse_->opened = std::chrono::steady_clock::now();
  to_wire_stream_header(res, version, sse_->header);
  current_ = std::move(res);  // kept for the access log's status
  sse_->serializer.emplace(sse_->header);
  phase_ = phase::streaming;
  sse_->writing = true;
  stream_.expires_after(state_->options().write_timeout);
  bhttp::async_write_header(
      stream_, *sse_->serializer,
      beast::bind_front_handler(&session::on_stream_header, shared_from_this()));
}

void session::on_stream_header(beast::error_code ec, std::size_t /*bytes*/) {
  sse_->writing = false;
  sse_->serializer.reset();
  if (ec) {
    if (ec == beast::error::timeout) {
      state_->counters().write_timeouts.fetch_add(1, std::memory_order_relaxed);
    }
    release_stream();
    return do_close();
  }
  if (sse_->ended) return pump_stream();  // stopped while the header was on its way
  sse_->channel = std::make_shared<session_channel>(weak_from_this(), stream_.get_executor());
  do_watch();
  sse_->started = true;
  try {
    sse_->source->start(sse_->channel);
  } catch (const std::exception& e) {
    log::error(std::string("stream source failed to start: ") + e.what());
    release_stream();
    return do_close();
  }
  pump_stream();
}

void session::do_watch() {
  // Nothing is expected from the client; a completed read means it left (or sent junk).
  stream_.socket().async_read_some(
      net::buffer(sse_->discard),
      beast::bind_front_handler(&session::on_watch, shared_from_this()));
}

void session::on_watch(beast::error_code ec, std::size_t /*bytes*/) {
  if (phase_ == phase::closed) return;
  if (!ec) return do_watch();
  // Aborted means a frame's write timed out and closed the socket: on_write_frame reports that.
  if (ec == net::error::operation_aborted) return;
  if (!sse_->ended) state_->counters().stream_disconnects.fetch_add(1, std::memory_order_relaxed);
  release_stream();
  do_close();
}

void session::queue_frame(std::shared_ptr<const std::string> frame) {
  // An empty chunk would end the chunked body, so an empty frame is not sent at all.
  if (!sse_ || sse_->ended || phase_ != phase::streaming || !frame || frame->empty()) return;
  const auto& options = state_->options();
  auto& counters = state_->counters();
  sse_->queued_bytes += frame->size();
  sse_->queue.push_back(std::move(frame));
  // A lagging client gets the newest frames: for live metrics an old one is worthless.
  while (sse_->queue.size() > 1 && (sse_->queue.size() > options.stream_queue_frames ||
                                    sse_->queued_bytes > options.stream_queue_bytes)) {
    sse_->queued_bytes -= sse_->queue.front()->size();
    sse_->queue.pop_front();
    counters.stream_frames_dropped.fetch_add(1, std::memory_order_relaxed);
  }
  counters.note_queue_bytes(sse_->queued_bytes);
  pump_stream();
}

void session::finish_stream() {
  if (!sse_ || sse_->ended || phase_ != phase::streaming) return;
  release_stream();
  pump_stream();  // what is queued still goes out, then the last chunk
}

void session::pump_stream() {
  if (phase_ != phase::streaming || sse_->writing) return;
  if (!sse_->queue.empty()) return do_write_frame();
  if (sse_->ended) do_write_last_chunk();
}

void session::do_write_frame() {
  sse_->in_flight = std::move(sse_->queue.front());
  sse_->queue.pop_front();
  sse_->queued_bytes -= sse_->in_flight->size();
  sse_->writing = true;
  const auto& options = state_->options();
  stream_.expires_after(stopping_ ? options.stop_write_timeout : options.write_timeout);
  auto on_done = beast::bind_front_handler(&session::on_write_frame, shared_from_this());
  if (!sse_->chunked) {
    return net::async_write(stream_, net::buffer(*sse_->in_flight), std::move(on_done));
  }
  sse_->chunk_line = chunk_size_line(sse_->in_flight->size());
  const std::array<net::const_buffer, 3> chunk{net::buffer(sse_->chunk_line),
                                               net::buffer(*sse_->in_flight),
                                               net::buffer(crlf.data(), crlf.size())};
  net::async_write(stream_, chunk, std::move(on_done));
}

void session::on_write_frame(beast::error_code ec, std::size_t /*bytes*/) {
  sse_->writing = false;
  const std::size_t size = sse_->in_flight ? sse_->in_flight->size() : 0;
  sse_->in_flight.reset();
  if (ec) {
    if (ec == beast::error::timeout) {
      state_->counters().write_timeouts.fetch_add(1, std::memory_order_relaxed);
    }
    release_stream();
    return do_close();
  }
  state_->counters().stream_frames_sent.fetch_add(1, std::memory_order_relaxed);
  sse_->bytes_sent += size;
  pump_stream();
}

void session::do_write_last_chunk() {
  if (!sse_->chunked) return do_close();  // HTTP/1.0: closing is how the body ends
  sse_->writing = true;
  stream_.expires_after(state_->options().stop_write_timeout);
  net::async_write(stream_, net::buffer(last_chunk.data(), last_chunk.size()),
                   beast::bind_front_handler(&session::on_write_last_chunk, shared_from_this()));
}

void session::on_write_last_chunk(beast::error_code /*ec*/, std::size_t /*bytes*/) {
  sse_->writing = false;
  do_close();
}

void session::stop_stream_for_shutdown() {
  if (!sse_ || sse_->ended) return;
  release_stream();
  sse_->queue.clear();  // the server is going away: end promptly rather than drain
  sse_->queued_bytes = 0;
  pump_stream();
}

void session::release_stream() {
  if (!sse_ || sse_->ended) return;
  sse_->ended = true;
  if (sse_->channel) sse_->channel->mark_closed();
  if (sse_->started) {
    try {
      sse_->source->stop();
    } catch (const std::exception& e) {
      log::error(std::string("stream source failed to stop: ") + e.what());
    }
  }
  sse_->source.reset();
  state_->counters().streams_active.fetch_sub(1, std::memory_order_relaxed);
  if (state_->options().access_log) {
    const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - sse_->opened);
    write_access_log({remote_, method_, target_, current_.status,
                      static_cast<std::size_t>(sse_->bytes_sent), elapsed});
  }
}

void session::abandon_stream() noexcept {
  // Only reached when the io_context is torn down with the stream open: the source's own
  // resources die with it, so only the count is settled (stop() might touch gone objects).
  if (sse_ && !sse_->ended) {
    sse_->ended = true;
    if (sse_->channel) sse_->channel->mark_closed();
    state_->counters().streams_active.fetch_sub(1, std::memory_order_relaxed);
  }
}

}  // namespace smistat::http
