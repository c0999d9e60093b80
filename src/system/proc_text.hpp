#pragma once
// Text reading and parsing for /proc and /sys files: their sizes are reported as 0, so they are
// read until a read comes back short (kept_file.hpp), and every number is parsed without throwing
// (a garbled file is data, not a crash).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smistat::system {

/** The whole file, at most `limit` bytes; nullopt when it cannot be opened or read. */
std::optional<std::string> read_text(const std::filesystem::path& path,
                                     std::size_t limit = std::size_t{1} << 20);

/** The first line of the file without surrounding whitespace; "" when unreadable. */
std::string read_line(const std::filesystem::path& path);

/** `s` without leading and trailing ASCII whitespace. */
std::string_view trim(std::string_view s);

/** Splits on runs of ASCII whitespace; no empty pieces. */
std::vector<std::string_view> split_ws(std::string_view s);

/** Splits into lines on '\n' (a final newline gives no empty last line). */
std::vector<std::string_view> split_lines(std::string_view s);

/** A whole-token unsigned decimal; nullopt on anything else. */
std::optional<std::uint64_t> to_u64(std::string_view s);

/** A whole-token signed decimal; nullopt on anything else. */
std::optional<std::int64_t> to_i64(std::string_view s);

/** A whole-token decimal floating-point number; nullopt on anything else. */
std::optional<double> to_double(std::string_view s);

/** The value of `key` in "key<sep>value" lines (/proc/cpuinfo, meminfo, status), trimmed. */
std::optional<std::string_view> find_field(std::string_view text, std::string_view key, char sep);

/** Undoes the octal escapes of /proc/mounts ("\040" is a space). */
std::string decode_mount_escapes(std::string_view s);

}  // namespace smistat::system
