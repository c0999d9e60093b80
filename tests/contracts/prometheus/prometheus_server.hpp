#pragma once
// A real Prometheus server (Debian's /usr/bin/prometheus) for tests: scrapes the given smistat
// ports every second from a generated config and its own storage, and answers instant queries.

#include <sys/types.h>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace smistat::test {

/** Where the Debian package installs the server; tests skip without it. */
inline constexpr const char* prometheus_binary = "/usr/bin/prometheus";

/** Prometheus scraping `targets` (ports on 127.0.0.1), stopped on destruction. */
class prometheus_server {
 public:
  explicit prometheus_server(const std::vector<unsigned short>& targets);
  ~prometheus_server();
  prometheus_server(const prometheus_server&) = delete;
  prometheus_server& operator=(const prometheus_server&) = delete;

  unsigned short port() const noexcept { return port_; }
  std::string log() const;

  /** The result vector of an instant query; empty on any error. */
  boost::json::array query(const std::string& promql) const;

 private:
  void start();

  std::filesystem::path dir_;
  unsigned short port_;
  pid_t pid_ = -1;
};

/** Polls `check` every 200 ms until it holds or `limit` passes. */
template <class Check>
bool eventually(Check check, std::chrono::seconds limit = std::chrono::seconds(30)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (check()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return check();
}

/** The value of one instant-query result. */
double sample_value(const boost::json::value& series);

}  // namespace smistat::test
