// A real Prometheus server (Debian's /usr/bin/prometheus) scrapes two smistat processes that
// replay different recorded machines; its query API must see both up and every GPU.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstring>
#include <fstream>
#include <thread>

#include "tests/contracts/prometheus/command_output.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/integration/http_client.hpp"
#include "tests/integration/smistat_process.hpp"
#include "tests/support/golden.hpp"

extern char** environ;

namespace smistat::test {
namespace {

using namespace std::chrono_literals;

/** A port nobody listens on right now (the kernel's choice for an ephemeral bind). */
unsigned short free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  auto* any = reinterpret_cast<sockaddr*>(&addr);
  ::bind(fd, any, sizeof addr);
  ::getsockname(fd, any, &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::string url_encode(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

/** Prometheus with a generated config and its own storage, stopped on destruction. */
class prometheus_server {
 public:
  explicit prometheus_server(const std::vector<unsigned short>& targets)
      : dir_(std::filesystem::temp_directory_path() /
             ("smistat-prom-" + std::to_string(::getpid()))),
        port_(free_port()) {
    std::filesystem::create_directories(dir_ / "data");
    std::string config =
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
        "scrape_configs:\n  - job_name: smistat\n    static_configs:\n      - targets: [";
    for (std::size_t i = 0; i < targets.size(); ++i)
      config += (i ? ", '" : "'") + std::string("127.0.0.1:") + std::to_string(targets[i]) + "'";
    config += "]\n";
    write_temp(dir_ / "prometheus.yml", config);
    start();
  }
  ~prometheus_server() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      for (int i = 0; i < 100 && ::waitpid(pid_, nullptr, WNOHANG) != pid_; ++i)
        std::this_thread::sleep_for(50ms);
      if (::kill(pid_, 0) == 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
      }
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  prometheus_server(const prometheus_server&) = delete;
  prometheus_server& operator=(const prometheus_server&) = delete;

  unsigned short port() const noexcept { return port_; }
  std::string log() const { return read_file(dir_ / "prometheus.log"); }

  /** The result vector of an instant query; empty on any error. */
  boost::json::array query(const std::string& promql) const {
    try {
      const auto reply = http_get(port_, "/api/v1/query?query=" + url_encode(promql));
      if (reply.status != 200) return {};
      const auto v = boost::json::parse(reply.body);
      return v.at("data").at("result").as_array();
    } catch (const std::exception&) {
      return {};
    }
  }

 private:
  static void write_temp(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  }
  void start() {
    std::vector<std::string> argv{
        "/usr/bin/prometheus", "--config.file=" + (dir_ / "prometheus.yml").string(),
        "--storage.tsdb.path=" + (dir_ / "data").string(),
        "--web.listen-address=127.0.0.1:" + std::to_string(port_), "--log.level=warn"};
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const auto log_path = (dir_ / "prometheus.log").string();
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    const int rc = posix_spawn(&pid_, cargv[0], &actions, nullptr, cargv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      ADD_FAILURE() << "cannot start prometheus: " << std::strerror(rc);
      pid_ = -1;
    }
  }

  std::filesystem::path dir_;
  unsigned short port_;
  pid_t pid_ = -1;
};

/** Polls `check` every 200 ms until it holds or `limit` passes. */
template <class Check>
bool eventually(Check check, std::chrono::seconds limit = 30s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (check()) return true;
    std::this_thread::sleep_for(200ms);
  }
  return check();
}

double sample_value(const boost::json::value& series) {
  return std::stod(std::string(series.at("value").as_array().at(1).as_string()));
}

TEST(PrometheusScrape, SeesBothServersAndEveryGpu) {
  if (!std::filesystem::exists("/usr/bin/prometheus"))
    GTEST_SKIP() << "/usr/bin/prometheus not found: install the Debian package `prometheus` "
                    "(.ci/install-deps does) to run the scrape test";
  const std::string machine_a = "h100-80gb-hbm3__590.48.01";
  const std::string machine_b = "synthetic-8x-h100__590.48.01";
  smistat_process a({"--replay", machine_dir(machine_a).string()});
  smistat_process b({"--replay", machine_dir(machine_b).string()});
  ASSERT_NE(a.port(), 0);
  ASSERT_NE(b.port(), 0);
  const auto fixture_a = snapshot_from_machine(machine_dir(machine_a));
  const auto fixture_b = snapshot_from_machine(machine_dir(machine_b));
  const auto total_gpus = fixture_a.gpus.rows.size() + fixture_b.gpus.rows.size();

  prometheus_server prom({a.port(), b.port()});
  const bool both_up = eventually([&] {
    const auto up = prom.query("up == 1");
    return up.size() == 2;
  });
  ASSERT_TRUE(both_up) << "smistat answered " << http_get(a.port(), "/metrics").status
                       << " on /metrics (404: the route is not registered in make_routes)\n"
                       << "prometheus log:\n"
                       << prom.log();

  ASSERT_TRUE(eventually([&] {
    const auto r = prom.query("count(DCGM_FI_DEV_GPU_UTIL)");
    return r.size() == 1 && sample_value(r.at(0)) == static_cast<double>(total_gpus);
  })) << "count(DCGM_FI_DEV_GPU_UTIL) never reached "
      << total_gpus;

  // Total memory does not vary while replaying, so it must equal the recording. The recorded
  // machines share anonymised UUIDs, so the instance tells them apart.
  const auto total = parsers::to_number(*fixture_a.gpus.find(0, "memory.total"));
  ASSERT_TRUE(total);
  const auto instance = "127.0.0.1:" + std::to_string(a.port());
  const auto r = prom.query("DCGM_FI_DEV_FB_TOTAL{instance=\"" + instance + "\",gpu=\"0\"}");
  ASSERT_EQ(r.size(), 1u) << instance;
  EXPECT_EQ(sample_value(r.at(0)), *total);
}

}  // namespace
}  // namespace smistat::test
