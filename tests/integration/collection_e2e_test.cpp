// The collection engine against the real binary and nvidia-smi-replay: slow secondary commands
// never hold the GPU figures up, loop mode survives its child dying or hanging, and requests that
// wait for an on-demand run hold no thread.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/e2e_probes.hpp"
#include "tests/integration/fault_switch.hpp"
#include "tests/integration/quiescence.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

namespace json = boost::json;

const std::string eight_gpus = "synthetic-8x-h100__590.48.01";

/** The number at `path`, or -1 while it is not there (before the collector's first publish). */
std::int64_t number(const json::value& v, std::initializer_list<const char*> path) {
  const json::value* at = &v;
  for (const char* key : path) {
    const auto* object = at->if_object();
    if (!object || !object->contains(key)) return -1;
    at = &object->at(key);
  }
  if (at->is_int64()) return at->as_int64();
  return at->is_double() ? static_cast<std::int64_t>(at->as_double()) : -1;
}

const json::value& part(const json::value& health, const char* name) {
  return health.at("collection").at("parts").at(name);
}

TEST(collection, a_hanging_q_and_process_list_never_delay_the_gpu_figures) {
  // -q and compute apps take a minute (a wedged driver call); the GPU query 3 ms.
  smistat_process server({"--replay", machine_dir(eight_gpus).string(), "--refresh-interval", "0.1",
                          "--collect-timeout", "120", "--details-interval", "0.1"},
                         {{"NVIDIA_SMI_REPLAY_FAULT", "slow-q:60000;slow-apps:60000"}});
  ASSERT_NE(server.port(), 0);
  const auto health = poll_json(server.port(), "/health", [](const json::value& h) {
    return number(h, {"collection", "runs_total"}) >= 10;
  });
  ASSERT_GE(number(health, {"collection", "runs_total"}), 10);
  // Ten GPU runs finished while -q and compute apps were still in their first run: the proof that
  // the GPU query does not wait for them. (Whether the newest sample is within 3 intervals, 0.3 s,
  // at the instant /health is read depends on the scheduler of a loaded sanitizer build.)
  EXPECT_EQ(error_kind(health), "");
  // Each slow part is one run in flight, still running: never queued, never repeated.
  EXPECT_EQ(number(part(health, "details"), {"runs_total"}), 0);
  EXPECT_EQ(number(part(health, "processes"), {"runs_total"}), 0);
  EXPECT_TRUE(part(health, "details").at("age_seconds").is_null());
  std::size_t q_runs = 0;
  for (const auto kid : children_of(server.pid())) {
    const auto args = cmdline_of(kid);
    if (args.find(std::string("-q") + '\0') != std::string::npos) ++q_runs;
  }
  EXPECT_EQ(q_runs, 1u);
  EXPECT_EQ(get_json(server.port(), "/gpu/count").at("gpu_count"), json::value(8));
}

