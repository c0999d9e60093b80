#pragma once
// How the GPU query settles on fields the driver accepts. nvidia-smi refuses a whole query for
// one field it does not know, so a rejected field is answered by waiting for the driver's own
// list (when it is still being read), by dropping the field, or by asking once more when the
// list has already removed it; never by a loop.

#include <span>
#include <string>
#include <vector>

#include "parsers/help_query_gpu.hpp"
#include "parsers/query_fields.hpp"
#include "src/collect/field_set.hpp"

namespace smistat::collect {

/** What the GPU query does about a field nvidia-smi rejected. */
enum class rejection_step {
  wait_for_catalog,  ///< the driver's list is being read: ask again once it is applied
  ask_again,         ///< the set changed: ask again at once rather than an interval later
  give_up,           ///< nothing left to try: the run stands as a failure
};

class field_negotiation {
 public:
  /** `max_drops`: how many rejected fields may be dropped per catalog. */
  explicit field_negotiation(unsigned max_drops) : max_drops_(max_drops) {}

  /** The fields to ask for now. */
  std::span<const parsers::resolved_field> fields() const noexcept { return fields_.fields(); }
  /** Notes the fields of the query now starting and returns them. The driver's list may arrive
   *  while the query runs and change the set: its answer is read against these. */
  std::span<const parsers::resolved_field> ask();
  /** The fields of the query last started with ask(). */
  std::span<const parsers::resolved_field> asked() const noexcept { return asked_; }

  /** True once the driver's own list has been applied. */
  bool discovered() const noexcept { return fields_.discovered(); }
  /** Narrows the set to the driver's list; true when the set changed. */
  bool apply(const parsers::query_field_catalog& catalog);
  /** True once, after on_rejected chose to wait for the catalog. */
  bool take_waiting() noexcept;

  /** Decides about `field`, rejected by a one-shot query; `catalog_in_flight`: the driver's
   *  list is being read. */
  rejection_step on_rejected(const std::string& field, bool catalog_in_flight);
  /** Drops `field`, rejected by the loop child; false when it cannot be dropped. */
  bool drop(const std::string& field);

 private:
  field_set fields_;
  std::vector<parsers::resolved_field> asked_;
  unsigned max_drops_;
  bool waiting_for_catalog_ = false;
  bool asked_again_after_discovery_ = false;  ///< a rejection the catalog had already resolved
};

}  // namespace smistat::collect
