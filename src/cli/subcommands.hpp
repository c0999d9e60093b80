#pragma once
// The subcommands besides `serve` (the default): one row each, so adding one is one line.

#include <span>
#include <string_view>

#include "src/cli/arguments.hpp"

namespace smistat::cli {

struct subcommand {
  std::string_view name;
  int (*run)(const invocation&);
};

/** Every subcommand, aliases included. */
std::span<const subcommand> subcommands() noexcept;

/** The subcommand called `name`, or nullptr (then smistat serves). */
const subcommand* find_subcommand(std::string_view name) noexcept;

}  // namespace smistat::cli
