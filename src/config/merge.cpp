#include "src/config/merge.hpp"

namespace smistat::config_detail {

layer merge(const sources& s) {
  layer merged = s.config_file;
  // Lowest to highest; each layer replaces what the ones below it set.
  for (const layer* l : {&s.dotenv_plain, &s.dotenv_smistat, &s.environment_plain,
                         &s.environment_smistat, &s.command_line})
    for (const auto& [key, value] : *l) merged.insert_or_assign(key, value);
  return merged;
}

}  // namespace smistat::config_detail
