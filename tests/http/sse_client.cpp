#include "tests/http/sse_client.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cctype>
#include <cstdlib>

namespace smistat::http::test {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string sse_head::field(const std::string& name) const {
  const auto it = fields.find(lower(name));
  return it == fields.end() ? std::string() : it->second;
}

sse_client::sse_client(net::io_context& ioc, std::uint16_t port)
    : ioc_(ioc), socket_(ioc), port_(port) {
  socket_.connect({net::ip::make_address("127.0.0.1"), port});
}

void sse_client::request(std::string_view target, std::string_view extra_headers) {
  std::string raw = "GET " + std::string(target) +
                    " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) + "\r\n" +
                    std::string(extra_headers) + "\r\n";
  send(raw);
}

void sse_client::send(std::string_view raw) { net::write(socket_, net::buffer(raw)); }

bool sse_client::fill(beast::error_code& ec) {
  std::array<char, 16 * 1024> chunk{};
  bool done = false;
  std::size_t got = 0;
  socket_.async_read_some(net::buffer(chunk), [&](beast::error_code e, std::size_t n) {
    ec = e;
    got = n;
    done = true;
  });
  ioc_.restart();
  ioc_.run_for(deadline_);
  if (!done) {
    socket_.cancel();
    ioc_.restart();
    ioc_.run();
    ec = net::error::timed_out;
  }
  buffer_.append(chunk.data(), got);
  return !ec;
}

bool sse_client::fill_until(std::string_view marker, std::size_t& at, beast::error_code& ec) {
  while ((at = buffer_.find(marker)) == std::string::npos) {
    if (!fill(ec)) return false;
  }
  return true;
}

sse_head sse_client::read_head() {
  sse_head head;
  beast::error_code ec;
  std::size_t end = 0;
  if (!fill_until("\r\n\r\n", end, ec)) {
    ADD_FAILURE() << "no header block: " << ec.message();
    return head;
  }
  head.raw = buffer_.substr(0, end + 4);
  buffer_.erase(0, end + 4);
  const auto first_space = head.raw.find(' ');
  head.status = static_cast<unsigned>(std::atoi(head.raw.c_str() + first_space + 1));
  std::size_t pos = head.raw.find("\r\n") + 2;
  while (pos < end) {
    const auto eol = head.raw.find("\r\n", pos);
    const std::string line = head.raw.substr(pos, eol - pos);
    const auto colon = line.find(':');
    head.fields[lower(line.substr(0, colon))] = line.substr(line.find_first_not_of(' ', colon + 1));
    pos = eol + 2;
  }
  return head;
}

std::string sse_client::read_raw_chunk(beast::error_code& ec) {
  std::size_t eol = 0;
  if (!fill_until("\r\n", eol, ec)) return {};
  const std::size_t size = std::strtoul(buffer_.c_str(), nullptr, 16);
  const std::size_t total = eol + 2 + size + 2;
  while (buffer_.size() < total) {
    if (!fill(ec)) return {};
  }
  std::string raw = buffer_.substr(0, total);
  buffer_.erase(0, total);
  return raw;
}

std::string sse_client::read_event() {
  beast::error_code ec;
  const std::string raw = read_raw_chunk(ec);
  EXPECT_FALSE(ec) << ec.message();
  if (ec) return {};
  const auto eol = raw.find("\r\n");
  return raw.substr(eol + 2, raw.size() - eol - 4);
}

std::string sse_client::read_bytes(std::size_t n, beast::error_code& ec) {
  while (buffer_.size() < n) {
    if (!fill(ec)) return {};
  }
  std::string out = buffer_.substr(0, n);
  buffer_.erase(0, n);
  return out;
}

beast::error_code sse_client::read_to_close() {
  beast::error_code ec;
  while (fill(ec)) buffer_.clear();
  return ec;
}

void sse_client::half_close() {
  beast::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_send, ec);
}

void sse_client::close() {
  beast::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_both, ec);
  socket_.close(ec);
}

}  // namespace smistat::http::test
