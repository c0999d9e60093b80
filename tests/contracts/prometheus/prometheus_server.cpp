#include "tests/contracts/prometheus/prometheus_server.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <cctype>
#include <cstring>
#include <fstream>

#include "tests/integration/http_client.hpp"
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

/** One storage directory per server, also when a test process starts several in turn. */
std::filesystem::path fresh_dir() {
  static std::atomic<int> count{0};
  return std::filesystem::temp_directory_path() /
         ("smistat-prom-" + std::to_string(::getpid()) + "-" + std::to_string(count++));
}

}  // namespace

prometheus_server::prometheus_server(const std::vector<unsigned short>& targets)
    : dir_(fresh_dir()), port_(free_port()) {
  std::filesystem::create_directories(dir_ / "data");
  std::string config =
      "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
      "scrape_configs:\n  - job_name: smistat\n    static_configs:\n      - targets: [";
  for (std::size_t i = 0; i < targets.size(); ++i)
    config += (i ? ", '" : "'") + std::string("127.0.0.1:") + std::to_string(targets[i]) + "'";
  config += "]\n";
  std::ofstream(dir_ / "prometheus.yml", std::ios::binary) << config;
  start();
}

prometheus_server::~prometheus_server() {
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

std::string prometheus_server::log() const { return read_file(dir_ / "prometheus.log"); }

boost::json::array prometheus_server::query(const std::string& promql) const {
  try {
    const auto reply = http_get(port_, "/api/v1/query?query=" + url_encode(promql));
    if (reply.status != 200) return {};
    const auto v = boost::json::parse(reply.body);
    return v.at("data").at("result").as_array();
  } catch (const std::exception&) {
    return {};
  }
}

void prometheus_server::start() {
  std::vector<std::string> argv{
      prometheus_binary, "--config.file=" + (dir_ / "prometheus.yml").string(),
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

double sample_value(const boost::json::value& series) {
  return std::stod(std::string(series.at("value").as_array().at(1).as_string()));
}

}  // namespace smistat::test
