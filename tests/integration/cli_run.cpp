#include "tests/integration/cli_run.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

cli_result run_smistat(const std::vector<std::string>& args, const environment_overrides& env,
                       const std::filesystem::path& cwd) {
  // The shell is only the test's launcher: env(1) sets the variables, and stderr goes to a file
  // so both streams are kept apart.
  const auto err_path = std::filesystem::temp_directory_path() /
                        ("smistat-cli-" + std::to_string(::getpid()) + ".err");
  std::string command = cwd.empty() ? "env" : "cd " + quoted(cwd.string()) + " && env";
  // env(1) takes its -u options before the assignments.
  for (const auto& [name, value] : env)
    if (!value) command += " -u " + quoted(name);
  for (const auto& [name, value] : env)
    if (value) command += " " + quoted(name + "=" + *value);
  command += " " + quoted((bin_dir() / "smistat").string());
  for (const auto& a : args) command += " " + quoted(a);
  command += " 2>" + quoted(err_path.string()) + " </dev/null";
  cli_result r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) r.out.append(buf, n);
  const int status = ::pclose(pipe);
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  std::ifstream in(err_path);
  std::ostringstream err;
  err << in.rdbuf();
  r.err = err.str();
  std::filesystem::remove(err_path);
  return r;
}

}  // namespace smistat::test
