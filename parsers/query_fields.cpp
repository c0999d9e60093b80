#include "parsers/query_fields.hpp"

#include <array>

#include "parsers/field_catalogue.hpp"

namespace smistat::parsers {
namespace {

// The catalogue's rows that are asked for, in its order; the names point into the catalogue.
std::vector<wanted_field> make_wanted() {
  std::vector<wanted_field> out;
  for (const auto& row : field_catalogue())
    if (row.ask != asked::never)
      out.push_back({row.name(), row.all_names(), row.ask == asked::when_offered});
  return out;
}

// A function-local static: callers in other translation units may run during static init.
const std::vector<wanted_field>& wanted() {
  static const auto table = make_wanted();
  return table;
}

// `used_gpu_memory` is the canonical name (`used_memory` is its alias); the header says so.
constexpr std::array<std::string_view, 4> compute_app_fields{"gpu_uuid", "pid", "process_name",
                                                             "used_gpu_memory"};

}  // namespace

std::span<const wanted_field> default_query_fields() noexcept { return wanted(); }

std::vector<resolved_field> resolve_query_fields(const query_field_catalog& catalog) {
  std::vector<resolved_field> out;
  out.reserve(wanted().size());
  for (const auto& w : wanted()) {
    if (catalog.fields.empty()) {
      if (w.offered_only) continue;
      out.push_back({std::string(w.key), std::string(w.names.front())});
      continue;
    }
    for (const auto name : w.names) {
      // Ask under the driver's own canonical name so the header echoes what was asked.
      if (const auto* known = catalog.find(name)) {
        out.push_back({std::string(w.key), known->name});
        break;
      }
    }
  }
  return out;
}

std::span<const std::string_view> default_compute_app_fields() noexcept {
  return compute_app_fields;
}

}  // namespace smistat::parsers
