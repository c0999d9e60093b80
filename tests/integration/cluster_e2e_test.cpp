// The nvgpu master and /gpu/history on the real binary: a master polling a live agent, a dead
// URL, a hung agent, a 404 and an agent answering garbage, while its other routes keep
// answering; and the sample history filling up to --max-history.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "tests/integration/e2e_probes.hpp"
#include "tests/integration/http_client.hpp"
#include "tests/integration/smistat_process.hpp"
#include "tests/support/canned_http_server.hpp"

namespace smistat::test {
namespace {

const std::string machine = "synthetic-8x-h100__590.48.01";

/** What an nvgpu agent answers on /gpu_status (docs/contracts/nvgpu.md, the 2018 format). */
const std::string canned_agent_json =
    R"({"hostname": "node02", "gpus": [{"type": "GeForce GTX 1080 Ti", "is_available": true, "pids": "", "users": "", "running_since": null, "utilization": 0, "clock_mhz": 139, "temperature": 44, "cmd": null}]})"
    "\n";

std::vector<std::string> served_args(std::vector<std::string> extra) {
  std::vector<std::string> args{"--replay", machine_dir(machine).string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

const environment_overrides clean_env{{"NVIDIA_SMI_REPLAY_STATE", std::nullopt},
                                      {"NVGPU_CLUSTER_CFG", std::nullopt}};

/** Waits until `server` has read `n` requests; false when it never does. */
bool wait_for_requests(const canned_http_server& server, std::size_t n) {
  for (int i = 0; i < 1500 && server.requests() < n; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return server.requests() >= n;
}

TEST(cluster_e2e, master_reports_every_agent_while_other_routes_stay_fast) {
  // A second smistat is a live agent, and the one that answers 404 (no such route under /nope);
  // a canned agent speaks the nvgpu seed format byte for byte.
  // Its first /gpu_status answer already has the process list, so the master and this test
  // see the same agent answer.
  smistat_process agent(served_args({}), clean_env);
  canned_http_server live({{"/gpu_status", {200, canned_agent_json}},
                           {"/broken/gpu_status", {200, "<html>busy</html>"}}});
  canned_http_server hung({{"/gpu_status", {200, "", true}}});
  const std::string smistat_agent = "http://127.0.0.1:" + std::to_string(agent.port());
  const std::string agents = "self," + live.base_url() + "," + smistat_agent +
                             ",http://127.0.0.1:" + std::to_string(unused_port()) + "," +
                             hung.base_url() + "," + smistat_agent + "/nope," + live.base_url() +
                             "/broken";
  smistat_process master(
      served_args({"--agents", agents, "--refresh-interval", "60", "--log-level", "debug"}),
      clean_env);
  ASSERT_NE(master.port(), 0) << master.log();

  std::atomic<bool> first_done = false, second_done = false;
  http_reply first, second;
  std::thread a([&] {
    first = http_get(master.port(), "/cluster_status");
    first_done = true;
  });
  ASSERT_TRUE(wait_for_requests(hung, 1)) << "the master never asked the hung agent";
  std::thread b([&] {
    second = http_get(master.port(), "/cluster_status");
    second_done = true;
  });
  // The hung agent holds both /cluster_status requests for nvgpu's 5 s; meanwhile the other
  // routes answer.
  for (const char* route : {"/gpu/stats", "/health", "/gpu/history", "/-/healthy"})
    EXPECT_EQ(http_get(master.port(), route).status, 200u) << route;
  EXPECT_FALSE(first_done) << "/cluster_status answered before the hung agent's timeout";
  a.join();
  b.join();
  EXPECT_EQ(hung.requests(), 1u) << "concurrent /cluster_status requests polled twice";
  EXPECT_EQ(second.body, first.body);

  ASSERT_EQ(first.status, 200u);
  EXPECT_EQ(first.headers["content-type"], "application/json");
  ASSERT_TRUE(first.body.ends_with("]\n"));
  const auto list = boost::json::parse(first.body).as_array();
  ASSERT_EQ(list.size(), 7u) << first.body;
  EXPECT_TRUE(list[0].at("hostname").is_string()) << "self";
  EXPECT_EQ(list[0].at("gpus").as_array().size(), 8u) << "self: the replayed 8-GPU machine";
  const auto agent_status = http_get(agent.port(), "/gpu_status");
  ASSERT_EQ(agent_status.status, 200u);
  EXPECT_EQ(list[2], boost::json::parse(agent_status.body)) << "the live smistat agent";
  const std::string body = first.body;
  const std::string canned = canned_agent_json.substr(0, canned_agent_json.size() - 1);
  ASSERT_NE(body.find("}, " + canned + ", {\"hostname\": "), std::string::npos) << body;
  const std::string rest = body.substr(body.find("}, {\"error\": \"Host not available\""));
  EXPECT_EQ(rest,
            "}, {\"error\": \"Host not available\"}, {\"error\": \"Connection timeout\"}, "
            "{\"error\": \"Bad response (404: Not Found)\"}, "
            "{\"error\": \"Bad response (invalid JSON)\"}]\n")
      << master.log();
}

TEST(cluster_e2e, agents_file_from_nvgpu_cluster_cfg) {
  canned_http_server live({{"/gpu_status", {200, "{\"hostname\": \"n2\", \"gpus\": []}"}}});
  const auto file = std::filesystem::temp_directory_path() /
                    ("smistat-agents-" + std::to_string(::getpid()) + ".cfg");
  {
    std::ofstream out(file);
    out << "AGENTS = [\n    '" << live.base_url() << "',  # node 2\n]\n";
  }
  environment_overrides env = clean_env;
  env["NVGPU_CLUSTER_CFG"] = file.string();
  smistat_process master(served_args({}), env);
  std::filesystem::remove(file);
  ASSERT_NE(master.port(), 0) << master.log();
  const auto reply = http_get(master.port(), "/cluster_status");
  EXPECT_EQ(reply.body, "[{\"hostname\": \"n2\", \"gpus\": []}]\n");
}

TEST(cluster_e2e, history_fills_up_to_max_history) {
  smistat_process server(served_args({"--max-history", "3", "--refresh-interval", "0.05"}),
                         clean_env);
  ASSERT_NE(server.port(), 0) << server.log();
  // Wait until more samples than the ring holds have been taken.
  poll_json(server.port(), "/health", [](const boost::json::value& h) {
    return h.at("collection").at("runs_total").as_int64() > 5;
  });
  const auto full = get_json(server.port(), "/gpu/history");
  EXPECT_EQ(full.at("max_history"), 3);
  EXPECT_EQ(full.at("interval_seconds"), 0.05);
  ASSERT_EQ(full.at("timestamps").as_array().size(), 3u) << full;
  ASSERT_EQ(full.at("gpus").as_array().size(), 8u);
  for (const auto& g : full.at("gpus").as_array()) {
    EXPECT_TRUE(g.at("uuid").as_string().starts_with("GPU-"));
    EXPECT_EQ(g.at("utilization_percent").as_array().size(), 3u);
    EXPECT_EQ(g.at("power_w").as_array().size(), 3u);
  }
  const double last = full.at("timestamps").at(2).as_double();
  const auto newer = get_json(server.port(), "/gpu/history?since=" + std::to_string(last + 1e6));
  EXPECT_TRUE(newer.at("timestamps").as_array().empty());
  const auto bad = http_get(server.port(), "/gpu/history?since=yesterday");
  EXPECT_EQ(bad.status, 422u);
  EXPECT_EQ(bad.body, R"({"detail":"since: expected a number of unix seconds"})");
}

}  // namespace
}  // namespace smistat::test
