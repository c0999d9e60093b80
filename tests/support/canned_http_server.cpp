#include "tests/support/canned_http_server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <vector>

namespace smistat::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

/** One connection: read a request, answer it (or hold it), read the next. */
class canned_connection : public std::enable_shared_from_this<canned_connection> {
 public:
  using held_list = std::vector<std::shared_ptr<canned_connection>>;

  canned_connection(tcp::socket socket, const std::map<std::string, canned_reply>& replies,
                    std::shared_ptr<std::atomic<std::size_t>> requests, held_list& held)
      : socket_(std::move(socket)),
        replies_(replies),
        requests_(std::move(requests)),
        held_(held) {}

  void do_read() {
    request_ = {};
    bhttp::async_read(socket_, buffer_, request_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (!ec) self->on_read();
                      });
  }

 private:
  void on_read() {
    ++*requests_;
    const auto found = replies_.find(std::string(request_.target()));
    const canned_reply reply =
        found != replies_.end() ? found->second : canned_reply{404, "", false};
    if (reply.hold) return held_.push_back(shared_from_this());
    response_ = bhttp::response<bhttp::string_body>(static_cast<bhttp::status>(reply.status), 11);
    response_.set(bhttp::field::content_type, "application/json");
    response_.body() = reply.body;
    response_.prepare_payload();
    bhttp::async_write(socket_, response_,
                       [self = shared_from_this()](beast::error_code ec, std::size_t) {
                         if (!ec) self->do_read();
                       });
  }

  tcp::socket socket_;
  const std::map<std::string, canned_reply>& replies_;
  std::shared_ptr<std::atomic<std::size_t>> requests_;
  beast::flat_buffer buffer_;
  bhttp::request<bhttp::string_body> request_;
  bhttp::response<bhttp::string_body> response_;
  /** Where a held connection stays open until the server goes (touched on its thread only). */
  held_list& held_;
};

struct canned_http_server::impl {
  explicit impl(std::map<std::string, canned_reply> r)
      : replies(std::move(r)), acceptor(io, {net::ip::make_address("127.0.0.1"), 0}) {}

  void do_accept(std::shared_ptr<std::atomic<std::size_t>> requests) {
    acceptor.async_accept([this, requests](beast::error_code ec, tcp::socket socket) {
      if (ec) return;
      std::make_shared<canned_connection>(std::move(socket), replies, requests, held)->do_read();
      do_accept(requests);
    });
  }

  std::map<std::string, canned_reply> replies;
  net::io_context io;
  tcp::acceptor acceptor;
  canned_connection::held_list held;
};

canned_http_server::canned_http_server(std::map<std::string, canned_reply> replies)
    : impl_(std::make_unique<impl>(std::move(replies))),
      requests_(std::make_shared<std::atomic<std::size_t>>(0)) {
  port_ = impl_->acceptor.local_endpoint().port();
  impl_->do_accept(requests_);
  thread_ = std::thread([this] { impl_->io.run(); });
}

canned_http_server::~canned_http_server() {
  impl_->io.stop();
  thread_.join();
  impl_->held.clear();
}

std::string canned_http_server::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

unsigned short unused_port() {
  net::io_context io;
  tcp::acceptor acceptor(io, {net::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

}  // namespace smistat::test
