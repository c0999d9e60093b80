#include "tests/contracts/prometheus/command_output.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>

namespace smistat::test {

command_result run_command(const std::string& command_line) {
  command_result r;
  FILE* pipe = ::popen((command_line + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.output.append(buf.data(), n);
  const int status = ::pclose(pipe);
  if (status != -1 && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  return r;
}

bool on_path(const std::string& program) {
  return run_command("command -v " + program + " >/dev/null").exit_code == 0;
}

std::filesystem::path write_temp_file(const std::string& stem, const std::string& text) {
  static int counter = 0;
  const auto path = std::filesystem::temp_directory_path() /
                    (stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace smistat::test
