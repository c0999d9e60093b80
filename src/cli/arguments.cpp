#include "src/cli/arguments.hpp"

#include <array>
#include <boost/program_options/parsers.hpp>
#include <boost/program_options/value_semantic.hpp>
#include <string_view>

#include "src/app/module_options.hpp"
#include "src/app/nvidia_smi_source.hpp"
#include "src/common/log.hpp"

namespace smistat::cli {

namespace po = boost::program_options;

namespace {

/** The tools' spelling of each shared setting, and the server's name for it. */
struct shared_name {
  const char* tool;
  std::string_view server;
};

constexpr std::array shared_names{
    shared_name{"nvidia-smi", "nvidia-smi"},
    shared_name{"replay", "replay"},
    shared_name{"timeout", "collect-timeout"},
    shared_name{"path.procfs", "path.procfs"},
};

}  // namespace

po::variables_map parse_arguments(const po::options_description& options,
                                  const std::vector<std::string>& args) {
  po::variables_map vm;
  try {
    // No positional words: a stray word is an error, not silently ignored.
    po::store(po::command_line_parser(args).options(options).positional({}).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw usage_error(e.what());
  }
  return vm;
}

void add_machine_source_options(po::options_description& options) {
  // No default values here: a default would hide the environment, .env and the config file.
  options.add_options()("nvidia-smi", po::value<std::string>()->value_name("PATH"),
                        "the nvidia-smi to run, a path or a name looked up on PATH (default "
                        "nvidia-smi; also SMISTAT_NVIDIA_SMI, as the server reads it)")(
      "replay", po::value<std::string>()->value_name("auto|DIR"),
      "run the bundled nvidia-smi-replay on a recorded machine folder; auto: only when no "
      "nvidia-smi is on PATH")("timeout", po::value<std::string>()->value_name("SECONDS"),
                               "deadline of each nvidia-smi run (default 10; also "
                               "SMISTAT_COLLECT_TIMEOUT)")(
      "path.procfs", po::value<std::string>()->value_name("DIR"),
      "where the processes' users, commands and cgroups are read (default /proc; a host /proc "
      "mounted into a container)")(
      "config", po::value<std::string>()->value_name("FILE"),
      "read the settings above from the server's config file (also SMISTAT_CONFIG)");
}

tool_command_line shared_command_line(const po::variables_map& vm) {
  tool_command_line out;
  for (const auto& name : shared_names)
    if (vm.count(name.tool))
      out.values.emplace(std::string(name.server),
                         tool_value{name.tool, vm[name.tool].as<std::string>()});
  if (vm.count("config")) out.config_file = vm["config"].as<std::string>();
  return out;
}

machine_source read_machine_source(const tool_command_line& given,
                                   const std::map<std::string, std::string>& environment) {
  std::array<std::string_view, shared_names.size()> names{};
  for (std::size_t i = 0; i < shared_names.size(); ++i) names[i] = shared_names[i].server;
  try {
    const tool_config loaded = load_tool_config(given, names, environment);
    for (const auto& w : loaded.warnings) log::warning(w);
    const auto chosen = app::choose_nvidia_smi_source(loaded.cfg);
    return {app::collector_options_from(loaded.cfg, chosen.program), loaded.cfg.collect_timeout,
            loaded.set_options.contains("collect-timeout")};
  } catch (const config_error& e) {
    throw usage_error(e.what());
  }
}

}  // namespace smistat::cli
