#include "tests/tls/tls_client.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <regex>

#include "tests/tls/tls_test_files.hpp"

namespace smistat::test {
namespace {

/** Single quotes for sh; the tests' own values never hold one, but be safe anyway. */
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

https_reply https_get(unsigned short port, const https_request& req) {
  std::string command = "curl -s -i --max-time 10 --cacert " + quoted(cert_path("ca.crt"));
  if (req.user) command += " -u " + quoted(*req.user + ":" + req.password);
  if (!req.client_cert.empty()) {
    command += " --cert " + quoted(cert_path(req.client_cert)) + " --key " +
               quoted(cert_path(req.client_key));
  }
  for (const auto& h : req.headers) command += " -H " + quoted(h);
  command += " " + quoted("https://127.0.0.1:" + std::to_string(port) + req.target) + " 2>&1";
  https_reply reply;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return reply;
  std::string out;
  char buffer[4096];
  while (const auto n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  const int status = ::pclose(pipe);
  reply.curl_exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  const auto blank = out.find("\r\n\r\n");
  reply.head = out.substr(0, blank);
  if (blank != std::string::npos) reply.body = out.substr(blank + 4);
  static const std::regex status_line(R"(^HTTP/[0-9.]+ (\d{3}))");
  std::smatch m;
  if (reply.curl_exit == 0 && std::regex_search(reply.head, m, status_line))
    reply.status = static_cast<unsigned>(std::stoi(m[1].str()));
  return reply;
}

}  // namespace smistat::test
