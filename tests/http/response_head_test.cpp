// The hand-written response head against Beast's serializer, which wrote it before: for every
// kind of response the session sends, the bytes must be the same.
#include "src/http/response_head.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "src/http/net.hpp"

namespace smistat::http {
namespace {

constexpr std::string_view date = "Sun, 06 Dec 2026 07:45:57 GMT";

/** The head as Beast's serializer writes it for the message the session used to build. */
std::string beast_head(const response& res, const wire_framing& framing) {
  bhttp::response<bhttp::empty_body> out;
  out.version(framing.version);
  out.result(res.status);
  out.set("date", date);
  out.set("server", "smistat");
  out.set("content-length", std::to_string(res.body_view().size()));
  if (!res.content_type.empty()) out.set("content-type", res.content_type);
  for (const auto& h : res.headers) out.insert(h.name, h.value);
  if (!framing.keep_alive && framing.version >= 11) out.set("connection", "close");
  if (framing.keep_alive && framing.version == 10) out.set("connection", "keep-alive");
  bhttp::response_serializer<bhttp::empty_body> serializer(out);
  std::string bytes;
  beast::error_code ec;
  serializer.split(true);
  while (!serializer.is_header_done()) {
    serializer.next(ec, [&](beast::error_code&, const auto& buffers) {
      for (const auto b : beast::buffers_range_ref(buffers))
        bytes.append(static_cast<const char*>(b.data()), b.size());
      serializer.consume(beast::buffer_bytes(buffers));
    });
    if (ec) throw beast::system_error(ec);
  }
  return bytes;
}

std::string our_head(const response& res, const wire_framing& framing) {
  std::string out = "left over from the previous response";
  write_response_head(res, framing, date, out);
  return out;
}

std::vector<response> responses() {
  std::vector<response> out;
  out.push_back(json_response(200, R"({"gpu_count":8})"));
  out.push_back(text_response(404, "Not Found"));
  out.push_back(detail_response(503, "Service Unavailable"));
  response redirect;
  redirect.status = 307;
  redirect.set_header("location", "/ui");
  out.push_back(redirect);
  auto cors = json_response(200, "[]");
  cors.set_header("access-control-allow-origin", "*");
  cors.set_header("vary", "Origin");
  cors.headers.push_back({"set-cookie", "a=1"});
  cors.headers.push_back({"set-cookie", "b=2"});  // repeated, kept in order
  out.push_back(cors);
  auto metrics = text_response(200, "# HELP x\n");
  metrics.content_type = "text/plain; version=0.0.4; charset=utf-8";
  out.push_back(metrics);
  response unknown_status;
  unknown_status.status = 299;
  out.push_back(unknown_status);
  auto own_connection = text_response(200, "x");
  own_connection.set_header("Connection", "upgrade");  // replaced when the framing sets one
  out.push_back(own_connection);
  return out;
}

TEST(response_head, is_byte_for_byte_what_beast_serialised) {
  for (const auto& res : responses()) {
    for (const wire_framing framing :
         {wire_framing{11, true, false}, wire_framing{11, false, false},
          wire_framing{10, true, false}, wire_framing{10, false, false},
          wire_framing{11, true, true}}) {
      EXPECT_EQ(our_head(res, framing), beast_head(res, framing))
          << "status " << res.status << ", HTTP/1." << framing.version % 10
          << (framing.keep_alive ? " keep-alive" : " close") << (framing.head ? " HEAD" : "");
    }
  }
}

TEST(response_head, a_keep_alive_json_answer_reads_as_uvicorn_orders_it) {
  EXPECT_EQ(our_head(json_response(200, "{}"), {11, true, false}),
            "HTTP/1.1 200 OK\r\n"
            "date: Sun, 06 Dec 2026 07:45:57 GMT\r\n"
            "server: smistat\r\n"
            "content-length: 2\r\n"
            "content-type: application/json\r\n"
            "\r\n");
}

TEST(response_head, refuses_a_header_beast_would_refuse) {
  auto huge = text_response(200, "x");
  huge.headers.push_back({"x-huge", std::string(max_header_field_bytes + 1, 'h')});
  std::string out;
  EXPECT_THROW(write_response_head(huge, {}, date, out), std::length_error);
  EXPECT_THROW(beast_head(huge, {}), std::length_error);
  huge.headers.back().value.pop_back();  // at the limit: both accept it
  EXPECT_EQ(our_head(huge, {}), beast_head(huge, {}));
}

}  // namespace
}  // namespace smistat::http
