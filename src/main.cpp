// smistat: GPU statistics from nvidia-smi over HTTP.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "src/app/serve.hpp"
#include "src/cli/subcommands.hpp"
#include "src/common/log.hpp"
#include "src/config/config.hpp"

namespace {

/** Exit code for a configuration the program refuses to start with. */
constexpr int exit_bad_config = 2;

/** `smistat <subcommand> ...` runs that tool; anything else is the server's command line. */
const smistat::cli::subcommand* subcommand_of(int argc, char** argv) {
  return argc > 1 ? smistat::cli::find_subcommand(argv[1]) : nullptr;
}

int run(int argc, char** argv) {
  if (const auto* sub = subcommand_of(argc, argv))
    return sub->run({{argv + 2, argv + argc}, smistat::process_environment()});
  smistat::loaded_config loaded;
  try {
    loaded = smistat::load_config(argc, argv, smistat::process_environment());
  } catch (const smistat::config_error& e) {
    std::fprintf(stderr, "smistat: %s\nrun 'smistat --help' for the options\n", e.what());
    return exit_bad_config;
  }
  switch (loaded.action) {
    case smistat::config_action::help:
      std::fputs(loaded.help_text.c_str(), stdout);
      std::fputs(
          "\nother commands (each with --help): smistat list (alias nvl), smistat available, "
          "smistat record\n",
          stdout);
      return EXIT_SUCCESS;
    case smistat::config_action::version:
      std::printf("smistat %s (%s)\n", SMISTAT_VERSION, SMISTAT_REVISION);
      return EXIT_SUCCESS;
    case smistat::config_action::serve: break;
  }
  smistat::log::level level{};
  if (smistat::log::parse_level(loaded.cfg.log_level, level)) smistat::log::set_level(level);
  smistat::log::format format{};
  if (smistat::log::parse_format(loaded.cfg.log_format, format)) smistat::log::set_format(format);
  try {
    return smistat::app::serve(loaded);
  } catch (const smistat::config_error& e) {
    std::fprintf(stderr, "smistat: %s\n", e.what());
    return exit_bad_config;
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    smistat::log::error(std::string("fatal: ") + e.what());
  } catch (...) {
    smistat::log::error("fatal: unknown exception");
  }
  return EXIT_FAILURE;
}
