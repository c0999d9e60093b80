#pragma once
// A client for event streams: sends a GET, reads the header block, then reads chunked frames one
// at a time. Every read has a deadline so a broken server fails the test instead of hanging it.

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "src/http/net.hpp"

namespace smistat::http::test {

/** The header block of a response as sent. */
struct sse_head {
  unsigned status = 0;
  std::string raw;                            ///< everything up to and including the blank line
  std::map<std::string, std::string> fields;  ///< lower-cased names
  /** The field's value, or "" when absent. */
  std::string field(const std::string& name) const;
};

/** One connection reading a stream. */
class sse_client {
 public:
  sse_client(net::io_context& ioc, std::uint16_t port);

  /** Sends `GET <target> HTTP/1.1` with Host and the given extra header lines ("a: b\r\n"). */
  void request(std::string_view target, std::string_view extra_headers = "");
  /** Writes raw bytes. */
  void send(std::string_view raw);
  /** Reads the header block. */
  sse_head read_head();
  /** The raw bytes of the next chunk including its size line and CRLF; `ec` on failure. */
  std::string read_raw_chunk(beast::error_code& ec);
  /** The payload of the next chunk ("" for the last chunk); fails the test on error. */
  std::string read_event();
  /** Reads exactly `n` bytes of body (for close-delimited streams). */
  std::string read_bytes(std::size_t n, beast::error_code& ec);
  /** Reads until the server closes; returns the final error (eof for a clean close). */
  beast::error_code read_to_close();
  /** Closes the socket. Frames still unread make the kernel reset the connection. */
  void close();
  /** Says goodbye without a reset: only the sending half closes (the server reads the end of
   *  the stream), and what is still on its way can be read, or the rest drained by read_to_close,
   *  before close(). */
  void half_close();

  tcp::socket& socket() noexcept { return socket_; }

 private:
  bool fill(beast::error_code& ec);
  bool fill_until(std::string_view marker, std::size_t& at, beast::error_code& ec);

  net::io_context& ioc_;
  tcp::socket socket_;
  std::uint16_t port_;
  std::string buffer_;
  std::chrono::seconds deadline_{10};
};

}  // namespace smistat::http::test
