#include "src/system/hpc_job_map.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "src/system/proc_text.hpp"

namespace smistat::system {
namespace {

bool is_gpu_index(std::string_view name) {
  return !name.empty() && name.size() <= 4 && std::ranges::all_of(name, [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string> job_lines(std::string_view text) {
  std::vector<std::string> jobs;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = trimmed(text.substr(0, end));
    if (!line.empty() && std::ranges::find(jobs, line) == jobs.end()) jobs.emplace_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return jobs;
}

}  // namespace

hpc_job_map read_hpc_job_map(const std::filesystem::path& dir) {
  hpc_job_map out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const auto name = entry.path().filename().string();
    if (!is_gpu_index(name) || !entry.is_regular_file(ec)) continue;
    // A job list is a few lines; 64 KiB bounds what a stray file can cost each cadence.
    const auto text = read_text(entry.path(), 64 * 1024);
    if (!text) continue;
    auto jobs = job_lines(*text);
    if (!jobs.empty()) out.emplace(std::to_string(std::stoul(name)), std::move(jobs));
  }
  return out;
}

}  // namespace smistat::system
