// Bytes from a client, through the real session (src/http/session.cpp) and router, over a
// socket pair instead of TCP, so no port and no timing is involved: the client writes the input,
// closes its sending side and reads until the server closes.
//
// The answers are checked against what the same bytes must produce, worked out with Beast's
// parser under the server's limits: one response per complete request, in order, until a
// request that does not keep the connection alive; a 400/413/431/505 (and the end) at the first
// request that cannot be read or that breaks HTTP/1.1's rules (request_checks); nothing for a
// request cut short; and every response well-formed.
#include <sys/socket.h>

#include <array>
#include <cstdio>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "fuzz/check.hpp"
#include "fuzz/entries.hpp"
#include "src/common/log.hpp"
#include "src/http/query.hpp"
#include "src/http/request_checks.hpp"
#include "src/http/router.hpp"
#include "src/http/server_state.hpp"
#include "src/http/session.hpp"

namespace smistat::fuzz {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using http::response;

/** A SyncReadStream over a string: its bytes, then end of file. Beast's synchronous read() on
 *  it runs the same parser the session's async_read runs on the socket. */
class bytes_stream {
 public:
  explicit bytes_stream(std::string_view bytes) : rest_(bytes) {}

  template <class Buffers>
  std::size_t read_some(const Buffers& buffers) {
    beast::error_code ec;
    const std::size_t n = read_some(buffers, ec);
    if (ec) throw beast::system_error(ec);
    return n;
  }
  template <class Buffers>
  std::size_t read_some(const Buffers& buffers, beast::error_code& ec) {
    ec = {};
    if (rest_.empty()) {
      ec = net::error::eof;
      return 0;
    }
    const std::size_t n = net::buffer_copy(buffers, net::buffer(rest_.data(), rest_.size()));
    rest_.remove_prefix(n);
    return n;
  }
  bool at_end() const noexcept { return rest_.empty(); }

 private:
  std::string_view rest_;
};

struct expected_answer {
  bool head = false;
  bool keep_alive = false;
  unsigned version = 11;
  unsigned rejected = 0;  ///< 400, 413, 431 or 505 for a refused request; 0 for a routed one
};

http::server_options fuzz_options() {
  http::server_options o;
  // Small limits, so short inputs reach 413 and 431 too. The deadlines never fire for a session
  // that works (the client closes at once); a hang shows as a slow input instead.
  o.max_header_bytes = 1024;
  o.max_body_bytes = 256;
  o.read_timeout = o.write_timeout = o.linger_timeout = std::chrono::seconds(10);
  return o;
}

unsigned rejection_status(const beast::error_code& ec) {
  if (ec == bhttp::error::header_limit) return 431;
  if (ec == bhttp::error::body_limit) return 413;
  return 400;
}

std::vector<expected_answer> expected_answers(std::string_view input,
                                              const http::server_options& o) {
  std::vector<expected_answer> out;
  bytes_stream in(input);
  beast::flat_buffer buffer;
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(o.max_header_bytes));
    parser.body_limit(o.max_body_bytes);
    beast::error_code ec;
    bhttp::read(in, buffer, parser, ec);
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) break;
    if (ec) {
      // The session answers every parse error and closes; any other error just closes.
      if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category())
        out.push_back({false, false, 11, rejection_status(ec)});
      break;
    }
    // What HTTP/1.1 requires beyond Beast's parser (no Host, smuggling-prone Transfer-Encoding,
    // another HTTP version) is refused like an unreadable request.
    if (const auto problem = http::request_problem_of(parser)) {
      out.push_back({false, false, 11, problem->status});
      break;
    }
    const auto& req = parser.get();
    out.push_back({req.method() == bhttp::verb::head, req.keep_alive(), req.version(), 0});
    if (!req.keep_alive()) break;
  }
  return out;
}

