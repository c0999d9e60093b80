// The dashboard's routes: the page at /ui, and at / for browsers only, so JSON clients of the
// 000 home keep their body.
#include "src/contracts/smistat/ui_routes.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "src/contracts/smistat/ui/embedded_page.hpp"

namespace smistat::app {
namespace {

const std::string json_home = R"({"message":"GPU Statistics Server"})";

http::router routes(http::router_options options = {}) {
  http::router r(std::move(options));
  r.add("/", dashboard_for_browsers(
                 r, [](const http::request&) { return http::json_response(200, json_home); }));
  add_ui_routes(r);
  return r;
}

http::request get(std::string path, std::string accept = "") {
  http::request req;
  req.path = std::move(path);
  req.accept = std::move(accept);
  return req;
}

constexpr const char* chromium_accept =
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

TEST(ui_routes, root_answers_json_clients_with_the_home_body) {
  const auto r = routes();
  for (const char* accept : {"", "*/*", "application/json", "application/json, text/plain"}) {
    const auto res = r.handle(get("/", accept));
    EXPECT_EQ(res.status, 200u) << accept;
    EXPECT_EQ(res.content_type, "application/json") << accept;
    EXPECT_EQ(res.body_view(), json_home) << accept;
    ASSERT_NE(res.find_header("vary"), nullptr);
    EXPECT_EQ(*res.find_header("vary"), "Accept");
  }
}

TEST(ui_routes, root_answers_browsers_with_the_page) {
  const auto r = routes();
  for (const char* accept : {chromium_accept, "TEXT/HTML"}) {
    const auto res = r.handle(get("/", accept));
    EXPECT_EQ(res.status, 200u);
    EXPECT_EQ(res.content_type, "text/html; charset=utf-8");
    EXPECT_NE(res.body_view().find("<title>GPUs"), std::string::npos);
    ASSERT_NE(res.find_header("vary"), nullptr);
    EXPECT_EQ(*res.find_header("vary"), "Accept");
  }
}

TEST(ui_routes, page_is_one_document_that_loads_nothing_from_elsewhere) {
  const auto res = routes().handle(get("/ui"));
  ASSERT_EQ(res.status, 200u);
  const std::string body(res.body_view());
  // embed_page.cmake inlined the stylesheet and the script.
  EXPECT_NE(body.find("<style>"), std::string::npos);
  EXPECT_NE(body.find("new EventSource("), std::string::npos);
  EXPECT_EQ(body.find("<link rel=\"stylesheet\""), std::string::npos);
  EXPECT_EQ(body.find("<script src="), std::string::npos);
  const std::regex external(
      R"((src|href|action)\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//|@import)");
  EXPECT_FALSE(std::regex_search(body, external));
  const auto* csp = res.find_header("content-security-policy");
  ASSERT_NE(csp, nullptr);
  EXPECT_NE(csp->find("default-src 'none'"), std::string::npos);
  EXPECT_NE(csp->find("connect-src 'self'"), std::string::npos);
}

TEST(ui_routes, a_current_copy_is_answered_304) {
  const auto r = routes();
  const auto first = r.handle(get("/ui"));
  const auto* etag = first.find_header("etag");
  ASSERT_NE(etag, nullptr);
  EXPECT_EQ(*first.find_header("cache-control"), "no-cache");
  auto again = get("/ui");
  again.if_none_match = *etag;
  const auto cached = r.handle(again);
  EXPECT_EQ(cached.status, 304u);
  EXPECT_TRUE(cached.body_view().empty());
  again.if_none_match = "\"0000000000000000\"";
  EXPECT_EQ(r.handle(again).status, 200u);
}

TEST(ui_routes, page_finds_the_json_routes_under_the_api_prefix) {
  const auto plain = routes().handle(get("/ui"));
  EXPECT_NE(plain.body_view().find("<meta name=\"smistat-api-prefix\" content=\"\">"),
            std::string::npos);
  const auto prefixed = routes({.api_prefix = "/v1"}).handle(get("/ui"));
  EXPECT_NE(prefixed.body_view().find("<meta name=\"smistat-api-prefix\" content=\"/v1\">"),
            std::string::npos);
  EXPECT_NE(*plain.find_header("etag"), *prefixed.find_header("etag"));
  // The page itself stays at /ui; the 000 home moves with the JSON routes.
  EXPECT_EQ(routes({.api_prefix = "/v1"}).handle(get("/v1/", chromium_accept)).content_type,
            "text/html; charset=utf-8");
}

TEST(ui_routes, embedded_page_is_the_source_files_inlined) {
  EXPECT_TRUE(ui::dashboard_page.starts_with("<!DOCTYPE html>"));
  EXPECT_NE(ui::dashboard_page.find("prefers-color-scheme: dark"), std::string_view::npos);
  EXPECT_NE(ui::dashboard_page.find("/gpu/history"), std::string_view::npos);
}

}  // namespace
}  // namespace smistat::app
