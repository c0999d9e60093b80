#pragma once
// What a fuzz entry does when a property of its input's result fails: names the property and
// aborts, so libFuzzer keeps the input as a crash and the regression test fails on it.

#include <string_view>

namespace smistat::fuzz {

/** Prints `property` (and `detail`, when given) to stderr and aborts. */
[[noreturn]] void property_failed(std::string_view property, std::string_view detail = {});

/** property_failed unless `holds`. */
inline void expect(bool holds, std::string_view property, std::string_view detail = {}) {
  if (!holds) property_failed(property, detail);
}

/** A message meant to be one line: non-empty and without a line break. */
void expect_one_line(std::string_view message, std::string_view property);

}  // namespace smistat::fuzz
