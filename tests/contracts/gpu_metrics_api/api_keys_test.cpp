// API keys of contract 001: configuration, the key a request presents, the 401, --auth-all.
#include "src/contracts/gpu_metrics_api/api_keys.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

namespace smistat::app {
namespace {

constexpr const char* expected_401 =
    R"({"detail":"Invalid or missing API key. Provide API key via 'api_key' query parameter or 'X-API-Key' header."})";

http::request with(std::string query, std::optional<std::string> header = std::nullopt) {
  http::request req;
  req.path = "/gpu/stream";
  req.query = std::move(query);
  req.x_api_key = std::move(header);
  return req;
}

config keys_config(std::string api_key, std::string api_keys) {
  config cfg;
  cfg.api_key = std::move(api_key);
  cfg.api_keys = std::move(api_keys);
  return cfg;
}

TEST(api_keys, are_api_key_plus_stripped_non_empty_items_of_api_keys) {
  const auto keys = api_keys::from_config(keys_config("solo", " a , b,, ,c "));
  EXPECT_EQ(keys.size(), 4u);
  for (const char* k : {"solo", "a", "b", "c"}) EXPECT_TRUE(keys.matches(k)) << k;
  for (const char* k : {"", " a ", "a ", "so", "solo2", "b,c"}) EXPECT_FALSE(keys.matches(k)) << k;
}

TEST(api_keys, none_configured_means_open_access) {
  for (const auto& cfg : {keys_config("", ""), keys_config("", " , ,")}) {
    const auto keys = api_keys::from_config(cfg);
    EXPECT_TRUE(keys.open());
    EXPECT_TRUE(keys.allows(with("")));
    EXPECT_TRUE(keys.allows(with("api_key=anything")));
  }
}

TEST(api_keys, query_wins_over_header_even_when_wrong) {
  const auto keys = api_keys::from_config(keys_config("right", ""));
  struct row {
    const char* query;
    std::optional<std::string> header;
    bool allowed;
  };
  const row rows[] = {
      {"", std::nullopt, false},
      {"", "right", true},
      {"", "wrong", false},
      {"api_key=right", std::nullopt, true},
      {"api_key=wrong", "right", false},
      {"api_key=right", "wrong", true},
      {"api_key=", "right", true},  // the original's `api_key or x_api_key`
      {"api_key=wrong&api_key=right", std::nullopt, true},
      {"api_key=ri%67ht", std::nullopt, true},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(keys.allows(with(r.query, r.header)), r.allowed)
        << r.query << " / " << r.header.value_or("<none>");
  }
}

TEST(api_keys, the_401_body_is_the_contract_text) {
  const http::response res = unauthorized_response();
  EXPECT_EQ(res.status, 401u);
  EXPECT_EQ(res.content_type, "application/json");
  EXPECT_EQ(res.body_view(), expected_401);
}

TEST(api_keys, require_api_key_guards_one_handler) {
  auto keys = std::make_shared<const api_keys>(std::vector<std::string>{"k"});
  const http::handler h =
      require_api_key(keys, [](const http::request&) { return http::text_response(200, "in"); });
  EXPECT_EQ(h(with("")).status, 401u);
  EXPECT_EQ(h(with("", "k")).body_view(), "in");
}

TEST(api_keys, auth_all_guards_every_route_but_not_unknown_paths_or_preflights) {
  http::router r(http::router_options{.cors = true, .api_prefix = ""});
  r.add("/gpu/stats", [](const http::request&) { return http::text_response(200, "stats"); });
  protect_all_routes(r, std::make_shared<const api_keys>(std::vector<std::string>{"k"}));

  http::request req = with("");
  req.path = "/gpu/stats";
  const http::response denied = r.handle(req);
  EXPECT_EQ(denied.status, 401u);
  EXPECT_EQ(denied.body_view(), expected_401);
  req.x_api_key = "k";
  EXPECT_EQ(r.handle(req).body_view(), "stats");

  req.path = "/nowhere";
  EXPECT_EQ(r.handle(req).status, 404u);

  http::request preflight = with("");
  preflight.method = "OPTIONS";
  preflight.path = "/gpu/stats";
  preflight.origin = "http://a";
  preflight.access_control_request_method = "GET";
  EXPECT_EQ(r.handle(preflight).status, 200u);

  http::request cors = with("");
  cors.path = "/gpu/stats";
  cors.origin = "http://a";
  const http::response denied_cors = r.handle(cors);
  EXPECT_EQ(denied_cors.status, 401u);
  EXPECT_NE(denied_cors.find_header("access-control-allow-origin"), nullptr);
}

// Orchestrator probes carry no key: --auth-all leaves the paths it is given open, exactly.
TEST(api_keys, auth_all_leaves_the_open_paths_open) {
  http::router r;
  for (const char* path : {"/-/healthy", "/-/ready", "/gpu/stats"})
    r.add(path, [](const http::request&) { return http::text_response(200, "in"); });
  protect_all_routes(r, std::make_shared<const api_keys>(std::vector<std::string>{"k"}),
                     {"/-/healthy", "/-/ready"});
  http::request req = with("");
  for (const char* path : {"/-/healthy", "/-/ready"}) {
    req.path = path;
    EXPECT_EQ(r.handle(req).status, 200u) << path;
  }
  req.path = "/gpu/stats";
  EXPECT_EQ(r.handle(req).status, 401u);
  req.path = "/-/healthy/";  // not the probe: redirected or refused, never let through unasked
  EXPECT_NE(r.handle(req).status, 200u);
}

TEST(api_keys, auth_all_without_keys_changes_nothing) {
  http::router r;
  r.add("/gpu/stats", [](const http::request&) { return http::text_response(200, "stats"); });
  protect_all_routes(r, std::make_shared<const api_keys>(std::vector<std::string>{}));
  http::request req;
  req.path = "/gpu/stats";
  EXPECT_EQ(r.handle(req).status, 200u);
}

}  // namespace
}  // namespace smistat::app
