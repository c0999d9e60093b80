#include "src/http/stream_session.hpp"

#include <atomic>
#include <exception>

#include "src/common/log.hpp"
#include "src/http/access_log_buffer.hpp"

namespace smistat::http {

/** The channel a source writes to; forwards to its stream_session on the connection's thread. */
class stream_session::channel final : public stream_channel {
 public:
  channel(std::weak_ptr<stream_session> owner, net::any_io_executor executor)
      : owner_(std::move(owner)), executor_(std::move(executor)) {}

  net::any_io_executor executor() const override { return executor_; }

  bool send(std::shared_ptr<const std::string> frame) override {
    if (closed()) return false;
    net::dispatch(executor_, [owner = owner_, f = std::move(frame)]() mutable {
      if (auto s = owner.lock()) s->queue_frame(std::move(f));
    });
    return true;
  }

  void finish() override {
    if (closed()) return;
    net::dispatch(executor_, [owner = owner_] {
      if (auto s = owner.lock()) s->finish();
    });
  }

  bool closed() const noexcept override { return closed_.load(std::memory_order_acquire); }
  /** Called by the session when the stream ends. */
  void mark_closed() noexcept { closed_.store(true, std::memory_order_release); }

 private:
  std::weak_ptr<stream_session> owner_;
  net::any_io_executor executor_;
  std::atomic<bool> closed_{false};
};

stream_session::stream_session(plain_or_tls_stream&& stream, beast::flat_buffer&& buffer,
                               std::shared_ptr<server_state> state,
                               std::shared_ptr<stream_source> source, bool chunked,
                               stream_origin origin)
    : stream_(std::move(stream)),
      buffer_(std::move(buffer)),
      stop_timer_(stream_.get_executor()),
      state_(std::move(state)),
      source_(std::move(source)),
      origin_(std::move(origin)),
      chunked_(chunked) {}

stream_session::~stream_session() {
  // Only reached with the stream open when the io_context is torn down: the source's own
  // resources die with it, so only the slot is settled (stop() might touch gone objects).
  if (!ended_) {
    ended_ = true;
    if (channel_) channel_->mark_closed();
    state_->release_stream_slot();
  }
  state_->withdraw(id_);
}

void stream_session::run() {
  id_ = state_->enroll(weak_from_this());
  if (id_ == 0) stopping_ = true;  // stop() came while the header block was on its way
  net::dispatch(stream_.get_executor(),
                beast::bind_front_handler(&stream_session::start, shared_from_this()));
}

void stream_session::shutdown() {
  net::post(stream_.get_executor(),
            beast::bind_front_handler(&stream_session::on_shutdown, shared_from_this()));
}

void stream_session::start() {
  if (stopping_) {
    end_source();
    return pump();  // the header is out: end the body properly
  }
  // Nothing is read from a streaming client: what it sent past its request is dropped.
  buffer_.clear();
  channel_ = std::make_shared<channel>(weak_from_this(), stream_.get_executor());
  do_watch();
  started_ = true;
  try {
    source_->start(channel_);
  } catch (const std::exception& e) {
    log::error(std::string("stream source failed to start: ") + e.what());
    end_source();
    return do_close();
  }
  pump();
}

void stream_session::do_watch() {
  // A completed read means the client left (or sent something, which is ignored). It goes to
  // the socket, not the tcp_stream, so the write timeouts never apply to it. Under TLS too: the
  // bytes of a client's records are dropped unread, which is all a stream ever does with them.
  stream_.socket().async_read_some(
      buffer_.prepare(512),
      beast::bind_front_handler(&stream_session::on_watch, shared_from_this()));
}

void stream_session::on_watch(beast::error_code ec, std::size_t /*bytes*/) {
  if (closed_) return;
  if (!ec) return do_watch();
  // Aborted means a frame's write timed out and closed the socket: on_write_frame reports that.
  if (ec == net::error::operation_aborted) return;
  if (!ended_) state_->counters().stream_disconnects.fetch_add(1, std::memory_order_relaxed);
  end_source();
  do_close();
}

void stream_session::queue_frame(std::shared_ptr<const std::string> frame) {
  // An empty chunk would end the chunked body, so an empty frame is not sent at all.
  if (ended_ || closed_ || !frame || frame->empty()) return;
  const auto& options = state_->options();
  auto& counters = state_->counters();
  queued_bytes_ += frame->size();
  queue_.push_back(std::move(frame));
  // A lagging client gets the newest frames: for live metrics an old one is worthless.
  while (queue_.size() > 1 && (queue_.size() > options.stream_queue_frames ||
                               queued_bytes_ > options.stream_queue_bytes)) {
    queued_bytes_ -= queue_.front()->size();
    queue_.pop_front();
    counters.stream_frames_dropped.fetch_add(1, std::memory_order_relaxed);
  }
  counters.note_queue_bytes(queued_bytes_);
  pump();
}

void stream_session::finish() {
  if (ended_ || closed_) return;
  end_source();
  pump();  // what is queued still goes out, then the last chunk
}

void stream_session::pump() {
  if (closed_ || writing_) return;
  if (!queue_.empty()) return do_write_frame();
  if (ended_) do_write_last_chunk();
}

void stream_session::do_write_frame() {
  in_flight_ = std::move(queue_.front());
  queue_.pop_front();
  queued_bytes_ -= in_flight_->size();
  writing_ = true;
  const auto& options = state_->options();
  stream_.expires_after(stopping_ ? options.stop_write_timeout : options.write_timeout);
  auto on_done = beast::bind_front_handler(&stream_session::on_write_frame, shared_from_this());
  if (!chunked_) return net::async_write(stream_, net::buffer(*in_flight_), std::move(on_done));
  net::async_write(stream_, bhttp::make_chunk(net::buffer(*in_flight_)), std::move(on_done));
}

void stream_session::on_write_frame(beast::error_code ec, std::size_t /*bytes*/) {
  writing_ = false;
  const std::size_t size = in_flight_ ? in_flight_->size() : 0;
  in_flight_.reset();
  if (ec) {
    if (ec == beast::error::timeout) {
      state_->counters().write_timeouts.fetch_add(1, std::memory_order_relaxed);
    }
    end_source();
    return do_close();
  }
  state_->counters().stream_frames_sent.fetch_add(1, std::memory_order_relaxed);
  bytes_sent_ += size;
  pump();
}

void stream_session::do_write_last_chunk() {
  if (!chunked_) return do_close();  // HTTP/1.0: closing is how the body ends
  writing_ = true;
  stream_.expires_after(state_->options().stop_write_timeout);
  net::async_write(
      stream_, bhttp::make_chunk_last(),
      beast::bind_front_handler(&stream_session::on_write_last_chunk, shared_from_this()));
}

void stream_session::on_write_last_chunk(beast::error_code /*ec*/, std::size_t /*bytes*/) {
  writing_ = false;
  do_close();
}

void stream_session::on_shutdown() {
  if (closed_ || stopping_) return;
  stopping_ = true;
  if (!ended_) {
    end_source();
    queue_.clear();  // the server is going away: end promptly rather than drain
    queued_bytes_ = 0;
  }
  pump();
  if (closed_) return;
  // tcp_stream's timer cannot be shortened under a pending write, so bound it ourselves.
  stop_timer_.expires_after(state_->options().stop_write_timeout);
  stop_timer_.async_wait(
      beast::bind_front_handler(&stream_session::on_stop_timer, shared_from_this()));
}

void stream_session::on_stop_timer(beast::error_code ec) {
  if (!ec) do_close();  // the last chunk did not get out in time
}

void stream_session::end_source() {
  if (ended_) return;
  ended_ = true;
  if (channel_) channel_->mark_closed();
  if (started_) {
    try {
      source_->stop();
    } catch (const std::exception& e) {
      log::error(std::string("stream source failed to stop: ") + e.what());
    }
  }
  source_.reset();
  state_->release_stream_slot();
  if (state_->options().access_log) {
    const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - origin_.started);
    access_log_buffer::of(stream_.get_executor())
        .add({origin_.remote, origin_.method, origin_.target, origin_.status,
              static_cast<std::size_t>(bytes_sent_), elapsed});
  }
}

void stream_session::do_close() {
  if (closed_) return;
  closed_ = true;
  stop_timer_.cancel();
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.close();
}

}  // namespace smistat::http
