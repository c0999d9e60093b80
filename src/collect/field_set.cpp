#include "src/collect/field_set.hpp"

#include <algorithm>

namespace smistat::collect {

field_set::field_set() : fields_(parsers::resolve_query_fields({})) {}

std::size_t field_set::index_column() const noexcept {
  const auto it =
      std::find_if(fields_.begin(), fields_.end(), [](const auto& f) { return f.key == "index"; });
  return static_cast<std::size_t>(it - fields_.begin());
}

void field_set::apply(const parsers::query_field_catalog& catalog) {
  if (catalog.fields.empty()) return;
  fields_ = parsers::resolve_query_fields(catalog);
  discovered_ = true;
  drops_ = 0;
}

void field_set::reset() {
  fields_ = parsers::resolve_query_fields({});
  discovered_ = false;
  drops_ = 0;
}

bool field_set::drop(const std::string& query_name, unsigned max_drops) {
  if (drops_ >= max_drops) return false;
  const auto it = std::find_if(fields_.begin(), fields_.end(),
                               [&](const auto& f) { return f.query_name == query_name; });
  if (it == fields_.end()) return false;
  fields_.erase(it);
  ++drops_;
  return true;
}

}  // namespace smistat::collect
