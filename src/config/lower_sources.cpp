#include "src/config/lower_sources.hpp"

#include <utility>

#include "src/config/config_file.hpp"
#include "src/config/dotenv_file.hpp"
#include "src/config/environment.hpp"

namespace smistat::config_detail {

lower_sources read_lower_sources(const std::optional<raw_value>& config_flag,
                                 const env_map& environment, const std::string& dotenv_path) {
  dotenv_file dotenv = read_dotenv(dotenv_path, environment);
  lower_sources out;
  out.warnings = std::move(dotenv.warnings);
  if (const auto file = config_path(config_flag, environment, dotenv.values, dotenv_path)) {
    out.layers.config_file = config_file_layer(*file);
    out.config_file = file->text;
  }
  const std::string in_dotenv = " in " + dotenv_path;
  out.layers.dotenv_plain = env_layer(dotenv.values, env_names::plain, in_dotenv);
  out.layers.dotenv_smistat = env_layer(dotenv.values, env_names::smistat, in_dotenv);
  out.layers.environment_plain = env_layer(environment, env_names::plain, "");
  out.layers.environment_smistat = env_layer(environment, env_names::smistat, "");
  out.dotenv = std::move(dotenv.values);
  return out;
}

}  // namespace smistat::config_detail
