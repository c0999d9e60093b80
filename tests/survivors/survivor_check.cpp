// The suite's last test: fails, listing them, when processes the suite started are still alive.
// Every test that starts processes runs with the marker `SMISTAT_TEST_SUITE=<build dir>` in its
// environment (tests/CMakeLists.txt), and every child inherits it, so a survivor is recognised
// by its environment. Processes of other builds on the same machine carry another marker, and a
// server started by hand carries none.
//
// Usage: smistat_survivor_check SMISTAT_TEST_SUITE=<build dir>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace {

struct survivor {
  std::string pid;
  std::string command;
};

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/** True when the NUL-separated list `entries` holds `wanted` as a whole entry. */
bool has_entry(const std::string& entries, const std::string& wanted) {
  std::size_t start = 0;
  while (start < entries.size()) {
    const auto end = entries.find('\0', start);
    const auto length = (end == std::string::npos ? entries.size() : end) - start;
    if (entries.compare(start, length, wanted) == 0) return true;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return false;
}

/** Live processes carrying `marker`. A zombie has an empty environment, so it is not listed:
 *  it has ended, and only waits for its parent's wait. Other users' processes are unreadable. */
std::vector<survivor> marked_processes(const std::string& marker) {
  std::vector<survivor> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const auto name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    if (!has_entry(read_all(entry.path() / "environ"), marker)) continue;
    std::string command = read_all(entry.path() / "cmdline");
    for (char& c : command)
      if (c == '\0') c = ' ';
    found.push_back({name, command});
  }
  return found;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 || std::string(argv[1]).find('=') == std::string::npos) {
    std::fprintf(stderr, "usage: %s NAME=VALUE (the marker the suite's processes carry)\n",
                 argv[0]);
    return 2;
  }
  const std::string marker = argv[1];
  // A process killed by the last test may take a moment to go; only one that stays is a
  // survivor.
  std::vector<survivor> found;
  for (int attempt = 0; attempt < 50; ++attempt) {
    found = marked_processes(marker);
    if (found.empty()) {
      std::printf("no process carrying %s is left\n", marker.c_str());
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::fprintf(stderr, "%zu process(es) started by the test suite outlived it:\n", found.size());
  for (const auto& s : found)
    std::fprintf(stderr, "  pid %s: %s\n", s.pid.c_str(), s.command.c_str());
  return 1;
}
