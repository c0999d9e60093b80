#pragma once
// The fields smistat asks nvidia-smi for: the catalogue's rows that are asked
// (field_catalogue.hpp). Each wanted field lists the names it has had across drivers, newest first;
// the collector keeps the first one the driver's --help-query-gpu knows.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/help_query_gpu.hpp"

namespace smistat::parsers {

struct wanted_field {
  std::string_view key;                     ///< smistat's name for it (the newest canonical name)
  std::span<const std::string_view> names;  ///< names to try, newest first
  bool offered_only = false;  ///< asked only once the driver's --help-query-gpu lists it
};

/** Every field any renderer reads, in query order; `index` first. */
std::span<const wanted_field> default_query_fields() noexcept;

/** Fields of the default set the catalog knows, each as the name to put in the query. The
 *  result pairs the key with the query name. An empty catalog (not discovered yet, or discovery
 *  failed) yields every field's newest name but those asked only when offered. */
struct resolved_field {
  std::string key;
  std::string query_name;
  friend bool operator==(const resolved_field&, const resolved_field&) = default;
};
std::vector<resolved_field> resolve_query_fields(const query_field_catalog& catalog);

/** The `--query-compute-apps` fields smistat asks for. */
std::span<const std::string_view> default_compute_app_fields() noexcept;

}  // namespace smistat::parsers
