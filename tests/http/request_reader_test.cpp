#include "src/http/request_reader.hpp"

#include <gtest/gtest.h>

#include <string>

#include "src/http/response_writer.hpp"

namespace smistat::http {
namespace {

TEST(request_reader, each_read_error_means_what_the_connection_does_next) {
  using enum read_outcome;
  EXPECT_EQ(request_reader::outcome_of({}), request);
  EXPECT_EQ(request_reader::outcome_of(beast::error::timeout), timed_out);
  EXPECT_EQ(request_reader::outcome_of(bhttp::error::header_limit), header_too_large);
  EXPECT_EQ(request_reader::outcome_of(bhttp::error::body_limit), body_too_large);
  EXPECT_EQ(request_reader::outcome_of(bhttp::error::end_of_stream), client_gone);
  EXPECT_EQ(request_reader::outcome_of(bhttp::error::partial_message), client_gone);
  EXPECT_EQ(request_reader::outcome_of(bhttp::error::bad_target), malformed);
  EXPECT_EQ(request_reader::outcome_of(bhttp::error::bad_version), malformed);
  EXPECT_EQ(request_reader::outcome_of(net::error::connection_reset), failed);
  EXPECT_EQ(request_reader::outcome_of(net::error::operation_aborted), failed);
}

std::string written(const response_writer& w) {
  std::string out;
  for (const auto& b : w.buffers()) out.append(static_cast<const char*>(b.data()), b.size());
  return out;
}

TEST(response_writer, head_and_body_go_out_in_one_gather_write_with_the_extra_headers) {
  response_writer w;
  const header_field extra{"x-frame-options", "DENY"};
  ASSERT_TRUE(w.prepare(text_response(200, "hi"), {11, true, false}, {&extra, 1}));
  ASSERT_EQ(w.buffers().size(), 2u);
  const std::string out = written(w);
  EXPECT_TRUE(out.starts_with("HTTP/1.1 200 OK\r\n")) << out;
  EXPECT_NE(out.find("\r\nx-frame-options: DENY\r\n"), std::string::npos) << out;
  EXPECT_TRUE(out.ends_with("\r\n\r\nhi")) << out;
  EXPECT_EQ(w.current().status, 200u);
}

TEST(response_writer, a_shared_prefix_goes_out_before_the_body_without_a_copy) {
  response_writer w;
  auto res = text_response(200, "tail");
  res.prefix = std::make_shared<const std::string>("cached ");
  ASSERT_TRUE(w.prepare(res, {11, true, false}, {}));
  ASSERT_EQ(w.buffers().size(), 3u);
  EXPECT_EQ(w.buffers()[1].data(), res.prefix->data()) << "the cached bytes themselves";
  const std::string out = written(w);
  EXPECT_NE(out.find("content-length: 11\r\n"), std::string::npos) << out;
  EXPECT_TRUE(out.ends_with("\r\n\r\ncached tail")) << out;
  EXPECT_EQ(res.body_text(), "cached tail");
  EXPECT_EQ(res.body_size(), 11u);
}

TEST(response_writer, a_head_request_gets_the_length_but_no_body) {
  response_writer w;
  ASSERT_TRUE(w.prepare(text_response(200, "hi"), {11, true, true}, {}));
  const std::string out = written(w);
  EXPECT_NE(out.find("content-length: 2\r\n"), std::string::npos) << out;
  EXPECT_TRUE(out.ends_with("\r\n\r\n")) << out;
}

TEST(response_writer, an_unserialisable_head_becomes_a_500_that_closes) {
  response_writer w;
  auto res = text_response(200, "hi");
  res.set_header("x-long", std::string(70'000, 'a'));
  EXPECT_FALSE(w.prepare(std::move(res), {11, true, false}, {}));
  EXPECT_EQ(w.current().status, 500u);
  const std::string out = written(w);
  EXPECT_TRUE(out.starts_with("HTTP/1.1 500 Internal Server Error\r\n")) << out;
  EXPECT_NE(out.find("connection: close\r\n"), std::string::npos) << out;
  EXPECT_TRUE(out.ends_with("Internal Server Error")) << out;
}

}  // namespace
}  // namespace smistat::http
