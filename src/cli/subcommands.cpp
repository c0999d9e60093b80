#include "src/cli/subcommands.hpp"

#include <array>

#include "src/cli/available_command.hpp"
#include "src/cli/list_command.hpp"
#include "src/cli/record_subcommand.hpp"

namespace smistat::cli {
namespace {

constexpr std::array table{
    subcommand{"list", &run_list},
    subcommand{"nvl", &run_list},  // nvgpu's short name
    subcommand{"available", &run_available},
    subcommand{"record", &run_record},
};

}  // namespace

std::span<const subcommand> subcommands() noexcept { return table; }

const subcommand* find_subcommand(std::string_view name) noexcept {
  for (const auto& s : table)
    if (s.name == name) return &s;
  return nullptr;
}

}  // namespace smistat::cli
