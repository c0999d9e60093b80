#pragma once
// `nvidia-smi --help-query-gpu`: every field the driver knows, with its aliases.

#include <string>
#include <string_view>
#include <vector>

namespace smistat::parsers {

struct query_field_help {
  std::string name;                  ///< canonical name, as printed in CSV headers
  std::vector<std::string> aliases;  ///< other accepted names (`clocks.gr`, `gpu_name`, ...)
  std::string description;           ///< the paragraph under the name, lines joined by `\n`
  friend bool operator==(const query_field_help&, const query_field_help&) = default;
};

struct query_field_catalog {
  std::vector<query_field_help> fields;  ///< in help order (the order of an all-fields query)

  /** The field whose name or alias is `name_or_alias`; nullptr when unknown. */
  const query_field_help* find(std::string_view name_or_alias) const noexcept;
};

/** Parses the help text. Lines made only of quoted names joined by ` or ` start a field;
 *  `Section about ...` headings and descriptions are not fields. Never fails: unknown text
 *  yields an empty catalog. */
query_field_catalog parse_help_query_gpu(std::string_view text);

}  // namespace smistat::parsers
