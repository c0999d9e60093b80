#include "src/http/session.hpp"

#include "src/common/log.hpp"
#include "src/http/access_log_buffer.hpp"
#include "src/http/basic_auth.hpp"
#include "src/http/request_checks.hpp"
#include "src/http/stream_session.hpp"

namespace smistat::http {
namespace {

plain_or_tls_stream open_stream(connection_socket&& socket, const web_settings& web) {
  if (web.tls) return plain_or_tls_stream(std::move(socket), *web.tls);
  return plain_or_tls_stream(std::move(socket));
}

}  // namespace

session::session(connection_socket&& socket, std::shared_ptr<server_state> state)
    : web_(state->web()),
      stream_(open_stream(std::move(socket), *web_)),
      stop_timer_(stream_.get_executor()),
      deadline_(stream_.get_executor()),
      state_(std::move(state)) {
  beast::error_code ec;
  const auto remote = stream_.socket().remote_endpoint(ec);
  remote_ = ec ? std::string("-") : format_endpoint(remote, false);
  const auto local = stream_.socket().local_endpoint(ec);
  if (!ec) authority_ = format_endpoint(local, true);
  if (state_->options().access_log) access_log_ = &access_log_buffer::of(stream_.get_executor());
}

session::~session() { state_->withdraw(id_); }

void session::run() {
  id_ = state_->enroll(weak_from_this());
  // A phase out of time ends its pending operation, whose handler then sees expired().
  deadline_.on_expiry(weak_from_this(), [this] { stream_.cancel(); });
  if (id_ == 0) stopping_ = true;  // the server is stopping: do_read closes at once
  net::dispatch(
      stream_.get_executor(),
      beast::bind_front_handler(stream_.is_tls() ? &session::do_handshake : &session::do_read,
                                shared_from_this()));
}

void session::do_handshake() {
  if (stopping_) return do_close();
  phase_ = phase::reading;  // shutdown() cancels it like an idle read
  deadline_.expires_after(state_->options().handshake_timeout);
  stream_.async_handshake(beast::bind_front_handler(&session::on_handshake, shared_from_this()));
}

void session::on_handshake(beast::error_code ec) {
  if (ec) {
    // Plain HTTP on the TLS port, an untrusted or missing client certificate, a timeout.
    state_->counters().tls_handshake_failures.fetch_add(1, std::memory_order_relaxed);
    log::debug("TLS handshake with " + remote_ + " failed: " + ec.message());
    return do_close();
  }
  do_read();
}

void session::shutdown() {
  net::post(stream_.get_executor(),
            beast::bind_front_handler(&session::on_shutdown, shared_from_this()));
}

void session::do_read() {
  if (stopping_) return do_close();
  phase_ = phase::reading;
  deadline_.expires_after(state_->options().read_timeout);
  reader_.async_read(stream_, state_->options(),
                     beast::bind_front_handler(&session::on_read, shared_from_this()));
}

void session::on_read(beast::error_code ec, std::size_t /*bytes*/) {
  started_ = std::chrono::steady_clock::now();
  if (ec && deadline_.expired()) ec = beast::error::timeout;
  switch (request_reader::outcome_of(ec)) {
    case read_outcome::request: return handle_request();
    case read_outcome::timed_out:
      state_->counters().read_timeouts.fetch_add(1, std::memory_order_relaxed);
      return do_close();
    case read_outcome::header_too_large: return reject(431, "Request Header Fields Too Large");
    case read_outcome::body_too_large: return reject(413, "Request Entity Too Large");
    case read_outcome::malformed: return reject(400, "Invalid HTTP request received.");
    case read_outcome::client_gone: return do_close();
    case read_outcome::failed: return do_close();  // reset, aborted by shutdown(), ...
  }
}

void session::handle_request() {
  if (const auto problem = request_problem_of(reader_.parser()))
    return reject(problem->status, problem->reason);
  const wire_request& req = reader_.request();
  request routed = to_request(req, authority_);
  method_ = routed.method;
  target_ = std::string(req.target());
  state_->counters().requests.fetch_add(1, std::memory_order_relaxed);
  phase_ = phase::waiting;  // no read is pending, so no read timeout can fire meanwhile
  deadline_.expires_never();
  // Nor is any other operation: without this, the io_context could run out of work and return
  // from run() while the answer is still on its way.
  awaiting_.emplace(net::make_work_guard(stream_.get_executor()));
  if (stopping_) start_stop_timer();
  if (web_->users) return check_credentials(std::move(routed));
  route(routed);
}

void session::check_credentials(request routed) {
  const wire_request& req = reader_.request();
  const auto given = parse_basic_authorization(req[bhttp::field::authorization]);
  if (!given) return on_verified(std::move(routed), false);
  if (const auto verdict = web_->users->remembered(*given))
    return on_verified(std::move(routed), *verdict);
  // A bcrypt takes tens of milliseconds: it runs on the server's verifier thread, and the
  // verdict comes back to this connection's thread. No I/O is pending meanwhile; awaiting_ holds
  // the work.
  net::post(state_->verifier(), [self = shared_from_this(), executor = stream_.get_executor(),
                                 users = web_->users, given = *given,
                                 routed = std::move(routed)]() mutable {
    const bool allowed = users->verify(given);
    net::post(executor, [self = std::move(self), routed = std::move(routed), allowed]() mutable {
      self->on_verified(std::move(routed), allowed);
    });
  });
}

void session::on_verified(request routed, bool allowed) {
  if (phase_ != phase::waiting) return;  // closed at the stop deadline meanwhile
  if (allowed) return route(routed);
  state_->counters().unauthorized.fetch_add(1, std::memory_order_relaxed);
  on_answer(unauthorized_basic());
}

void session::route(const request& routed) {
  // The answer may come from any thread, now or later; it is taken up on this connection's
  // thread. A cached answer comes at once, on this thread: dispatch then writes it without a
  // trip through the io_context's queue.
  state_->routes().async_handle(
      routed, [self = shared_from_this(), executor = stream_.get_executor()](response res) {
        net::dispatch(executor,
                      [self, res = std::move(res)]() mutable { self->on_answer(std::move(res)); });
      });
}

void session::on_answer(response res) {
  if (phase_ != phase::waiting) return;  // closed at the stop deadline: nobody to answer
  awaiting_.reset();
  cancel_stop_timer();
  const wire_request& req = reader_.request();
  const bool head = req.method() == bhttp::verb::head;
  if (res.stream && !head) return start_stream(std::move(res), req.version());
  const bool keep_alive = req.keep_alive() && !stopping_ && !state_->stopping();
  write_response(std::move(res), {req.version(), keep_alive, head},
                 keep_alive ? after_write::read_next : after_write::close);
}

void session::reject(unsigned status, std::string_view text) {
  state_->counters().rejected.fetch_add(1, std::memory_order_relaxed);
  method_ = "-";
  target_ = "-";
  // The rest of the request is unread: answer, then drain it so the client sees the answer.
  write_response(text_response(status, std::string(text)), {11, false, false}, after_write::linger);
}

void session::write_response(response res, const wire_framing& framing, after_write next) {
  if (!writer_.prepare(std::move(res), framing, web_->headers)) next = after_write::close;
  phase_ = phase::writing;
  const auto& options = state_->options();
  deadline_.expires_after(stopping_ ? options.stop_write_timeout : options.write_timeout);
  net::async_write(stream_, writer_.buffers(),
                   beast::bind_front_handler(&session::on_write, shared_from_this(), next));
}

void session::on_write(after_write next, beast::error_code ec, std::size_t /*bytes*/) {
  cancel_stop_timer();
  if (ec && deadline_.expired()) ec = beast::error::timeout;
  if (ec == beast::error::timeout) {
    state_->counters().write_timeouts.fetch_add(1, std::memory_order_relaxed);
  }
  if (access_log_) log_access();
  writer_.release();  // drop our reference to a cached body as soon as it is written
  if (ec) return do_close();
  switch (next) {
    case after_write::read_next: return do_read();
    case after_write::close: return do_close();
    case after_write::linger: return do_linger();
  }
}

void session::do_linger() {
  phase_ = phase::lingering;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  reader_.buffer().clear();
  deadline_.expires_after(state_->options().linger_timeout);
  stream_.async_read_some(reader_.buffer().prepare(4096),
                          beast::bind_front_handler(&session::on_linger, shared_from_this()));
}

void session::on_linger(beast::error_code ec, std::size_t /*bytes*/) {
  if (ec) return do_close();  // EOF, timeout or reset: the client has had its chance to read
  stream_.async_read_some(reader_.buffer().prepare(4096),
                          beast::bind_front_handler(&session::on_linger, shared_from_this()));
}

void session::do_close() {
  if (phase_ == phase::closed) return;
  phase_ = phase::closed;
  awaiting_.reset();
  cancel_stop_timer();
  deadline_.cancel();
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.close();
}

void session::on_shutdown() {
  if (stopping_) return;
  stopping_ = true;
  if (phase_ == phase::reading) {
    stream_.cancel();  // idle keep-alive (or a half-sent request): end it now
  } else if (phase_ == phase::waiting || phase_ == phase::writing) {
    start_stop_timer();
  }
}

void session::start_stop_timer() {
  // Nothing bounds the wait for an answer, and tcp_stream's timer cannot be shortened under a
  // pending write, so the stop deadline has a timer of its own.
  stop_timer_armed_ = true;
  stop_timer_.expires_after(state_->options().stop_write_timeout);
  stop_timer_.async_wait(beast::bind_front_handler(&session::on_stop_timer, shared_from_this()));
}

void session::cancel_stop_timer() {
  // Armed only while stopping: each request would otherwise pay the timer queue's lock.
  if (!stop_timer_armed_) return;
  stop_timer_armed_ = false;
  stop_timer_.cancel();
}

void session::on_stop_timer(beast::error_code ec) {
  if (ec) return;
  stop_timer_armed_ = false;
  if (phase_ == phase::waiting) return do_close();  // the answer did not come in time
  if (phase_ == phase::writing) stream_.cancel();
}

void session::start_stream(response res, unsigned version) {
  if (stopping_ || state_->stopping()) {
    return write_response(detail_response(503, "Service Unavailable"), {version, false, false},
                          after_write::close);
  }
  if (!state_->claim_stream_slot()) {
    return write_response(detail_response(503, "Too many open streams"), {version, false, false},
                          after_write::close);
  }
  phase_ = phase::writing;
  deadline_.expires_after(state_->options().write_timeout);
  writer_.async_write_stream_header(
      stream_, std::move(res), version, web_->headers,
      beast::bind_front_handler(&session::on_stream_header, shared_from_this()));
}

void session::on_stream_header(beast::error_code ec, std::size_t /*bytes*/) {
  cancel_stop_timer();
  if (ec && deadline_.expired()) ec = beast::error::timeout;
  if (ec) {
    if (ec == beast::error::timeout) {
      state_->counters().write_timeouts.fetch_add(1, std::memory_order_relaxed);
    }
    state_->release_stream_slot();
    if (access_log_) log_access();
    return do_close();
  }
  // The connection now belongs to the stream (whose writes keep Beast's timeouts: one write a
  // second is no hot path); this session ends when the handler returns.
  phase_ = phase::closed;
  deadline_.cancel();
  stream_origin origin{remote_, method_, target_, writer_.current().status, started_};
  const bool chunked = writer_.stream_is_chunked();
  auto source = writer_.take_stream_source();
  writer_.release();
  std::make_shared<stream_session>(std::move(stream_), std::move(reader_.buffer()), state_,
                                   std::move(source), chunked, std::move(origin))
      ->run();
}

void session::log_access() const {
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started_);
  const bool head = method_ == "HEAD";
  const response& res = writer_.current();
  access_log_->add({remote_, method_, target_, res.status, head ? 0 : res.body_size(), elapsed});
}

}  // namespace smistat::http
