// A real Prometheus scrapes smistat over TLS with basic auth: the target it is given the right
// password for turns up, the one with a wrong password stays down with a 401.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/integration/http_client.hpp"
#include "tests/integration/smistat_process.hpp"
#include "tests/tls/tls_e2e_files.hpp"

extern char** environ;

namespace smistat::test {
namespace {

namespace fs = std::filesystem;
const fs::path prometheus_binary = "/usr/bin/prometheus";

/** A port nobody listens on right now (the kernel's pick, released again). */
unsigned short free_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

/** Prometheus as a child process, stopped with SIGTERM when the test ends. */
class prometheus_process {
 public:
  prometheus_process(const fs::path& dir, unsigned short port) : log_(dir / "prometheus.log") {
    std::vector<std::string> args{prometheus_binary.string(),
                                  "--config.file=" + (dir / "prometheus.yml").string(),
                                  "--storage.tsdb.path=" + (dir / "data").string(),
                                  "--web.listen-address=127.0.0.1:" + std::to_string(port)};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~prometheus_process() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 500; ++i) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  bool started() const { return pid_ > 0; }
  std::string log() const {
    std::ifstream in(log_);
    return {std::istreambuf_iterator<char>(in), {}};
  }

 private:
  pid_t pid_ = -1;
  fs::path log_;
};

std::string scrape_config(unsigned short smistat_port) {
  const std::string target = "127.0.0.1:" + std::to_string(smistat_port);
  const auto job = [&](const std::string& name, const std::string& password) {
    return "  - job_name: " + name +
           "\n    scheme: https\n    tls_config:\n      ca_file: " + cert_path("ca.crt").string() +
           "\n    basic_auth:\n      username: prom\n      password: " + password +
           "\n    static_configs:\n      - targets: ['" + target + "']\n";
  };
  return "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n" +
         job("smistat", "scrape-secret") + job("smistat_wrong_password", "guess");
}

/** job -> (health, lastError) of Prometheus's active targets; empty while it is not up. */
std::map<std::string, std::pair<std::string, std::string>> targets(unsigned short port) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  try {
    const auto reply = http_get(port, "/api/v1/targets");
    if (reply.status != 200) return out;
    const auto doc = boost::json::parse(reply.body);
    for (const auto& t : doc.at("data").at("activeTargets").as_array()) {
      out[std::string(t.at("labels").at("job").as_string().c_str())] = {
          t.at("health").as_string().c_str(), t.at("lastError").as_string().c_str()};
    }
  } catch (const std::exception&) {
    // Prometheus is still starting.
  }
  return out;
}

TEST(prometheus_e2e, scrapes_over_tls_with_basic_auth) {
  if (!fs::exists(prometheus_binary)) GTEST_SKIP() << "prometheus is not installed";
  web_config_folder web("prometheus");
  web.write({{"prom", "scrape-secret"}});
  smistat_process server({"--replay", machine_dir("synthetic-8x-h100__590.48.01").string(),
                          "--web.config.file", web.file().string()});
  ASSERT_GT(server.port(), 0);
  const auto dir = scratch_dir("prometheus-server");
  std::ofstream(dir / "prometheus.yml") << scrape_config(server.port());
  const auto port = free_port();
  prometheus_process prometheus(dir, port);
  ASSERT_TRUE(prometheus.started());

  // Bounded: Prometheus starts in a few seconds and scrapes every second.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::map<std::string, std::pair<std::string, std::string>> seen;
  while (std::chrono::steady_clock::now() < deadline) {
    seen = targets(port);
    if (seen["smistat"].first == "up" && seen["smistat_wrong_password"].first == "down") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  EXPECT_EQ(seen["smistat"].first, "up") << seen["smistat"].second << "\n" << prometheus.log();
  EXPECT_EQ(seen["smistat_wrong_password"].first, "down");
  EXPECT_NE(seen["smistat_wrong_password"].second.find("401"), std::string::npos)
      << seen["smistat_wrong_password"].second;
}

}  // namespace
}  // namespace smistat::test
