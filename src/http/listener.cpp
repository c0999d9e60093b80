#include "src/http/listener.hpp"

#include <unistd.h>

#include <string>

#include "src/common/log.hpp"
#include "src/http/session.hpp"

namespace smistat::http {

listener::listener(io_threads& threads, const tcp::endpoint& endpoint,
                   std::shared_ptr<server_state> state)
    : threads_(threads),
      strand_(net::make_strand(threads.main().get_executor())),
      acceptor_(strand_),
      protocol_(endpoint.protocol()),
      timer_(strand_),
      state_(std::move(state)) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(net::socket_base::max_listen_connections);
  // Synchronous accepts (the burst in on_accept) return would_block instead of waiting.
  acceptor_.non_blocking(true);
  port_ = acceptor_.local_endpoint().port();
}

void listener::run() {
  net::dispatch(strand_, beast::bind_front_handler(&listener::do_accept, shared_from_this()));
}

void listener::stop() {
  net::post(strand_, beast::bind_front_handler(&listener::on_stop, shared_from_this()));
}

void listener::on_stop() {
  stopped_ = true;
  beast::error_code ec;
  acceptor_.close(ec);
  timer_.cancel();
}

void listener::do_accept() {
  if (stopped_) return;
  // Each connection lives on one single-threaded io_context: its handlers never run
  // concurrently, and need no strand.
  acceptor_.async_accept(threads_.next(),
                         beast::bind_front_handler(&listener::on_accept, shared_from_this()));
}

void listener::on_accept(beast::error_code ec, connection_socket socket) {
  if (stopped_ || ec == net::error::operation_aborted) return;
  if (ec == net::error::connection_aborted) return do_accept();  // that client gave up; next
  if (ec) return back_off(ec);
  if (backing_off_) {
    backing_off_ = false;
    log::info("accepting connections again");
  }
  start_session(std::move(socket));
  // Then every connection already queued, before waiting again. Each wait is a trip through
  // the main io_context's queue, behind every request ready on its own connections: one accept
  // per trip let a burst of a thousand clients wait seconds for their first answer while the
  // others were served (nginx's multi_accept does the same).
  for (std::size_t taken = 1; taken < max_accepts_per_wake; ++taken) {
    // Accepted here first and handed to its io_context after: choosing the io_context before
    // would skip one in the rotation whenever the queue turns out empty.
    tcp::socket accepted = acceptor_.accept(ec);
    if (ec == net::error::would_block || ec == net::error::try_again) break;
    if (ec == net::error::connection_aborted) continue;
    if (ec) return back_off(ec);
    const auto descriptor = accepted.release(ec);
    if (ec) continue;  // `accepted` still owns it and closes it
    connection_socket handed(threads_.next());
    handed.assign(protocol_, descriptor, ec);
    if (ec) {
      ::close(descriptor);
      continue;
    }
    start_session(std::move(handed));
  }
  do_accept();
}

void listener::start_session(connection_socket socket) {
  state_->counters().connections_accepted.fetch_add(1, std::memory_order_relaxed);
  std::make_shared<session>(std::move(socket), state_)->run();
}

void listener::back_off(const beast::error_code& ec) {
  // EMFILE/ENFILE leave the connection queued, so accepting again at once would spin.
  state_->counters().accept_backoffs.fetch_add(1, std::memory_order_relaxed);
  if (!backing_off_) {
    backing_off_ = true;
    log::warning("accept failed (" + ec.message() + "); retrying every " +
                 std::to_string(state_->options().accept_backoff.count()) + " ms");
  }
  timer_.expires_after(state_->options().accept_backoff);
  timer_.async_wait(beast::bind_front_handler(&listener::on_back_off, shared_from_this()));
}

void listener::on_back_off(beast::error_code ec) {
  if (ec || stopped_) return;
  do_accept();
}

}  // namespace smistat::http
