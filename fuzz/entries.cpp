#include "fuzz/entries.hpp"

#include <array>

namespace smistat::fuzz {
namespace {

constexpr std::array<entry, 15> table{{
    {"query_csv", query_csv},
    {"compute_apps", compute_apps},
    {"help_query_gpu", help_query_gpu},
    {"list_gpus", list_gpus},
    {"banner", banner},
    {"query_details", query_details},
    {"details_documents", details_documents},
    {"version", version},
    {"smi_failure", smi_failure},
    {"query_batcher", query_batcher},
    {"xid_line", xid_line},
    {"http_session", http_session},
    {"config_dotenv", config_dotenv},
    {"config_file", config_file},
    {"config_environment", config_environment},
}};

}  // namespace

std::span<const entry> entries() noexcept { return table; }

const entry* find_entry(std::string_view name) noexcept {
  for (const entry& e : table)
    if (e.name == name) return &e;
  return nullptr;
}

}  // namespace smistat::fuzz
