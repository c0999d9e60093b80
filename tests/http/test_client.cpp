#include "tests/http/test_client.hpp"

#include <array>

namespace smistat::http::test {

client::client(net::io_context& ioc, std::uint16_t port) : socket_(ioc), port_(port) {
  socket_.connect({net::ip::make_address("127.0.0.1"), port});
}

void client::send(std::string_view raw) { net::write(socket_, net::buffer(raw)); }

void client::send(bhttp::verb method, std::string_view target) {
  bhttp::request<bhttp::empty_body> req{method, target, 11};
  req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port_));
  bhttp::write(socket_, req);
}

client_response client::read(beast::error_code& ec, bool head) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  parser.skip(head);  // a HEAD answer announces a length but carries no body
  bhttp::read(socket_, buffer_, parser, ec);
  return parser.release();
}

client_response client::read(bool head) {
  beast::error_code ec;
  auto res = read(ec, head);
  EXPECT_FALSE(ec) << ec.message();
  return res;
}

client_response client::get(std::string_view target) {
  send(bhttp::verb::get, target);
  return read();
}

beast::error_code client::read_to_close(std::size_t* bytes) {
  beast::error_code ec;
  std::size_t total = buffer_.size();
  buffer_.consume(buffer_.size());
  std::array<char, 64 * 1024> chunk{};
  while (!ec) total += socket_.read_some(net::buffer(chunk), ec);
  if (bytes != nullptr) *bytes = total;
  return ec;
}

bool is_closed(const beast::error_code& ec) {
  return ec == net::error::eof || ec == net::error::connection_reset ||
         ec == bhttp::error::end_of_stream;
}

server_options server_test::test_options() {
  server_options o;
  o.address = "127.0.0.1";
  o.port = 0;
  o.read_timeout = std::chrono::milliseconds(5'000);
  o.write_timeout = std::chrono::milliseconds(5'000);
  o.max_header_bytes = 1024;
  o.max_body_bytes = 1024;
  return o;
}

std::shared_ptr<router> server_test::default_routes() {
  auto routes = std::make_shared<router>();
  const auto stats = std::make_shared<const std::string>(R"({"gpu_count":4})");
  routes->add("/gpu/stats", [stats](const request&) { return json_response(200, stats); });
  routes->add("/echo",
              [](const request& r) { return text_response(200, r.method + " " + r.query); });
  return routes;
}

void server_test::start(server_options options, std::shared_ptr<router> routes, unsigned threads) {
  if (threads != io_->size()) io_ = std::make_unique<io_threads>(threads);
  server_ = std::make_unique<server>(*io_, std::move(options), std::move(routes));
  server_->start();
  io_runner_ = std::thread([this] { io_->run(); });
}

void server_test::start(server_options options, unsigned threads) {
  start(std::move(options), default_routes(), threads);
}

void server_test::stop_and_join() {
  if (server_) server_->stop();
  io_->release();
  if (io_runner_.joinable()) io_runner_.join();
}

void answer_threads::run(std::function<void()> work) {
  std::lock_guard lock(mutex_);
  threads_.emplace_back(std::move(work));
}

void answer_threads::join_all() {
  std::vector<std::thread> running;
  {
    std::lock_guard lock(mutex_);
    running.swap(threads_);
  }
  for (auto& t : running) t.join();
}

void server_test::TearDown() {
  answerers_->join_all();
  stop_and_join();
  server_.reset();
}

}  // namespace smistat::http::test
