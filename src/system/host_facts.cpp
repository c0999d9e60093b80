#include "src/system/host_facts.hpp"

#include <gnu/libc-version.h>
#include <pwd.h>
#include <sys/statvfs.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <vector>

#include "src/system/proc_text.hpp"

namespace smistat::system {
namespace {

std::uint64_t positive_sysconf(int name, std::uint64_t fallback) {
  const long value = ::sysconf(name);
  return value > 0 ? static_cast<std::uint64_t>(value) : fallback;
}

host_facts live_facts() {
  host_facts facts;
  struct utsname names {};
  if (::uname(&names) == 0) facts.machine = names.machine;
  facts.glibc_version = ::gnu_get_libc_version();
  facts.page_size = positive_sysconf(_SC_PAGESIZE, facts.page_size);
  facts.clock_ticks = positive_sysconf(_SC_CLK_TCK, facts.clock_ticks);
  return facts;
}

host_facts recorded_facts(const std::filesystem::path& root) {
  host_facts facts;
  facts.machine = read_line(root / "proc/sys/kernel/arch");
  const std::string text = read_text(root / "libc.txt").value_or("");
  for (const std::string_view line : split_lines(text)) {
    const auto words = split_ws(line);
    if (words.size() != 2) continue;
    if (words[0] == "glibc_version") facts.glibc_version = std::string(words[1]);
    const auto number = to_u64(words[1]);
    if (!number || *number == 0) continue;  // a zero would divide later
    if (words[0] == "page_size") facts.page_size = *number;
    if (words[0] == "clock_ticks") facts.clock_ticks = *number;
  }
  return facts;
}

std::optional<fs_space> live_space(const std::string& mount_point) {
  struct statvfs st {};
  if (::statvfs(mount_point.c_str(), &st) != 0) return std::nullopt;
  return fs_space{st.f_frsize, st.f_blocks, st.f_bfree, st.f_bavail};
}

}  // namespace

bool is_live_root(const std::filesystem::path& root) { return root == std::filesystem::path("/"); }

host_facts load_host_facts(const std::filesystem::path& root) {
  return is_live_root(root) ? live_facts() : recorded_facts(root);
}

space_source::space_source(const std::filesystem::path& root) : live_(is_live_root(root)) {
  if (live_) return;
  // One line per mount point: "<mount point, /proc/mounts escapes> frsize blocks bfree bavail".
  const std::string text = read_text(root / "statvfs.txt").value_or("");
  for (const std::string_view line : split_lines(text)) {
    const auto words = split_ws(line);
    if (words.size() != 5) continue;
    const auto frsize = to_u64(words[1]), blocks = to_u64(words[2]);
    const auto bfree = to_u64(words[3]), bavail = to_u64(words[4]);
    if (!frsize || !blocks || !bfree || !bavail) continue;
    recorded_[decode_mount_escapes(words[0])] = fs_space{*frsize, *blocks, *bfree, *bavail};
  }
}

std::optional<fs_space> space_source::query(const std::string& mount_point) const {
  if (live_) return live_space(mount_point);
  const auto it = recorded_.find(mount_point);
  if (it == recorded_.end()) return std::nullopt;
  return it->second;
}

user_names::user_names(const std::filesystem::path& root) : live_(is_live_root(root)) {
  if (live_) return;
  const std::string text = read_text(root / "etc/passwd").value_or("");
  for (const std::string_view line : split_lines(text)) {
    const std::size_t first = line.find(':');
    const std::size_t second = line.find(':', first == std::string_view::npos ? first : first + 1);
    if (first == std::string_view::npos || second == std::string_view::npos) continue;
    const std::size_t third = line.find(':', second + 1);
    const auto uid = to_u64(line.substr(second + 1, third - second - 1));
    if (!uid || *uid > UINT32_MAX) continue;
    recorded_.emplace(static_cast<std::uint32_t>(*uid), std::string(line.substr(0, first)));
  }
}

std::string user_names::name_of(std::uint32_t uid) const {
  if (!live_) {
    const auto it = recorded_.find(uid);
    return it == recorded_.end() ? std::to_string(uid) : it->second;
  }
  // A renamed or new user shows up within this long; a uid's name rarely changes at all.
  constexpr auto keep_for = std::chrono::minutes(1);
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  auto& entry = live_names_[uid];
  if (entry.until <= now || entry.name.empty()) entry = {look_up(uid), now + keep_for};
  return entry.name;
}

std::string user_names::look_up(std::uint32_t uid) const {
  struct passwd entry {};
  struct passwd* found = nullptr;
  std::vector<char> buffer(16384);
  if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr) {
    return std::to_string(uid);
  }
  return entry.pw_name;
}

}  // namespace smistat::system
