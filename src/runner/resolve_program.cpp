#include "src/runner/resolve_program.hpp"

#include <unistd.h>

#include <cstdlib>
#include <system_error>

namespace smistat::runner {

namespace {

bool is_executable_file(const std::filesystem::path& candidate) {
  std::error_code ec;
  return std::filesystem::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0;
}

}  // namespace

std::optional<std::filesystem::path> resolve_program(std::string_view program,
                                                     std::string_view search_path) {
  if (program.empty()) return std::nullopt;
  if (program.find('/') != std::string_view::npos) return std::filesystem::path(program);
  while (!search_path.empty()) {
    const auto colon = search_path.find(':');
    const auto dir = search_path.substr(0, colon);
    search_path =
        colon == std::string_view::npos ? std::string_view{} : search_path.substr(colon + 1);
    if (dir.empty()) continue;
    auto candidate = std::filesystem::path(dir) / program;
    if (is_executable_file(candidate)) return candidate;
  }
  return std::nullopt;
}

std::string current_search_path() {
  // Nothing in smistat calls setenv, so reading the environment from any thread is safe.
  const char* path = std::getenv("PATH");
  return path != nullptr ? std::string(path) : std::string("/usr/bin:/bin");
}

}  // namespace smistat::runner
