#include "src/system/process_reader.hpp"

#include <algorithm>

#include "src/system/proc_text.hpp"

namespace smistat::system {
namespace {

std::filesystem::path pid_dir(const std::filesystem::path& procfs, std::int64_t pid) {
  return procfs / std::to_string(pid);
}

/** The kernel truncates comm to TASK_COMM_LEN - 1 bytes. */
constexpr std::size_t comm_limit = 15;

}  // namespace

std::optional<pid_stat> parse_pid_stat(std::string_view text) {
  const std::size_t open = text.find('(');
  const std::size_t close = text.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return std::nullopt;
  }
  // After the name: field 3 (state) is rest[0], so field N is rest[N - 3].
  const auto rest = split_ws(text.substr(close + 1));
  if (rest.size() < 22) return std::nullopt;
  const auto utime = to_u64(rest[11]), stime = to_u64(rest[12]), start = to_u64(rest[19]);
  const auto vsize = to_u64(rest[20]), rss = to_u64(rest[21]);
  if (!utime || !stime || !start || !vsize || !rss) return std::nullopt;
  return pid_stat{
      std::string(text.substr(open + 1, close - open - 1)), *utime, *stime, *start, *vsize, *rss};
}

std::optional<pid_stat> read_pid_stat(const std::filesystem::path& procfs, std::int64_t pid) {
  const auto text = read_text(pid_dir(procfs, pid) / "stat", 4096);
  return text ? parse_pid_stat(*text) : std::nullopt;
}

std::optional<std::uint32_t> read_real_uid(const std::filesystem::path& procfs, std::int64_t pid) {
  const auto text = read_text(pid_dir(procfs, pid) / "status", 65536);
  const auto uids = text ? find_field(*text, "Uid", ':') : std::nullopt;
  const auto words = uids ? split_ws(*uids) : std::vector<std::string_view>{};
  const auto uid = words.empty() ? std::nullopt : to_u64(words[0]);
  if (!uid || *uid > UINT32_MAX) return std::nullopt;
  return static_cast<std::uint32_t>(*uid);
}

std::optional<std::vector<std::string>> read_cmdline(const std::filesystem::path& procfs,
                                                     std::int64_t pid) {
  auto text = read_text(pid_dir(procfs, pid) / "cmdline", 256 * 1024);
  if (!text) return std::nullopt;
  std::vector<std::string> args;
  if (text->empty()) return args;
  if (text->back() == '\0') text->pop_back();
  std::size_t start = 0;
  for (std::size_t nul = text->find('\0'); nul != std::string::npos;
       nul = text->find('\0', start)) {
    args.push_back(text->substr(start, nul - start));
    start = nul + 1;
  }
  args.push_back(text->substr(start));
  return args;
}

std::string process_name(const std::string& comm, const std::vector<std::string>& args) {
  if (comm.size() < comm_limit || args.empty()) return comm;
  const std::string base = std::filesystem::path(args.front()).filename().string();
  return base.rfind(comm, 0) == 0 ? base : comm;
}

std::string join_args(const std::vector<std::string>& args) {
  std::string out;
  for (const auto& arg : args) {
    if (!out.empty()) out.push_back(' ');
    out += arg;
  }
  return out;
}

}  // namespace smistat::system
