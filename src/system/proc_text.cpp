#include "src/system/proc_text.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>

#include "src/system/kept_file.hpp"

namespace smistat::system {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'; }

/** Closes a descriptor when the read is done, whichever way it ends. */
class descriptor {
 public:
  explicit descriptor(int fd) : fd_(fd) {}
  descriptor(const descriptor&) = delete;
  descriptor& operator=(const descriptor&) = delete;
  ~descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

template <typename T>
std::optional<T> parse_whole(std::string_view s) {
  s = trim(s);
  T value{};
  const auto* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, value);
  if (s.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

}  // namespace

std::optional<std::string> read_text(const std::filesystem::path& path, std::size_t limit) {
  // open/read rather than stdio: the host part reads a hundred small /proc files a second, and a
  // FILE costs an allocation, an fstat and a copy through its buffer for each.
  const descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) return std::nullopt;
  std::string text;
  if (!read_whole(file.get(), text, limit, false)) return std::nullopt;
  return text;
}

std::string read_line(const std::filesystem::path& path) {
  const auto text = read_text(path, 4096);
  if (!text) return {};
  const std::string_view all(*text);
  return std::string(trim(all.substr(0, all.find('\n'))));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_ws(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    const std::size_t start = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const std::size_t nl = s.find('\n');
    out.push_back(s.substr(0, nl));
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return out;
}

std::optional<std::uint64_t> to_u64(std::string_view s) { return parse_whole<std::uint64_t>(s); }

std::optional<std::int64_t> to_i64(std::string_view s) { return parse_whole<std::int64_t>(s); }

std::optional<double> to_double(std::string_view s) { return parse_whole<double>(s); }

std::optional<std::string_view> find_field(std::string_view text, std::string_view key, char sep) {
  for (const std::string_view line : split_lines(text)) {
    const std::size_t at = line.find(sep);
    if (at == std::string_view::npos) continue;
    if (trim(line.substr(0, at)) == key) return trim(line.substr(at + 1));
  }
  return std::nullopt;
}

std::string decode_mount_escapes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool octal = s[i] == '\\' && s.size() - i >= 4 && s[i + 1] >= '0' && s[i + 1] <= '3' &&
                       s[i + 2] >= '0' && s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7';
    if (!octal) {
      out.push_back(s[i]);
      continue;
    }
    const int code = (s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0');
    out.push_back(static_cast<char>(code));
    i += 3;
  }
  return out;
}

}  // namespace smistat::system
