#include "parsers/column_map.hpp"

namespace smistat::parsers {

column_map::column_map(std::vector<std::string> fields)
    : fields_(std::move(fields)), by_handle_(field_catalogue().size(), -1) {
  // Only a field's key (its newest name) names its handle's column, as a lookup by name would
  // find it: an older name in the list is text this map keeps but no handle reads.
  for (const auto& row : field_catalogue())
    by_handle_[static_cast<std::size_t>(row.field)] = column(row.name());
}

std::shared_ptr<const column_map> column_map::make(std::span<const std::string> fields) {
  return std::make_shared<const column_map>(std::vector<std::string>(fields.begin(), fields.end()));
}

int column_map::column(std::string_view field) const noexcept {
  for (std::size_t i = 0; i < fields_.size(); ++i)
    if (fields_[i] == field) return static_cast<int>(i);
  return -1;
}

int column_map::column(gpu_field field) const noexcept {
  const auto handle = static_cast<std::size_t>(field);
  return handle < by_handle_.size() ? by_handle_[handle] : -1;
}

std::shared_ptr<const column_map> column_map::with(std::string_view field) const {
  auto fields = fields_;
  fields.emplace_back(field);
  return std::make_shared<const column_map>(std::move(fields));
}

}  // namespace smistat::parsers
