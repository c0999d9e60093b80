// load_config: reads every source, ranks them and converts the winners. Each step lives in its
// own file; this one only fixes their order.
#include <utility>

#include "src/config/command_line.hpp"
#include "src/config/config.hpp"
#include "src/config/environment.hpp"
#include "src/config/lower_sources.hpp"
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
  config_detail::lower_sources lower =
      config_detail::read_lower_sources(cli.config_file, environment, dotenv_path);
  out.warnings = std::move(lower.warnings);
  out.config_file = std::move(lower.config_file);
  config_detail::sources& found = lower.layers;
  found.command_line = cli.values;
  out.cfg = config_detail::validated(config_detail::merge(found));
  out.cfg.cuda_visible_devices = config_detail::cuda_visible_devices(environment, lower.dotenv);
  return out;
}

}  // namespace smistat
