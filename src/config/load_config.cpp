// load_config: reads every source, ranks them and converts the winners. Each step lives in its
// own file; this one only fixes their order.
#include <utility>

#include "src/config/command_line.hpp"
#include "src/config/config.hpp"
#include "src/config/config_file.hpp"
#include "src/config/dotenv_file.hpp"
#include "src/config/environment.hpp"
#include "src/config/merge.hpp"
#include "src/config/validate.hpp"

namespace smistat {

loaded_config load_config(int argc, const char* const* argv,
                          const std::map<std::string, std::string>& environment,
                          const std::string& dotenv_path) {
  const config_detail::command_line cli = config_detail::parse_command_line(argc, argv);
  loaded_config out;
  // --help and --version must work even when the settings that broke the start are still set,
  // so nothing else is read for them.
  if (cli.help || cli.version) {
    out.action = cli.help ? config_action::help : config_action::version;
    if (cli.help) out.help_text = help_text();
    return out;
  }
  config_detail::dotenv_file dotenv = config_detail::read_dotenv(dotenv_path, environment);
  out.warnings = std::move(dotenv.warnings);
  config_detail::sources found;
  if (const auto file =
          config_detail::config_path(cli.config_file, environment, dotenv.values, dotenv_path)) {
    found.config_file = config_detail::config_file_layer(*file);
    out.config_file = file->text;
  }
  using config_detail::env_layer, config_detail::env_names;
  const std::string in_dotenv = " in " + dotenv_path;
  found.dotenv_plain = env_layer(dotenv.values, env_names::plain, in_dotenv);
  found.dotenv_smistat = env_layer(dotenv.values, env_names::smistat, in_dotenv);
  found.environment_plain = env_layer(environment, env_names::plain, "");
  found.environment_smistat = env_layer(environment, env_names::smistat, "");
  found.command_line = cli.values;
  out.cfg = config_detail::validated(config_detail::merge(found));
  out.cfg.cuda_visible_devices = config_detail::cuda_visible_devices(environment, dotenv.values);
  return out;
}

}  // namespace smistat
