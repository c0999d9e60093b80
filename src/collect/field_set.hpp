#pragma once
// The fields the GPU query asks for. One unknown field fails the whole query, so the set starts
// from the newest names (the first query need not wait for discovery), is narrowed to what the
// driver's `--help-query-gpu` lists once that is known, and drops a field nvidia-smi rejects.

#include <span>
#include <string>
#include <vector>

#include "parsers/help_query_gpu.hpp"
#include "parsers/query_fields.hpp"

namespace smistat::collect {

class field_set {
 public:
  /** Every default field under its newest name. */
  field_set();

  std::span<const parsers::resolved_field> fields() const noexcept { return fields_; }
  /** The position of `index` in the query, or fields().size() when it is not asked for. */
  std::size_t index_column() const noexcept;

  /** True once a catalog from `--help-query-gpu` has been applied. */
  bool discovered() const noexcept { return discovered_; }
  /** Narrows the set to the fields `catalog` names (by their names on that driver). An empty
   *  catalog (discovery failed) changes nothing. Resets the rejection budget. */
  void apply(const parsers::query_field_catalog& catalog);
  /** Starts again from the newest names, for a new driver (discovery follows). */
  void reset();

  /** Drops the field asked for as `query_name`; false when it is not in the set or the budget
   *  of `max_drops` since the last catalog is spent. */
  bool drop(const std::string& query_name, unsigned max_drops);

 private:
  std::vector<parsers::resolved_field> fields_;
  bool discovered_ = false;
  unsigned drops_ = 0;
};

}  // namespace smistat::collect