void check_answer(const bhttp::response<bhttp::string_body>& res, const expected_answer& want) {
  const unsigned status = res.result_int();
  expect(status >= 100 && status <= 599, "statuses are readable");
  expect(res[bhttp::field::server] == "smistat", "every answer names the server");
  expect(res.find(bhttp::field::date) != res.end(), "every answer is dated");
  expect(res.find(bhttp::field::content_length) != res.end(), "every answer has a length");
  if (want.rejected != 0) {
    expect(status == want.rejected, "a refused request gets 400, 413, 431 or 505",
           std::to_string(status));
    expect(!res.keep_alive(), "a rejection closes the connection");
    return;
  }
  expect(res.version() == want.version, "the answer speaks the request's HTTP version");
  if (!want.keep_alive && want.version >= 11)
    expect(res[bhttp::field::connection] == "close", "the last answer says it closes");
}

void check_answers(std::string_view input, std::string_view received,
                   const std::vector<expected_answer>& want) {
  bytes_stream in(received);
  beast::flat_buffer buffer;
  for (const auto& w : want) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.skip(w.head);  // HEAD answers announce a length but carry no body
    parser.body_limit(boost::none);
    beast::error_code ec;
    bhttp::read(in, buffer, parser, ec);
    if (ec) {
      std::fprintf(stderr, "request bytes:\n%.*s\nanswer bytes:\n%.*s\n",
                   static_cast<int>(input.size()), input.data(), static_cast<int>(received.size()),
                   received.data());
    }
    expect(!ec, "one whole response per request", ec.message());
    check_answer(parser.get(), w);
  }
  expect(buffer.size() == 0 && in.at_end(), "nothing follows the last expected answer", received);
}

/** One io_context and one server for the whole run; each input gets its own connection. */
struct server_fixture {
  net::io_context io;
  std::shared_ptr<http::server_state> state;

  server_fixture() {
    log::set_level(log::level::off);  // handlers that throw log; that is noise here
    state = std::make_shared<http::server_state>(fuzz_options(), make_router());
  }

  std::shared_ptr<const http::router> make_router() {
    auto r = std::make_shared<http::router>(http::router_options{true, "/api"});
    r->add(
        "/", [](const http::request&) { return http::json_response(200, "{}"); },
        http::prefix_policy::skip);
    r->add("/items", [](const http::request&) { return http::json_response(200, "[]"); });
    // Query parsing the way data routes read parameters.
    r->add("/echo", [](const http::request& req) {
      const auto q = http::query_value(req.query, "q").value_or("");
      const auto n = http::parse_python_float(http::query_value(req.query, "n").value_or(""));
      return http::text_response(200, q + (n ? " n" : ""));
    });
    // Answered later from the io_context, as data routes answer when a sample arrives.
    r->add_async("/later", [this](const http::request&, http::responder answer) {
      net::post(io, [answer] { answer(http::json_response(200, "{\"late\":true}")); });
    });
    r->add_async("/dropped", [](const http::request&, http::responder) {});
    r->add("/throws", [](const http::request&) -> response { throw std::runtime_error("boom"); });
    r->set_guard([](const http::request& req) -> std::optional<response> {
      if (req.x_api_key == "wrong") return http::detail_response(401, "Unauthorized");
      return std::nullopt;
    });
    return r;
  }

  std::string exchange(std::string_view input) {
    int fds[2];
    expect(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0, "socketpair");
    // The session takes a TCP socket; over a socket pair its peer address reads as unknown.
    http::connection_socket server_side(io.get_executor());
    server_side.assign(http::tcp::v4(), fds[0]);
    net::local::stream_protocol::socket client(io);
    client.assign(net::local::stream_protocol(), fds[1]);
    std::make_shared<http::session>(std::move(server_side), state)->run();

    std::string received;
    std::array<char, 4096> chunk;
    std::function<void()> read_more = [&] {
      client.async_read_some(net::buffer(chunk), [&](beast::error_code ec, std::size_t n) {
        received.append(chunk.data(), n);
        if (!ec) read_more();  // until the server closes (EOF, or a reset after a close)
      });
    };
    read_more();
    net::async_write(client, net::buffer(input.data(), input.size()),
                     [&](beast::error_code, std::size_t) {
                       beast::error_code ignored;
                       client.shutdown(net::socket_base::shutdown_send, ignored);
                     });
    io.run();
    io.restart();
    return received;
  }
};

}  // namespace

void http_session(std::string_view input) {
  static server_fixture fixture;
  const std::string received = fixture.exchange(input);
  check_answers(input, received, expected_answers(input, fixture.state->options()));
}

}  // namespace smistat::fuzz
