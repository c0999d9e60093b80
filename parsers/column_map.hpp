#pragma once
// The columns of a query table: the field names asked for, in order, and where each catalogue
// field sits among them. Every table parsed for one request has the same columns, so the tables
// share one map rather than each copying the names; and a renderer's lookup by handle, which
// happens for every figure it writes, is one array read instead of a scan of the names.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/field_catalogue.hpp"

namespace smistat::parsers {

class column_map {
 public:
  explicit column_map(std::vector<std::string> fields);

  /** A shared map of `fields`, as tables hold it. */
  static std::shared_ptr<const column_map> make(std::span<const std::string> fields);

  /** The names, in column order. */
  const std::vector<std::string>& fields() const noexcept { return fields_; }
  std::size_t size() const noexcept { return fields_.size(); }

  /** Column of a field name (the first, should one be asked twice), or -1. */
  int column(std::string_view field) const noexcept;
  /** Column of a catalogue field, named by its key (its newest name), or -1. */
  int column(gpu_field field) const noexcept;

  /** These columns and `field` after them: a column derived from the others. */
  std::shared_ptr<const column_map> with(std::string_view field) const;

 private:
  std::vector<std::string> fields_;
  std::vector<std::int32_t> by_handle_;  ///< indexed by gpu_field; -1 where not asked
};

}  // namespace smistat::parsers
