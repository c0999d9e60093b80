#include "src/common/log.hpp"

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <ctime>
#include <string>

namespace smistat::log {
namespace {

std::atomic<level> threshold{level::info};

std::string_view name_of(level l) noexcept {
  switch (l) {
    case level::trace: return "TRACE";
    case level::debug: return "DEBUG";
    case level::info: return "INFO";
    case level::warning: return "WARNING";
    case level::error: return "ERROR";
    case level::critical: return "CRITICAL";
    case level::off: return "OFF";
  }
  return "INFO";
}

}  // namespace

void set_level(level l) noexcept { threshold.store(l, std::memory_order_relaxed); }
level current_level() noexcept { return threshold.load(std::memory_order_relaxed); }

bool parse_level(std::string_view text, level& out) noexcept {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (level l : {level::trace, level::debug, level::info, level::warning, level::error,
                  level::critical, level::off}) {
    std::string name;
    for (char c : name_of(l))
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == name || (l == level::warning && lower == "warn")) {
      out = l;
      return true;
    }
  }
  return false;
}

void write(level l, std::string_view message) {
  const auto now = std::chrono::system_clock::now();
  const auto t = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  const auto n = std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string line(stamp, n);
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03dZ ", static_cast<int>(ms));
  line += frac;
  line += name_of(l);
  line += ' ';
  line += message;
  line += '\n';
  // One write(2) per line keeps concurrent lines whole.
  [[maybe_unused]] const auto written = ::write(STDERR_FILENO, line.data(), line.size());
}

}  // namespace smistat::log
