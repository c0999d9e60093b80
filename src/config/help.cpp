// The text of `smistat --help`, built from the option table so it lists exactly what is accepted.

#include <sstream>
#include <string>
#include <vector>

#include "src/config/config.hpp"
#include "src/config/option_descriptions.hpp"
#include "src/config/option_table.hpp"

namespace smistat {
namespace {

using config_detail::option_spec;
using config_detail::option_table;

/** Joins `words` with ", " into lines of at most 100 columns, each indented by `indent`. */
std::string wrapped(const std::vector<std::string>& words, std::size_t indent) {
  std::string out;
  std::string line(indent, ' ');
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string word = words[i] + (i + 1 < words.size() ? "," : "");
    if (line.size() > indent && line.size() + 1 + word.size() > 100) {
      out += line + "\n";
      line.assign(indent, ' ');
    }
    line += (line.size() > indent ? " " : "") + word;
  }
  return out + line + "\n";
}

std::string environment_help() {
  std::vector<std::string> names;
  for (const option_spec& s : option_table())
    if (!s.plain_env.empty())
      names.push_back(std::string(s.plain_env) +
                      (s.plain_env == "VERSION" ? " (--api-version)" : ""));
  return "Environment (below the command line, above ./.env and --config FILE):\n"
         "  SMISTAT_<OPTION>      any setting, upper-cased with - as _: SMISTAT_PORT,\n"
         "                        SMISTAT_REFRESH_INTERVAL, SMISTAT_NVIDIA_SMI, SMISTAT_CONFIG\n"
         "  gpu-worker-pool names, below SMISTAT_*; booleans true/1/yes/on, anything else "
         "false:\n" +
         wrapped(names, 24) +
         "  CUDA_VISIBLE_DEVICES  GPU indices the /gpu endpoints show (unset: all)\n"
         "./.env is read as python-dotenv reads it and never overrides the environment.\n"
         "Precedence: command line > SMISTAT_* > gpu-worker-pool names > ./.env > --config FILE > "
         "defaults.\n";
}

}  // namespace

std::string help_text() {
  using config_detail::general_options;
  using config_detail::settings_options;
  std::ostringstream out;
  out << "usage: smistat [serve] [options]\n"
      << "example: smistat --port 8000 --refresh-interval 0.5\n\n"
      << "Serves GPU statistics read from nvidia-smi over HTTP.\n\n"
      << general_options() << "\n"
      << settings_options() << "\n"
      << environment_help();
  return out.str();
}

}  // namespace smistat
