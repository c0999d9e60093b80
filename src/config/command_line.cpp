#include "src/config/command_line.hpp"

#include <boost/program_options/errors.hpp>
#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>
#include <boost/program_options/positional_options.hpp>
#include <boost/program_options/value_semantic.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "src/config/config.hpp"
#include "src/config/option_descriptions.hpp"

namespace smistat::config_detail {
namespace {

namespace po = boost::program_options;

constexpr std::string_view from_command_line = "from the command line";

po::parsed_options run_parser(const std::vector<std::string>& args) {
  po::options_description all;
  all.add(general_options()).add(settings_options());
  all.add_options()("argument", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("argument", -1);
  // No guessing: `--po` must not silently mean --port today and fail when --pool is added.
  const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
  try {
    return po::command_line_parser(args).options(all).positional(positional).style(style).run();
  } catch (const po::unknown_option& e) {
    throw config_error("unknown option " + in_quotes(e.get_option_name()) + " (" +
                       std::string(from_command_line) +
                       "): expected an option from smistat --help");
  } catch (const po::invalid_command_line_syntax& e) {
    if (e.kind() != po::invalid_syntax::missing_parameter &&
        e.kind() != po::invalid_syntax::empty_adjacent_parameter)
      throw;
    throw config_error("missing value for " + e.get_option_name() + " (" +
                       std::string(from_command_line) + "): expected " + e.get_option_name() +
                       " VALUE or " + e.get_option_name() + "=VALUE");
  }
}

void record(command_line& out, const po::option& o) {
  const std::string key = o.string_key == "no-access-log" ? "access-log" : o.string_key;
  if (key == "argument")
    throw config_error("unexpected argument " + in_quotes(o.value.front()) + " (" +
                       std::string(from_command_line) +
                       "): expected options, optionally after the word serve");
  if (key == "help") out.help = true;
  if (key == "version") out.version = true;
  if (key == "help" || key == "version") return;
  raw_value v{key, o.value.empty() ? "true" : o.value.front(), std::string(from_command_line)};
  if (o.string_key == "no-access-log") v.text = "false";
  const bool repeated = key == "config" ? out.config_file.has_value() : out.values.contains(key);
  if (repeated)
    throw config_error("option --" + key + " given more than once (" + v.source +
                       "): expected at most one value");
  if (key == "config")
    out.config_file = std::move(v);
  else
    out.values.emplace(key, std::move(v));
}

}  // namespace

command_line parse_command_line(int argc, const char* const* argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc && argv != nullptr; ++i) args.emplace_back(argv[i]);
  // `serve` is the default command; `list` and `available` are dispatched before we get here.
  if (!args.empty() && args.front() == "serve") args.erase(args.begin());
  command_line out;
  try {
    for (const po::option& o : run_parser(args).options) record(out, o);
  } catch (const po::error& e) {
    throw config_error(std::string("invalid command line (") + std::string(from_command_line) +
                       "): " + e.what());
  }
  return out;
}

}  // namespace smistat::config_detail
