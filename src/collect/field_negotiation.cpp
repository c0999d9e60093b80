#include "src/collect/field_negotiation.hpp"

#include <algorithm>
#include <utility>

#include "src/common/log.hpp"

namespace smistat::collect {

std::span<const parsers::resolved_field> field_negotiation::ask() {
  asked_.assign(fields_.fields().begin(), fields_.fields().end());
  return asked_;
}

bool field_negotiation::apply(const parsers::query_field_catalog& catalog) {
  if (catalog.fields.empty()) return false;
  const std::vector<parsers::resolved_field> before(fields_.fields().begin(),
                                                    fields_.fields().end());
  fields_.apply(catalog);
  return !std::equal(before.begin(), before.end(), fields_.fields().begin(),
                     fields_.fields().end());
}

bool field_negotiation::take_waiting() noexcept {
  return std::exchange(waiting_for_catalog_, false);
}

rejection_step field_negotiation::on_rejected(const std::string& field, bool catalog_in_flight) {
  // The first query asks for the newest names; the driver's own list tells which it knows.
  if (!fields_.discovered() && catalog_in_flight) {
    waiting_for_catalog_ = true;
    return rejection_step::wait_for_catalog;
  }
  // The driver's list may have come in while this query ran: then the field is already gone,
  // and the query is asked again at once rather than a whole interval later.
  const auto current = fields_.fields();
  const bool still_asked = std::any_of(current.begin(), current.end(),
                                       [&](const auto& f) { return f.query_name == field; });
  if (still_asked) return drop(field) ? rejection_step::ask_again : rejection_step::give_up;
  // Once only: a rejection naming a field this list does not hold must not loop.
  if (!fields_.discovered() || asked_again_after_discovery_) return rejection_step::give_up;
  asked_again_after_discovery_ = true;
  return rejection_step::ask_again;
}

bool field_negotiation::drop(const std::string& field) {
  if (!fields_.drop(field, max_drops_)) return false;
  log::warning("collector: nvidia-smi rejected field " + field + "; dropped");
  return true;
}

}  // namespace smistat::collect
