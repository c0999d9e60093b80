#include "src/record/identity_mask.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <utility>

#include "src/common/text.hpp"
#include "src/record/identity_fields.hpp"

namespace smistat::record {
namespace {

constexpr std::string_view redacted_host = "redacted-host";
constexpr std::size_t uuid_length = 36;  // 8-4-4-4-12 hex digits

bool is_hex(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_alnum(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/** An 8-4-4-4-12 hex UUID starts at `i`, not glued to letters or digits on either side. */
bool uuid_at(std::string_view text, std::size_t i) {
  if (text.size() - i < uuid_length || (i > 0 && is_alnum(text[i - 1]))) return false;
  for (std::size_t k = 0; k < uuid_length; ++k) {
    const bool dash = k == 8 || k == 13 || k == 18 || k == 23;
    if (dash ? text[i + k] != '-' : !is_hex(text[i + k])) return false;
  }
  return i + uuid_length == text.size() || !is_alnum(text[i + uuid_length]);
}

/** `n` in `base`, left-padded with zeros to `width` digits (never cut). */
std::string padded(std::size_t n, std::size_t base, std::size_t width) {
  std::string digits;
  do {
    digits.insert(digits.begin(), "0123456789abcdef"[n % base]);
    n /= base;
  } while (n != 0);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

/** A number in the shape of `real`: `0x` and hex digits for `0x...`, else decimal digits, with
 *  the same length, so columns and parsers see what they saw. */
std::string shaped_number(std::string_view real, std::size_t n) {
  if (real.starts_with("0x") || real.starts_with("0X"))
    return std::string(real.substr(0, 2)) + padded(n, 16, real.size() - 2);
  return padded(n, 10, real.size());
}

// A dot joins words too: a host named like a word nvidia-smi prints must not rewrite the
// `utilization.gpu` of a CSV header.
bool is_word_char(char c) noexcept { return is_alnum(c) || c == '-' || c == '_' || c == '.'; }

/** `text` with whole-word occurrences of `word` replaced by `by`. */
std::string replace_word(std::string text, std::string_view word, std::string_view by) {
  std::size_t pos = 0;
  while ((pos = text.find(word, pos)) != std::string::npos) {
    const auto end = pos + word.size();
    const bool whole = (pos == 0 || !is_word_char(text[pos - 1])) &&
                       (end == text.size() || !is_word_char(text[end]));
    if (!whole) {
      pos = end;
      continue;
    }
    text.replace(pos, word.size(), by);
    pos += by.size();
  }
  return text;
}

/** The order that numbers GPUs by index: `-L`, the GPU query, compute apps, `-q` and `-q -x`,
 *  the rest. */
int reading_rank(std::string_view name) {
  if (name == "list-gpus.txt") return 0;
  if (name.starts_with("query-gpu.")) return 1;
  if (name.starts_with("compute-apps.")) return 2;
  if (name.starts_with("q.") || name.starts_with("q-x.")) return 3;
  return 4;
}

}  // namespace

identity_mask::identity_mask(std::vector<std::string> hostnames)
    : hostnames_(std::move(hostnames)) {
  // Longest first, so a qualified name is replaced whole before its first label is.
  std::sort(hostnames_.begin(), hostnames_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string identity_mask::fake_for(identity_kind kind, std::string_view real) {
  auto& table = seen_[kind];
  auto it = table.find(real);
  if (it == table.end()) it = table.emplace(std::string(real), table.size()).first;
  const std::size_t n = it->second;
  switch (kind) {
    case identity_kind::gpu_uuid: return "GPU-00000000-0000-0000-0000-" + padded(n, 16, 12);
    case identity_kind::mig_uuid:
      return "MIG-" + padded(n, 16, 8) + "-0000-0000-0000-" + padded(n, 16, 12);
    case identity_kind::bare_uuid: return "00000000-0000-0000-0000-" + padded(n, 16, 12);
    default: return shaped_number(real, n);
  }
}

std::size_t identity_mask::count(identity_kind kind) const {
  const auto it = seen_.find(kind);
  return it == seen_.end() ? 0 : it->second.size();
}

std::string identity_mask::mask_uuids(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_hex(text[i]) || !uuid_at(text, i)) {
      out += text[i++];
      continue;
    }
    // The GPU-/MIG- prefix is already copied; only the hex part is replaced, in its kind.
    const auto prefix = i >= 4 ? text.substr(i - 4, 4) : std::string_view();
    const auto real = text.substr(i, uuid_length);
    if (prefix == "GPU-" || prefix == "MIG-") {
      const auto kind = prefix == "GPU-" ? identity_kind::gpu_uuid : identity_kind::mig_uuid;
      out += fake_for(kind, std::string(prefix) + std::string(real)).substr(4);
    } else {
      out += fake_for(identity_kind::bare_uuid, real);
    }
    i += uuid_length;
  }
  return out;
}

std::string identity_mask::mask_hostnames(std::string text) const {
  for (const auto& name : hostnames_) text = replace_word(std::move(text), name, redacted_host);
  return text;
}

std::string identity_mask::mask(const recorded_file& file) {
  const detail::replace_value replace = [this](identity_kind kind, std::string_view real) {
    return fake_for(kind, real);
  };
  std::string text = file.text;
  if (file.name.starts_with("q.")) text = detail::mask_details_lines(text, replace);
  if (file.name.ends_with(".csv")) text = detail::mask_csv_columns(text, replace);
  if (file.name.ends_with(".xml")) text = detail::mask_xml_elements(text, replace);
  return mask_hostnames(mask_uuids(text));
}

std::vector<recorded_file> mask_recording(std::vector<recorded_file> files, identity_mask& mask) {
  std::vector<std::size_t> order(files.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&files](std::size_t a, std::size_t b) {
    return std::pair(reading_rank(files[a].name), files[a].name) <
           std::pair(reading_rank(files[b].name), files[b].name);
  });
  for (const auto i : order) files[i].text = mask.mask(files[i]);
  return files;
}

std::vector<std::string> local_hostnames() {
  std::array<char, 256> buf{};
  if (::gethostname(buf.data(), buf.size() - 1) != 0) return {};
  const std::string full = buf.data();
  std::vector<std::string> names;
  const auto add = [&names](const std::string& name) {
    // Two letters would match too much of nvidia-smi's own text to be worth hiding.
    if (name.size() < 3 || name == "localhost" ||
        std::find(names.begin(), names.end(), name) != names.end())
      return;
    names.push_back(name);
  };
  add(full);
  add(full.substr(0, full.find('.')));
  add(common::ascii_lowercase(full));
  add(common::ascii_lowercase(full.substr(0, full.find('.'))));
  return names;
}

}  // namespace smistat::record
