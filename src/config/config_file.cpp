#include "src/config/config_file.hpp"

#include <boost/program_options/errors.hpp>
#include <boost/program_options/parsers.hpp>
#include <filesystem>
#include <sstream>
#include <system_error>

#include "src/config/config.hpp"
#include "src/config/environment.hpp"
#include "src/config/option_descriptions.hpp"
#include "src/config/read_file.hpp"

namespace smistat::config_detail {
namespace {

namespace po = boost::program_options;

po::parsed_options parse_ini(std::istream& in, const std::string& path) {
  // Only the settings are registered, so a file cannot ask for --help or name another --config.
  try {
    return po::parse_config_file(in, settings_options(), false);
  } catch (const po::unknown_option& e) {
    throw config_error("unknown option " + in_quotes(e.get_option_name()) + " (from " + path +
                       "): expected a long option name from smistat --help, like port = 8000");
  } catch (const po::invalid_config_file_syntax& e) {
    throw config_error("malformed line " + in_quotes(e.tokens()) + " (from " + path +
                       "): expected name = value, a [section] or a # comment");
  } catch (const po::error& e) {
    throw config_error("malformed config file (from " + path + "): " + on_one_line(e.what()));
  }
}

}  // namespace

layer config_file_layer(const raw_value& file) {
  const std::string& path = file.text;
  std::optional<std::string> text;
  try {
    text = read_optional_file(path);
  } catch (const std::system_error& e) {
    reject(file, "expected a readable INI file (" + e.code().message() + ")");
  }
  if (!text) {
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    reject(file, std::string("expected a readable INI file (") +
                     (exists ? "not a regular file" : "no such file") + ")");
  }
  std::istringstream in(*text);
  layer out;
  for (const po::option& o : parse_ini(in, path).options) {
    raw_value v{o.string_key, o.value.empty() ? "" : o.value.front(), "from " + path};
    if (!out.emplace(o.string_key, v).second)
      throw config_error("option --" + o.string_key + " given more than once (" + v.source +
                         "): expected at most one value");
  }
  return out;
}

std::optional<raw_value> config_path(const std::optional<raw_value>& from_command_line,
                                     const env_map& environment, const env_map& dotenv_values,
                                     const std::string& dotenv_path) {
  if (from_command_line) return from_command_line;
  const std::string key = smistat_env_name("config");
  if (const auto it = environment.find(key); it != environment.end())
    return raw_value{"config", it->second, "from " + key};
  if (const auto it = dotenv_values.find(key); it != dotenv_values.end())
    return raw_value{"config", it->second, "from " + key + " in " + dotenv_path};
  return std::nullopt;
}

}  // namespace smistat::config_detail
