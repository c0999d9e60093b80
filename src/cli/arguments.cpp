#include "src/cli/arguments.hpp"

#include <boost/program_options/parsers.hpp>
#include <boost/program_options/value_semantic.hpp>
#include <chrono>
#include <cmath>

#include "src/app/module_options.hpp"
#include "src/app/nvidia_smi_source.hpp"

namespace smistat::cli {

namespace po = boost::program_options;

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

void add_machine_source_options(po::options_description& options, machine_source& source) {
  options.add_options()(
      "nvidia-smi", po::value(&source.nvidia_smi)->value_name("PATH")->default_value("nvidia-smi"),
      "the nvidia-smi to run (a path, or a name looked up on PATH)")(
      "replay", po::value(&source.replay)->value_name("auto|DIR"),
      "run the bundled nvidia-smi-replay on a recorded machine folder; auto: only when no "
      "nvidia-smi is on PATH")(
      "timeout", po::value(&source.timeout_seconds)->value_name("SECONDS")->default_value(10),
      "deadline of each nvidia-smi run");
}

collect::collector_options one_reading_options(const machine_source& source) {
  if (!std::isfinite(source.timeout_seconds) || source.timeout_seconds <= 0)
    throw usage_error("invalid value for --timeout: expected a number of seconds above 0");
  config cfg;
  cfg.nvidia_smi = source.nvidia_smi;
  cfg.replay_dir = source.replay;
  cfg.collect_timeout = std::chrono::milliseconds(
      static_cast<std::chrono::milliseconds::rep>(std::ceil(source.timeout_seconds * 1000)));
  try {
    const auto chosen = app::choose_nvidia_smi_source(cfg);
    return app::collector_options_from(cfg, chosen.program);
  } catch (const config_error& e) {
    throw usage_error(e.what());
  }
}

}  // namespace smistat::cli
