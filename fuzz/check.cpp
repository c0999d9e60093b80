#include "fuzz/check.hpp"

#include <cstdio>
#include <cstdlib>

namespace smistat::fuzz {

void property_failed(std::string_view property, std::string_view detail) {
  std::fprintf(stderr, "fuzz property failed: %.*s\n", static_cast<int>(property.size()),
               property.data());
  if (!detail.empty())
    std::fprintf(stderr, "  detail: %.*s\n", static_cast<int>(detail.size()), detail.data());
  std::abort();
}

void expect_one_line(std::string_view message, std::string_view property) {
  expect(!message.empty(), property, "empty message");
  expect(message.find_first_of("\r\n") == std::string_view::npos, property, message);
}

}  // namespace smistat::fuzz