TEST(collection, loop_mode_serves_every_batch_from_one_child) {
  smistat_process server({"--replay", machine_dir(eight_gpus).string(), "--collect-mode", "loop",
                          "--refresh-interval", "0.05"});
  ASSERT_NE(server.port(), 0);
  const auto health = poll_json(server.port(), "/health", [](const json::value& h) {
    return number(h, {"collection", "loop", "batches"}) >= 10;
  });
  const auto& loop = health.at("collection").at("loop");
  EXPECT_GE(number(loop, {"batches"}), 10);
  EXPECT_EQ(number(loop, {"restarts"}), 0);
  ASSERT_TRUE(loop.at("pid").is_int64());
  const auto child = static_cast<pid_t>(loop.at("pid").as_int64());
  EXPECT_NE(cmdline_of(child).find("-lms"), std::string::npos);
  EXPECT_EQ(health.at("collection").at("mode"), json::value("loop"));
  EXPECT_EQ(error_kind(health), "");
  EXPECT_EQ(get_json(server.port(), "/gpu/count").at("gpu_count"), json::value(8));

  // SIGTERM ends the child with the server.
  const int status = server.stop(SIGTERM, std::chrono::seconds(3));
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
  const auto proc = "/proc/" + std::to_string(child);
  for (int i = 0; i < 100 && std::filesystem::exists(proc); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_FALSE(std::filesystem::exists(proc)) << "the loop child outlived the server";
}

/** Loop mode where only the loop child runs at rest: compute apps run once after the first
 *  sample, -q never, and the host is read at start and then not for an hour. */
std::vector<std::string> quiet_loop_args(const fault_switch& nvidia_smi, const char* interval) {
  return {"--nvidia-smi",         nvidia_smi.program().string(),
          "--collect-mode",       "loop",
          "--refresh-interval",   interval,
          "--collect-timeout",    "0.5",
          "--processes-interval", "3600",
          "--details-interval",   "0",
          "--host-interval",      "3600"};
}

class loop_child_fault : public ::testing::TestWithParam<const char*> {};

TEST_P(loop_child_fault, is_survived_by_restarting_the_child) {
  const fault_switch nvidia_smi(machine_dir(eight_gpus));
  nvidia_smi.set(GetParam());
  smistat_process server(quiet_loop_args(nvidia_smi, "0.05"));
  ASSERT_NE(server.port(), 0);
  const auto health = poll_json(server.port(), "/health", [](const json::value& h) {
    return number(h, {"collection", "loop", "restarts"}) >= 2;
  });
  EXPECT_GE(number(health, {"collection", "loop", "restarts"}), 2) << GetParam();
  const auto stats = get_json(server.port(), "/gpu/stats");
  EXPECT_EQ(stats.at("gpu_count"), json::value(8)) << GetParam();
  // Every child that ended was reaped: with the fault off and the server at rest, the one
  // child left is the live loop child.
  nvidia_smi.clear();
  const holdings rest = holdings_at_rest(server, 1);
  EXPECT_EQ(rest.children, 1u) << GetParam();
  EXPECT_FALSE(has_zombie_children(server.pid())) << GetParam();
}

// The child exits, crashes, or hangs (killed by the watchdog after max(3 x interval, timeout)).
INSTANTIATE_TEST_SUITE_P(faults, loop_child_fault,
                         ::testing::Values("loop-exit:3", "loop-crash:3", "loop-hang:3"));

TEST(collection, loop_mode_reads_damaged_batches_as_one_lost_sample) {
  smistat_process server(
      {"--replay", machine_dir(eight_gpus).string(), "--collect-mode", "loop", "--refresh-interval",
       "0.05"},
      {{"NVIDIA_SMI_REPLAY_FAULT", "loop-ragged:2;loop-truncate:4;loop-lost:6:3"}});
  ASSERT_NE(server.port(), 0);
  const auto health = poll_json(server.port(), "/health", [](const json::value& h) {
    return number(h, {"collection", "loop", "batches"}) >= 10;
  });
  EXPECT_GE(number(health, {"collection", "errors_total"}), 2) << "the ragged and cut batches";
  EXPECT_EQ(number(health, {"collection", "loop", "restarts"}), 0);
  // From batch 6 on GPU 3 is lost: the others are served, the lost one is named.
  EXPECT_EQ(error_kind(health), "gpu_lost");
  EXPECT_EQ(health.at("collection").at("lost_gpus").as_array().size(), 1u);
  EXPECT_EQ(get_json(server.port(), "/gpu/count").at("gpu_count"), json::value(7));
}

TEST(collection, two_hundred_loop_restarts_leave_no_zombie_and_no_descriptor) {
  const fault_switch nvidia_smi(machine_dir(eight_gpus));
  smistat_process server(quiet_loop_args(nvidia_smi, "0.01"));
  ASSERT_NE(server.port(), 0);
  // Both counts are taken at rest, the live loop child and nothing else running.
  const holdings baseline = holdings_at_rest(server, 1);
  // A child reads its fault when it starts: the live one is ended so that the next ones fail.
  nvidia_smi.set("loop-exit:1");
  const auto live = number(get_json(server.port(), "/health"), {"collection", "loop", "pid"});
  ASSERT_GT(live, 0);
  ::kill(static_cast<pid_t>(live), SIGKILL);
  json::value health;
  for (int i = 0; i < 60; ++i) {
    health = poll_json(server.port(), "/health", [](const json::value& h) {
      return number(h, {"collection", "loop", "restarts"}) >= 205;
    });
    if (number(health, {"collection", "loop", "restarts"}) >= 205) break;
  }
  ASSERT_GE(number(health, {"collection", "loop", "restarts"}), 205);
  nvidia_smi.clear();
  const holdings after = holdings_at_rest(server, 1);
  std::printf(
      "at rest before and after %lld restarts: descriptors %zu -> %zu, sockets %zu -> %zu, "
      "children %zu -> %zu, threads %zu -> %zu\n",
      static_cast<long long>(number(health, {"collection", "loop", "restarts"})),
      baseline.descriptors, after.descriptors, baseline.sockets, after.sockets, baseline.children,
      after.children, baseline.threads, after.threads);
  EXPECT_FALSE(has_zombie_children(server.pid()));
  EXPECT_EQ(after.children, 1u) << "the live loop child alone";
  EXPECT_LE(after.descriptors, baseline.descriptors);
  EXPECT_LE(after.threads, baseline.threads);
}

/** A connection that sent one request and has not read the answer. */
struct pending_request {
  int fd = -1;
  explicit pending_request(unsigned short port, const std::string& target) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    const std::string req = "GET " + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
    EXPECT_EQ(::send(fd, req.data(), req.size(), 0), static_cast<ssize_t>(req.size()));
  }
  ~pending_request() { ::close(fd); }
  bool answered_yet() const {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 0) > 0;
  }
  std::string read_all() const {
    std::string out;
    char buf[4096];
    pollfd p{fd, POLLIN, 0};
    while (::poll(&p, 1, 30'000) > 0) {
      const auto n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }
};

TEST(collection, requests_waiting_on_demand_hold_no_thread) {
  // Two HTTP threads, and every run takes 3 s: a hundred waiting requests must not stall the
  // probes, the health or the metrics.
  smistat_process server({"--replay", machine_dir(eight_gpus).string(), "--collect-mode",
                          "on-demand", "--refresh-interval", "0", "--threads", "2"},
                         {{"NVIDIA_SMI_REPLAY_FAULT", "slow:3000"}});
  ASSERT_NE(server.port(), 0);
  // Ready before any sample: on demand nothing is sampled until a request asks for it.
  unsigned ready = 0;
  for (int i = 0; i < 200 && ready != 200; ++i) {
    ready = http_get(server.port(), "/-/ready").status;
    if (ready != 200) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_EQ(ready, 200u);
  std::vector<std::unique_ptr<pending_request>> waiting;
  for (int i = 0; i < 100; ++i)
    waiting.push_back(std::make_unique<pending_request>(server.port(), "/gpu/stats"));
  EXPECT_EQ(http_get(server.port(), "/-/healthy").status, 200u);
  EXPECT_EQ(http_get(server.port(), "/health").status, 200u);
  EXPECT_EQ(http_get(server.port(), "/metrics").status, 200u);
  // All of that was answered while the sample every waiting request needs was still running.
  int answered = 0;
  for (const auto& w : waiting) answered += w->answered_yet() ? 1 : 0;
  EXPECT_EQ(answered, 0);
  for (const auto& w : waiting) {
    const auto reply = w->read_all();
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply.substr(0, 200);
    EXPECT_NE(reply.find("\"gpu_count\":8"), std::string::npos);
  }
}

}  // namespace
}  // namespace smistat::test
