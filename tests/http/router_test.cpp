#include "src/http/router.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace smistat::http {
namespace {

request make_request(std::string method, std::string path, std::string query = {}) {
  request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.query = std::move(query);
  r.host = "gpu-host:8000";
  r.server_authority = "10.0.0.1:8000";
  return r;
}

/** A router shaped like the 000 contract: a few GET routes, one with a trailing slash. */
router make_router(router_options options = {}) {
  router r(std::move(options));
  r.add("/gpu/stats", [](const request&) { return json_response(200, R"({"gpu_count":0})"); });
  r.add("/", [](const request&) { return json_response(200, R"({"message":"home"})"); });
  r.add("/docs/", [](const request&) { return text_response(200, "docs"); });
  r.add("/echo", [](const request& q) { return text_response(200, q.path + "|" + q.query); });
  return r;
}

struct route_case {
  const char* name;
  std::string method;
  std::string path;
  std::string query;
  unsigned status;
  std::string content_type;
  std::string body;
  std::vector<header_field> headers;
};

class router_table : public ::testing::TestWithParam<route_case> {};

TEST_P(router_table, answers_like_fastapi) {
  const route_case& c = GetParam();
  const response res = make_router().handle(make_request(c.method, c.path, c.query));
  EXPECT_EQ(res.status, c.status);
  EXPECT_EQ(res.content_type, c.content_type);
  EXPECT_EQ(res.body_view(), c.body);
  EXPECT_EQ(res.headers, c.headers);
}

const std::string json = "application/json";
const std::string text = "text/plain; charset=utf-8";
const std::string not_found = R"({"detail":"Not Found"})";
const std::string not_allowed = R"({"detail":"Method Not Allowed"})";

INSTANTIATE_TEST_SUITE_P(
    cases, router_table,
    ::testing::Values(
        route_case{"get", "GET", "/gpu/stats", "", 200, json, R"({"gpu_count":0})", {}},
        route_case{
            "query_ignored", "GET", "/gpu/stats", "x=1", 200, json, R"({"gpu_count":0})", {}},
        route_case{"root", "GET", "/", "", 200, json, R"({"message":"home"})", {}},
        route_case{"handler_sees_query", "GET", "/echo", "a=1&b=2", 200, text, "/echo|a=1&b=2", {}},
        route_case{"unknown_path", "GET", "/nope", "", 404, json, not_found, {}},
        route_case{"path_is_case_sensitive", "GET", "/GPU/STATS", "", 404, json, not_found, {}},
        route_case{"double_trailing_slash", "GET", "/gpu/stats//", "", 404, json, not_found, {}},
        route_case{
            "percent_encoded_path", "GET", "/gpu%2Fstats", "", 200, json, R"({"gpu_count":0})", {}},
        route_case{"post", "POST", "/gpu/stats", "", 405, json, not_allowed, {{"allow", "GET"}}},
        route_case{"head", "HEAD", "/gpu/stats", "", 405, json, not_allowed, {{"allow", "GET"}}},
        route_case{
            "options", "OPTIONS", "/gpu/stats", "", 405, json, not_allowed, {{"allow", "GET"}}},
        route_case{
            "unknown_method", "BREW", "/gpu/stats", "", 405, json, not_allowed, {{"allow", "GET"}}},
        route_case{"lower_case_method",
                   "get",
                   "/gpu/stats",
                   "",
                   405,
                   json,
                   not_allowed,
                   {{"allow", "GET"}}},
        route_case{"unknown_path_options", "OPTIONS", "/nope", "", 404, json, not_found, {}},
        route_case{"trailing_slash",
                   "GET",
                   "/gpu/stats/",
                   "",
                   307,
                   "",
                   "",
                   {{"location", "http://gpu-host:8000/gpu/stats"}}},
        route_case{"trailing_slash_keeps_query",
                   "GET",
                   "/gpu/stats/",
                   "a=1&b=2",
                   307,
                   "",
                   "",
                   {{"location", "http://gpu-host:8000/gpu/stats?a=1&b=2"}}},
        route_case{"trailing_slash_any_method",
                   "POST",
                   "/gpu/stats/",
                   "",
                   307,
                   "",
                   "",
                   {{"location", "http://gpu-host:8000/gpu/stats"}}},
        route_case{"missing_slash_added",
                   "GET",
                   "/docs",
                   "",
                   307,
                   "",
                   "",
                   {{"location", "http://gpu-host:8000/docs/"}}},
        route_case{"slash_route", "GET", "/docs/", "", 200, text, "docs", {}}),
    [](const ::testing::TestParamInfo<route_case>& param_info) {
      return std::string(param_info.param.name);
    });

TEST(router, redirect_without_host_uses_server_address) {
  request req = make_request("GET", "/gpu/stats/");
  req.host.clear();
  const response res = make_router().handle(req);
  EXPECT_EQ(res.status, 307u);
  EXPECT_EQ(res.headers,
            (std::vector<header_field>{{"location", "http://10.0.0.1:8000/gpu/stats"}}));
}

TEST(router, redirect_without_any_authority_is_relative) {
  request req = make_request("GET", "/gpu/stats/");
  req.host.clear();
  req.server_authority.clear();
  const response res = make_router().handle(req);
  EXPECT_EQ(res.headers, (std::vector<header_field>{{"location", "/gpu/stats"}}));
}

TEST(router, cached_body_is_shared_not_copied) {
  const auto body = std::make_shared<const std::string>(R"({"cached":true})");
  router r;
  r.add("/cached", [body](const request&) { return json_response(200, body); });
  const response res = r.handle(make_request("GET", "/cached"));
  EXPECT_EQ(res.body.get(), body.get());
}

TEST(router, throwing_handler_gives_plain_500) {
  router r;
  r.add("/boom", [](const request&) -> response { throw std::runtime_error("nvml gone"); });
  r.add("/worse", [](const request&) -> response { throw 42; });
  for (const char* path : {"/boom", "/worse"}) {
    const response res = r.handle(make_request("GET", path));
    EXPECT_EQ(res.status, 500u) << path;
    EXPECT_EQ(res.content_type, "text/plain; charset=utf-8");
    EXPECT_EQ(res.body_view(), "Internal Server Error");
    EXPECT_TRUE(res.headers.empty());
  }
}

TEST(router, impossible_status_gives_plain_500) {
  for (unsigned status : {0u, 42u, 600u, 1000u}) {
    router r;
    r.add("/odd", [status](const request&) { return text_response(status, "odd"); });
    const response res = r.handle(make_request("GET", "/odd"));
    EXPECT_EQ(res.status, 500u) << status;
    EXPECT_EQ(res.body_view(), "Internal Server Error");
  }
}

TEST(router, wiring_mistakes_throw) {
  router r;
  r.add("/a", [](const request&) { return response{}; });
  EXPECT_THROW(r.add("/a", [](const request&) { return response{}; }), std::invalid_argument);
  EXPECT_THROW(r.add("a", [](const request&) { return response{}; }), std::invalid_argument);
  EXPECT_THROW(r.add("", [](const request&) { return response{}; }), std::invalid_argument);
}

TEST(router, null_body_is_empty) {
  router r;
  r.add("/empty", [](const request&) { return response{}; });
  const response res = r.handle(make_request("GET", "/empty"));
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(res.body_view(), "");
}

// --- api_prefix ---

TEST(router_prefix, prefix_applies_to_api_routes_only) {
  router r({.cors = false, .api_prefix = "/v1"});
  r.add("/gpu/stats", [](const request&) { return text_response(200, "stats"); });
  r.add(
      "/metrics", [](const request&) { return text_response(200, "metrics"); },
      prefix_policy::skip);
  EXPECT_EQ(r.handle(make_request("GET", "/v1/gpu/stats")).status, 200u);
  EXPECT_EQ(r.handle(make_request("GET", "/gpu/stats")).status, 404u);
  EXPECT_EQ(r.handle(make_request("GET", "/metrics")).status, 200u);
  EXPECT_EQ(r.handle(make_request("GET", "/v1/metrics")).status, 404u);
  const response redirect = r.handle(make_request("GET", "/v1/gpu/stats/"));
  EXPECT_EQ(redirect.status, 307u);
  EXPECT_EQ(*redirect.find_header("location"), "http://gpu-host:8000/v1/gpu/stats");
}

TEST(router_prefix, prefix_spellings_are_normalised) {
  struct spelling {
    std::string prefix;
    std::string expected;
  };
  for (const auto& [prefix, expected] : std::vector<spelling>{{"", "/gpu/stats"},
                                                              {"/", "/gpu/stats"},
                                                              {"/v1", "/v1/gpu/stats"},
                                                              {"v1", "/v1/gpu/stats"},
                                                              {"/v1/", "/v1/gpu/stats"},
                                                              {"/api/v1", "/api/v1/gpu/stats"}}) {
    const router r({.cors = false, .api_prefix = prefix});
    EXPECT_EQ(r.full_path("/gpu/stats", prefix_policy::apply), expected) << prefix;
    EXPECT_EQ(r.full_path("/gpu/stats", prefix_policy::skip), "/gpu/stats") << prefix;
  }
}

TEST(router_prefix, root_route_under_prefix_keeps_its_slash) {
  router r({.cors = false, .api_prefix = "/v1"});
  r.add("/", [](const request&) { return text_response(200, "home"); });
  EXPECT_EQ(r.handle(make_request("GET", "/v1/")).status, 200u);
  const response res = r.handle(make_request("GET", "/v1"));
  EXPECT_EQ(res.status, 307u);
  EXPECT_EQ(*res.find_header("location"), "http://gpu-host:8000/v1/");
}

TEST(router_table, lists_served_paths_in_registration_order_with_their_descriptions) {
  router r({.cors = false, .api_prefix = "/v1"});
  const auto ok = [](const request&) { return text_response(200, "ok"); };
  constexpr route_doc stats{.summary = "stats", .tag = "t", .schema = R"({"type":"object"})"};
  r.add("/gpu/stats", ok, stats);
  r.add("/-/ready", ok, unlisted_route("a probe"), prefix_policy::skip);
  r.add("/undescribed", ok);
  const auto table = r.table();
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table[0].path, "/v1/gpu/stats");
  ASSERT_TRUE(table[0].doc.has_value());
  EXPECT_EQ(table[0].doc->summary, "stats");
  EXPECT_TRUE(table[0].doc->listed);
  EXPECT_EQ(table[1].path, "/-/ready");
  ASSERT_TRUE(table[1].doc.has_value());
  EXPECT_FALSE(table[1].doc->listed);
  EXPECT_EQ(table[2].path, "/v1/undescribed");
  EXPECT_FALSE(table[2].doc.has_value());
}

}  // namespace
}  // namespace smistat::http
