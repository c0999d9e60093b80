// Every route of the served contracts, on several recorded machines, byte for byte against
// golden files (clock-dependent values masked).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/body_mask.hpp"
#include "tests/integration/http_client.hpp"
#include "tests/integration/smistat_process.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

const std::vector<std::string> routes{
    "/",
    "/gpu/stats",
    "/gpu/count",
    "/gpu/summary",
    "/health",
    "/config",
    "/api/gpu/devices",
    "/api/gpu/driver",
    "/api/v1/gpu/devices",
    "/api/v1/gpu/driver",
    "/api/v1/gpu-metrics",
    "/api/v1/monitoring/gpu-metrics",
    "/api/v1/health",
};

std::string golden_name(std::string route) {
  if (route == "/") return "home.json";
  for (auto& c : route)
    if (c == '/') c = '_';
  return route.substr(1) + ".json";
}

/** Polls /-/ready until the first sample is in (or the deadline passes). */
bool wait_ready(unsigned short port) {
  // Up to 30 s: a sanitizer build on two cores shared with compilers has taken over 10 s.
  for (int i = 0; i < 600; ++i) {
    if (http_get(port, "/-/ready").status == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

class routes_on_machine : public ::testing::TestWithParam<std::string> {};

TEST_P(routes_on_machine, every_route_matches_its_golden) {
  smistat_process server({"--replay", machine_dir(GetParam()).string(), "--refresh-interval", "60"},
                         {{"NVIDIA_SMI_REPLAY_STATE", std::nullopt},
                          {"CUDA_VISIBLE_DEVICES", std::nullopt},
                          {"TZ", "UTC"}});
  ASSERT_NE(server.port(), 0);
  ASSERT_TRUE(wait_ready(server.port())) << server.log();
  const auto golden_dir = fixtures_dir().parent_path() / "tests/integration/golden" / GetParam();
  for (const auto& route : routes) {
    SCOPED_TRACE(route);
    const auto reply = http_get(server.port(), route);
    EXPECT_EQ(reply.status, 200u);
    EXPECT_EQ(reply.headers.at("content-type"), "application/json");
    EXPECT_TRUE(matches_golden(golden_dir / golden_name(route), mask_volatile(reply.body)));
  }
}

// The list of routes comes from the binary's own description, which its router's table makes: a
// route added to smistat is requested here without anyone editing this file.
TEST(described_routes, every_route_the_binary_describes_answers_as_described) {
  smistat_process server({"--replay", machine_dir("h100-80gb-hbm3__590.48.01").string()},
                         {{"NVIDIA_SMI_REPLAY_STATE", std::nullopt}});
  ASSERT_NE(server.port(), 0);
  ASSERT_TRUE(wait_ready(server.port())) << server.log();
  const auto description = http_get(server.port(), "/openapi.json");
  ASSERT_EQ(description.status, 200u);
  const auto paths = boost::json::parse(description.body).at("paths").as_object();
  EXPECT_GT(paths.size(), 20u);
  for (const auto& [path, item] : paths) {
    SCOPED_TRACE(std::string(path));
    const auto& content = item.at("get").at("responses").at("200").at("content").as_object();
    ASSERT_EQ(content.size(), 1u);
    const std::string type(content.begin()->key());
    if (type == "text/event-stream") continue;  // never ends; its own tests read its events
    const auto reply = http_get(server.port(), std::string(path));
    EXPECT_EQ(reply.status, 200u);
    EXPECT_TRUE(reply.headers.at("content-type").starts_with(type))
        << reply.headers.at("content-type");
    EXPECT_FALSE(reply.body.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(recorded, routes_on_machine,
                         ::testing::Values("synthetic-8x-h100__590.48.01",
                                           "h100-80gb-hbm3__590.48.01",
                                           "h100-80gb-hbm3-mig__590.48.01", "l40s__595.80",
                                           "geforce-rtx-2080-super__610.57.04",
                                           "geforce-rtx-2080-super-windows__591.86",
                                           "geforce-rtx-2080-super__465.27"),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (auto& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace smistat::test
