#include "src/common/log.hpp"

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <string>

namespace smistat::log {
namespace {

std::atomic<level> threshold{level::info};
std::atomic<format> line_format{format::human};

std::string lower(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

void set_level(level l) noexcept { threshold.store(l, std::memory_order_relaxed); }
level current_level() noexcept { return threshold.load(std::memory_order_relaxed); }

bool parse_level(std::string_view text, level& out) noexcept {
  const std::string wanted = lower(text);
  for (level l : {level::trace, level::debug, level::info, level::warning, level::error,
                  level::critical, level::off}) {
    if (wanted == level_name(l, format::json) || (l == level::warning && wanted == "warn")) {
      out = l;
      return true;
    }
  }
  return false;
}

void set_format(format f) noexcept { line_format.store(f, std::memory_order_relaxed); }
format current_format() noexcept { return line_format.load(std::memory_order_relaxed); }

bool parse_format(std::string_view text, format& out) noexcept {
  if (text == "human")
    out = format::human;
  else if (text == "logfmt")
    out = format::logfmt;
  else if (text == "json")
    out = format::json;
  else
    return false;
  return true;
}

void write(level l, std::string_view message, std::span<const field> fields) {
  const std::string line =
      format_line(current_format(), std::chrono::system_clock::now(), l, message, fields);
  // One write(2) per line keeps concurrent lines whole.
  [[maybe_unused]] const auto written = ::write(STDERR_FILENO, line.data(), line.size());
}

}  // namespace smistat::log
