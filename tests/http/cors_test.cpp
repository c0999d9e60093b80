#include "src/http/cors.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "src/http/router.hpp"

namespace smistat::http {
namespace {

using headers = std::vector<header_field>;

const std::string not_allowed = R"({"detail":"Method Not Allowed"})";

router make_router(bool cors) {
  router r({.cors = cors, .api_prefix = ""});
  r.add("/gpu/stats", [](const request&) { return json_response(200, R"({"gpu_count":0})"); });
  r.add("/varies", [](const request&) {
    response res = text_response(200, "v");
    res.headers.push_back({"vary", "Accept"});
    return res;
  });
  r.add("/boom", [](const request&) -> response { throw std::runtime_error("boom"); });
  return r;
}

request make_request(std::string method, std::string path) {
  request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.host = "gpu-host:8000";
  return r;
}

request preflight(std::string path, std::string method = "GET") {
  request r = make_request("OPTIONS", std::move(path));
  r.origin = "http://dash.example";
  r.access_control_request_method = std::move(method);
  return r;
}

TEST(cors, no_origin_gets_no_cors_headers) {
  const response res = make_router(true).handle(make_request("GET", "/gpu/stats"));
  EXPECT_EQ(res.status, 200u);
  EXPECT_TRUE(res.headers.empty());
}

TEST(cors, simple_request_gets_wildcard_and_credentials) {
  request req = make_request("GET", "/gpu/stats");
  req.origin = "http://dash.example";
  const response res = make_router(true).handle(req);
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(res.body_view(), R"({"gpu_count":0})");
  EXPECT_EQ(res.headers, (headers{{"access-control-allow-origin", "*"},
                                  {"access-control-allow-credentials", "true"}}));
}

TEST(cors, cookie_makes_origin_echoed_with_vary) {
  request req = make_request("GET", "/gpu/stats");
  req.origin = "http://dash.example";
  req.has_cookie = true;
  const response res = make_router(true).handle(req);
  EXPECT_EQ(res.headers, (headers{{"access-control-allow-origin", "http://dash.example"},
                                  {"access-control-allow-credentials", "true"},
                                  {"vary", "Origin"}}));
}

TEST(cors, cookie_appends_to_an_existing_vary) {
  request req = make_request("GET", "/varies");
  req.origin = "http://dash.example";
  req.has_cookie = true;
  const response res = make_router(true).handle(req);
  EXPECT_EQ(*res.find_header("vary"), "Accept, Origin");
}

TEST(cors, preflight_is_answered_with_echoed_origin_and_headers) {
  request req = preflight("/gpu/stats");
  req.access_control_request_headers = "X-API-Key, content-type";
  const response res = make_router(true).handle(req);
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(res.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(res.body_view(), "OK");
  EXPECT_EQ(
      res.headers,
      (headers{{"vary", "Origin"},
               {"access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"},
               {"access-control-max-age", "600"},
               {"access-control-allow-credentials", "true"},
               {"access-control-allow-origin", "http://dash.example"},
               {"access-control-allow-headers", "X-API-Key, content-type"}}));
}

TEST(cors, preflight_without_requested_headers_has_no_allow_headers) {
  const response res = make_router(true).handle(preflight("/gpu/stats"));
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(res.find_header("access-control-allow-headers"), nullptr);
}

TEST(cors, preflight_is_answered_before_routing) {
  const response res = make_router(true).handle(preflight("/no/such/path"));
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(res.body_view(), "OK");
}

TEST(cors, preflight_for_an_unknown_method_is_refused) {
  for (const char* method : {"BREW", "get", ""}) {
    const response res = make_router(true).handle(preflight("/gpu/stats", method));
    EXPECT_EQ(res.status, 400u) << method;
    EXPECT_EQ(res.content_type, "text/plain; charset=utf-8");
    EXPECT_EQ(res.body_view(), "Disallowed CORS method");
    EXPECT_EQ(*res.find_header("access-control-allow-origin"), "http://dash.example");
  }
}

TEST(cors, options_that_is_not_a_preflight_is_405) {
  request req = make_request("OPTIONS", "/gpu/stats");
  req.origin = "http://dash.example";  // no Access-Control-Request-Method
  const response res = make_router(true).handle(req);
  EXPECT_EQ(res.status, 405u);
  EXPECT_EQ(res.content_type, "application/json");
  EXPECT_EQ(res.body_view(), not_allowed);
  EXPECT_EQ(res.headers, (headers{{"allow", "GET"},
                                  {"access-control-allow-origin", "*"},
                                  {"access-control-allow-credentials", "true"}}));
}

TEST(cors, preflight_without_origin_is_405_without_cors_headers) {
  request req = preflight("/gpu/stats");
  req.origin.reset();
  const response res = make_router(true).handle(req);
  EXPECT_EQ(res.status, 405u);
  EXPECT_EQ(res.headers, (headers{{"allow", "GET"}}));
}

TEST(cors, error_responses_carry_cors_headers) {
  request req = make_request("GET", "/nope");
  req.origin = "http://dash.example";
  const response res = make_router(true).handle(req);
  EXPECT_EQ(res.status, 404u);
  EXPECT_EQ(*res.find_header("access-control-allow-origin"), "*");
}

TEST(cors, unhandled_exception_bypasses_cors) {
  request req = make_request("GET", "/boom");
  req.origin = "http://dash.example";
  const response res = make_router(true).handle(req);
  EXPECT_EQ(res.status, 500u);
  EXPECT_TRUE(res.headers.empty());
}

TEST(cors, disabled_means_preflight_405_and_no_headers) {
  const response pre = make_router(false).handle(preflight("/gpu/stats"));
  EXPECT_EQ(pre.status, 405u);
  EXPECT_EQ(pre.body_view(), not_allowed);
  EXPECT_EQ(pre.headers, (headers{{"allow", "GET"}}));

  request simple = make_request("GET", "/gpu/stats");
  simple.origin = "http://dash.example";
  simple.has_cookie = true;
  EXPECT_TRUE(make_router(false).handle(simple).headers.empty());
}

TEST(cors, is_preflight_needs_options_origin_and_method) {
  request req = preflight("/x");
  EXPECT_TRUE(cors::is_preflight(req));
  req.method = "GET";
  EXPECT_FALSE(cors::is_preflight(req));
  req = preflight("/x");
  req.access_control_request_method.reset();
  EXPECT_FALSE(cors::is_preflight(req));
}

}  // namespace
}  // namespace smistat::http
