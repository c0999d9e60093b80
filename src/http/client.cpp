#include "src/http/client.hpp"

#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/url/parse.hpp>
#include <memory>
#include <optional>

#include "src/http/net.hpp"
#include "src/http/plain_or_tls_stream.hpp"
#include "src/http/system_trust_store.hpp"

namespace smistat::http {
namespace {

/** What every https fetch trusts: the machine's CA store, with the peer verified. Built once;
 *  OpenSSL lets connections share a context that is no longer changed. */
net::ssl::context& client_tls_context() {
  static net::ssl::context context = [] {
    net::ssl::context c(net::ssl::context::tls_client);
    trust_system_store(c);
    c.set_verify_mode(net::ssl::verify_peer);
    return c;
  }();
  return context;
}

bool is_address(const std::string& host) {
  beast::error_code ec;
  net::ip::make_address(host, ec);
  return !ec;
}

/** One GET in flight: resolve, connect, write, read, each step a do_/on_ pair. */
class fetch_operation : public std::enable_shared_from_this<fetch_operation> {
 public:
  // Everything runs on one strand: on a multi-threaded io_context the tcp_stream's deadline
  // handler would otherwise race the read it cancels, and a timeout would read as a plain
  // cancellation ("Host not available" instead of "Connection timeout").
  fetch_operation(net::any_io_executor executor, const fetch_options& options, fetch_handler done)
      : resolver_(net::make_strand(executor)),
        resolve_timer_(resolver_.get_executor()),
        options_(options),
        done_(std::move(done)) {
    parser_.body_limit(options.body_limit);
  }

  void start(std::string_view url) {
    const auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed || !parsed->has_authority() || parsed->host().empty() ||
        (parsed->scheme() != "http" && parsed->scheme() != "https"))
      return fail_soon(fetch_failure::bad_url, "not an absolute http URL");
    const bool https = parsed->scheme() == "https";
    host_ = parsed->host_address();
    tcp::socket socket(resolver_.get_executor());
    if (https)
      stream_.emplace(std::move(socket), client_tls_context());
    else
      stream_.emplace(std::move(socket));
    request_.method(bhttp::verb::get);
    request_.target(parsed->encoded_path().empty() ? std::string("/")
                                                   : std::string(parsed->encoded_path()));
    request_.version(11);
    request_.set(bhttp::field::host, std::string(parsed->encoded_host_and_port()));
    request_.set(bhttp::field::user_agent, "smistat");
    request_.set(bhttp::field::accept, "*/*");
    request_.set(bhttp::field::connection, "close");
    const std::string port =
        parsed->has_port() ? std::string(parsed->port()) : (https ? "443" : "80");
    do_resolve(host_, port);
  }

 private:
  void fail_soon(fetch_failure why, std::string detail) {
    net::post(resolver_.get_executor(),
              [self = shared_from_this(), why, detail] { self->finish(why, detail); });
  }

  void do_resolve(const std::string& host, const std::string& port) {
    // The resolver has no deadline of its own: a timer cancels it, and connect gets the rest.
    deadline_ = std::chrono::steady_clock::now() + options_.connect_timeout;
    resolve_timer_.expires_at(deadline_);
    resolve_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->resolver_.cancel();
    });
    resolver_.async_resolve(
        host, port, beast::bind_front_handler(&fetch_operation::on_resolve, shared_from_this()));
  }

  void on_resolve(beast::error_code ec, tcp::resolver::results_type results) {
    resolve_timer_.cancel();
    if (ec) return finish(fetch_failure::unreachable, "name lookup: " + ec.message());
    stream_->tcp_layer().expires_at(deadline_);
    stream_->tcp_layer().async_connect(
        results, beast::bind_front_handler(&fetch_operation::on_connect, shared_from_this()));
  }

  void on_connect(beast::error_code ec, const tcp::endpoint&) {
    if (ec) return finish(fetch_failure::unreachable, "connect: " + ec.message());
    // The handshake counts as part of the response's time, as in requests' read timeout.
    stream_->expires_after(options_.read_timeout);
    auto* tls = stream_->tls();
    if (!tls) return do_write();
    // SNI carries names only (RFC 6066); the certificate must name the host or address.
    // (SSL_set_tlsext_host_name spelled out: the macro's C cast fails -Wold-style-cast.)
    if (!is_address(host_))
      SSL_ctrl(tls->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
               const_cast<char*>(host_.c_str()));
    tls->set_verify_callback(net::ssl::host_name_verification(host_));
    tls->async_handshake(
        net::ssl::stream_base::client,
        beast::bind_front_handler(&fetch_operation::on_handshake, shared_from_this()));
  }

  void on_handshake(beast::error_code ec) {
    if (ec == beast::error::timeout) return finish_with(ec, "TLS handshake");
    if (ec) return finish(fetch_failure::tls_failed, "TLS handshake: " + ec.message());
    do_write();
  }

  void do_write() {
    bhttp::async_write(*stream_, request_,
                       beast::bind_front_handler(&fetch_operation::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (ec) return finish_with(ec, "write");
    bhttp::async_read(*stream_, buffer_, parser_,
                      beast::bind_front_handler(&fetch_operation::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return finish_with(ec, "read");
    const auto& res = parser_.get();
    result_.status = res.result_int();
    result_.reason = std::string(res.reason());
    result_.body = res.body();
    // Connection: close was asked, so the answer is whole; no TLS close_notify is waited for.
    beast::error_code ignored;
    stream_->socket().shutdown(tcp::socket::shutdown_both, ignored);
    finish(fetch_failure::none, "");
  }

  void finish_with(beast::error_code ec, std::string_view step) {
    if (ec == beast::error::timeout)
      return finish(fetch_failure::timed_out, std::string(step) + ": timed out");
    if (ec == bhttp::error::body_limit)
      return finish(fetch_failure::too_large, "read: the body is larger than the limit");
    finish(fetch_failure::broken, std::string(step) + ": " + ec.message());
  }

  void finish(fetch_failure why, std::string detail) {
    result_.failure = why;
    result_.detail = std::move(detail);
    auto done = std::move(done_);
    done(std::move(result_));
  }

  tcp::resolver resolver_;
  net::steady_timer resolve_timer_;
  std::optional<client_stream> stream_;  ///< set by start(), plain or TLS by the scheme
  std::string host_;
  fetch_options options_;
  fetch_handler done_;
  std::chrono::steady_clock::time_point deadline_;
  bhttp::request<bhttp::empty_body> request_;
  beast::flat_buffer buffer_;
  bhttp::response_parser<bhttp::string_body> parser_;
  fetch_result result_;
};

}  // namespace

void async_fetch(net::any_io_executor executor, std::string_view url, const fetch_options& options,
                 fetch_handler done) {
  std::make_shared<fetch_operation>(std::move(executor), options, std::move(done))->start(url);
}

}  // namespace smistat::http
