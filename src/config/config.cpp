#include "src/config/config.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string_view>
#include <system_error>

#include "src/config/dotenv.hpp"
#include "src/log.hpp"

namespace smistat {
namespace {

namespace po = boost::program_options;
using env_map = std::map<std::string, std::string>;

/** One setting as text plus where it came from, so an error can say which source to fix. */
struct raw_value {
  std::string option;  ///< long name, e.g. "port"
  std::string text;
  std::string source;        ///< "from PORT", "from the command line", ...
  bool python_bool = false;  ///< the contract's plain names read booleans the Python way
};

/** Long option name -> value; one source, or all of them merged by precedence. */
using layer = std::map<std::string, raw_value>;

std::string in_quotes(std::string_view text) {
  // Messages are one line, so a multi-line .env value is shown escaped.
  std::string out = "\"";
  for (const char c : text) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c == '"' || c == '\\')
      (out += '\\') += c;
    else
      out += c;
  }
  return out + '"';
}

[[noreturn]] void reject(const raw_value& v, std::string_view rule) {
  throw config_error("invalid value " + in_quotes(v.text) + " for --" + v.option + " (" + v.source +
                     "): " + std::string(rule));
}

std::string_view trimmed(std::string_view s) {
  constexpr std::string_view spaces = " \t\n\r\f\v";
  const auto first = s.find_first_not_of(spaces);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(spaces) - first + 1);
}

/** Python's int() and float() accept surrounding blanks and a leading '+'; so do we. */
std::string_view numeric(std::string_view s) {
  s = trimmed(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  return s;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

template <class T>
T to_integer(const raw_value& v, std::uint64_t lo, std::uint64_t hi) {
  const auto s = numeric(v.text);
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || n < lo || n > hi)
    reject(v, "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
  return static_cast<T>(n);
}

// A day bounds every duration: larger values are typos, and the millisecond conversion stays
// far from overflow.
constexpr double max_seconds = 86'400;
constexpr std::string_view timeout_rule =
    "expected a number of seconds greater than 0 and at most 86400";
constexpr std::string_view refresh_rule =
    "expected a number of seconds greater than 0 and at most 86400 (0 only with --collect-mode "
    "on-demand)";

double to_seconds(const raw_value& v, bool zero_allowed, std::string_view rule) {
  const auto s = numeric(v.text);
  double d = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(d) || d < 0 ||
      d > max_seconds || (d == 0 && !zero_allowed))
    reject(v, rule);
  return d;
}

std::chrono::milliseconds to_timeout(const raw_value& v) {
  // Round up so a tiny but positive timeout never becomes "no time at all".
  const double seconds = to_seconds(v, false, timeout_rule);
  return std::chrono::milliseconds{static_cast<std::int64_t>(std::ceil(seconds * 1000))};
}

bool to_bool(const raw_value& v) {
  const std::string s = lowercase(v.python_bool ? std::string_view(v.text) : trimmed(v.text));
  if (s == "true" || s == "1" || s == "yes" || s == "on") return true;
  // gpu_server.py: anything that is not a "true" word is false, typos included.
  if (v.python_bool || s == "false" || s == "0" || s == "no" || s == "off") return false;
  reject(v, "expected true or false (also 1/0, yes/no, on/off)");
}

std::string non_empty(const raw_value& v) {
  if (trimmed(v.text).empty()) reject(v, "expected a non-empty value");
  return v.text;
}

collect_mode to_mode(const raw_value& v) {
  if (v.text == "interval") return collect_mode::interval;
  if (v.text == "on-demand") return collect_mode::on_demand;
  reject(v, "expected interval or on-demand");
}

std::string to_log_level(const raw_value& v) {
  log::level ignored{};
  if (!log::parse_level(trimmed(v.text), ignored))
    reject(v, "expected trace, debug, info, warning, error, critical or off");
  const std::string name = lowercase(trimmed(v.text));
  return name == "warn" ? "warning" : name;
}

std::string to_route_path(const raw_value& v) {
  if (v.text.empty() || v.text.front() != '/' || v.text.find_first_of(" ?#") != std::string::npos)
    reject(v, "expected a path starting with /");
  return v.text;
}

std::string one_of(const raw_value& v, std::initializer_list<std::string_view> allowed) {
  std::string rule = "expected ";
  for (const auto a : allowed) {
    if (v.text == a) return v.text;
    if (rule.size() > 9) rule += ", ";
    rule += a;
  }
  reject(v, rule);
}

using setter = void (*)(config&, const raw_value&);

/** One option: its long name, the contract's environment name, help, and how to store it. */
struct option_spec {
  std::string_view name;
  std::string_view plain_env;  ///< gpu-worker-pool name; empty when there is none
  std::string_view value_name;
  bool flag;  ///< a bare --name means true
  std::string_view help;
  setter apply;
};

// The order here is the order of --help, of etc/smistat.conf, and of validation.
constexpr option_spec specs[] = {
    {"host", "HOST", "ADDR", false, "address to listen on (default 0.0.0.0)",
     [](config& c, const raw_value& v) { c.host = non_empty(v); }},
    {"port", "PORT", "N", false, "TCP port; 0 lets the kernel pick one (default 8000)",
     [](config& c, const raw_value& v) { c.port = to_integer<std::uint16_t>(v, 0, 65535); }},
    {"threads", "", "N", false, "I/O threads; 0 means one per core (default 0)",
     [](config& c, const raw_value& v) { c.threads = to_integer<unsigned>(v, 0, 1024); }},
    {"refresh-interval", "REFRESH_INTERVAL", "SECONDS", false,
     "seconds between nvidia-smi runs; 0 (on-demand only) samples for every request (default 1.0)",
     [](config& c, const raw_value& v) { c.refresh_interval = to_seconds(v, true, refresh_rule); }},
    {"collect-mode", "", "MODE", false,
     "interval: sample on a timer; on-demand: sample when a request finds older data "
     "(default interval)",
     [](config& c, const raw_value& v) { c.mode = to_mode(v); }},
    {"collect-timeout", "", "SECONDS", false, "deadline for one nvidia-smi run (default 10)",
     [](config& c, const raw_value& v) { c.collect_timeout = to_timeout(v); }},
    {"nvidia-smi", "", "PATH", false,
     "nvidia-smi to run, a path or a name on PATH (default nvidia-smi)",
     [](config& c, const raw_value& v) { c.nvidia_smi = non_empty(v); }},
    {"replay", "", "DIR", false,
     "serve a recorded fixture folder through the bundled replayer; auto: real nvidia-smi when on "
     "PATH, else the bundled fixture (default: off)",
     [](config& c, const raw_value& v) { c.replay_dir = v.text; }},
    {"log-level", "LOG_LEVEL", "LEVEL", false,
     "trace, debug, info, warning, error, critical or off (default info)",
     [](config& c, const raw_value& v) { c.log_level = to_log_level(v); }},
    {"access-log", "ACCESS_LOG", "BOOL", true,
     "log one line per request; --no-access-log turns it off (default true)",
     [](config& c, const raw_value& v) { c.access_log = to_bool(v); }},
    {"enable-cors", "ENABLE_CORS", "BOOL", false,
     "answer CORS requests as Starlette's CORSMiddleware does (default true)",
     [](config& c, const raw_value& v) { c.enable_cors = to_bool(v); }},
    {"api-prefix", "API_PREFIX", "PATH", false,
     "reported in /config; prefixes the JSON routes only with --apply-api-prefix (default empty)",
     [](config& c, const raw_value& v) { c.api_prefix = v.text; }},
    {"apply-api-prefix", "", "BOOL", true, "serve the JSON API under --api-prefix (default false)",
     [](config& c, const raw_value& v) { c.apply_api_prefix = to_bool(v); }},
    {"max-history", "MAX_HISTORY", "N", false, "snapshots kept in history (default 100)",
     [](config& c, const raw_value& v) { c.max_history = to_integer<unsigned>(v, 0, 1'000'000); }},
    {"web.telemetry-path", "", "PATH", false,
     "path of the Prometheus exposition (default /metrics)",
     [](config& c, const raw_value& v) { c.telemetry_path = to_route_path(v); }},
    {"metrics.profile", "", "NAME", false,
     "dcgm: dcgm-exporter metric names; nvidia_smi: nvidia_gpu_exporter names (default dcgm)",
     [](config& c, const raw_value& v) {
       c.metrics_profile = one_of(v, {"dcgm", "nvidia_smi"});
     }},
    {"metrics.hostname-label", "", "NAME", false,
     "name of the host label on GPU series: Hostname, hostname or off (default Hostname)",
     [](config& c, const raw_value& v) {
       c.hostname_label = one_of(v, {"Hostname", "hostname", "off"});
     }},
    {"api-key", "API_KEY", "KEY", false,
     "a key required on /gpu/stream (header X-API-Key or query api_key) (default none)",
     [](config& c, const raw_value& v) { c.api_key = v.text; }},
    {"api-keys", "API_KEYS", "KEYS", false, "more keys, comma-separated (default none)",
     [](config& c, const raw_value& v) { c.api_keys = v.text; }},
    {"auth-all", "", "BOOL", true, "require the API key on every route (default false)",
     [](config& c, const raw_value& v) { c.auth_all = to_bool(v); }},
    {"default-stream-interval", "DEFAULT_STREAM_INTERVAL", "SECONDS", false,
     "stream interval used when a client asks for the default 2.0 (default unset)",
     [](config& c, const raw_value& v) { c.default_stream_interval = v.text; }},
    {"max-streams", "", "N", false, "most concurrent event streams (default 1000)",
     [](config& c, const raw_value& v) { c.max_streams = to_integer<unsigned>(v, 1, 100'000); }},
    {"read-timeout", "", "SECONDS", false, "deadline for reading one request (default 30)",
     [](config& c, const raw_value& v) { c.read_timeout = to_timeout(v); }},
    {"write-timeout", "", "SECONDS", false, "deadline for writing one response (default 30)",
     [](config& c, const raw_value& v) { c.write_timeout = to_timeout(v); }},
    {"max-header-bytes", "", "N", false, "largest request header accepted (default 16384)",
     [](config& c, const raw_value& v) {
       c.max_header_bytes = to_integer<std::size_t>(v, 1024, 1'048'576);
     }},
    {"max-body-bytes", "", "N", false, "largest request body accepted (default 65536)",
     [](config& c, const raw_value& v) {
       c.max_body_bytes = to_integer<std::size_t>(v, 0, 1'073'741'824);
     }},
    {"title", "TITLE", "TEXT", false,
     "API title in /config and the OpenAPI document (default GPU Statistics Server)",
     [](config& c, const raw_value& v) { c.title = v.text; }},
    {"description", "DESCRIPTION", "TEXT", false,
     "API description in the OpenAPI document (default A server that provides GPU statistics "
     "including memory usage and utilization)",
     [](config& c, const raw_value& v) { c.description = v.text; }},
    {"api-version", "VERSION", "TEXT", false, "API version shown by / and /config (default 1.0.0)",
     [](config& c, const raw_value& v) { c.version = v.text; }},
    {"docs-url", "DOCS_URL", "PATH", false, "Swagger UI path (default /docs)",
     [](config& c, const raw_value& v) { c.docs_url = v.text; }},
    {"redoc-url", "REDOC_URL", "PATH", false, "ReDoc path (default /redoc)",
     [](config& c, const raw_value& v) { c.redoc_url = v.text; }},
    {"reload", "RELOAD", "BOOL", true,
     "reported in /config only; smistat never reloads itself (default true)",
     [](config& c, const raw_value& v) { c.reload = to_bool(v); }},
    {"workers", "WORKERS", "N", false,
     "reported in /config only; smistat scales with --threads (default 1)",
     [](config& c, const raw_value& v) { c.workers = to_integer<unsigned>(v, 0, 1024); }},
};

// ---- option descriptions for Program_options --------------------------------------------------

po::options_description settings_options() {
  po::options_description desc("Settings (also in --config FILE as name = value)", 100, 50);
  for (const option_spec& s : specs) {
    auto* semantic = po::value<std::string>()->value_name(std::string(s.value_name));
    if (s.flag) semantic->implicit_value("true");
    desc.add_options()(std::string(s.name).c_str(), semantic, std::string(s.help).c_str());
  }
  return desc;
}

po::options_description general_options() {
  po::options_description desc("General", 100, 50);
  desc.add_options()                             //
      ("help,h", "print this help and exit")     //
      ("version", "print the version and exit")  //
      ("config", po::value<std::string>()->value_name("FILE"),
       "read settings from an INI file (below .env, above the defaults)")  //
      ("no-access-log", "same as --access-log=false");
  return desc;
}

// ---- the command line -------------------------------------------------------------------------

struct command_line {
  layer values;
  std::optional<raw_value> config_file;
  bool help = false;
  bool version = false;
};

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

// ---- environment, .env and the config file ----------------------------------------------------

std::string smistat_env_name(std::string_view option) {
  std::string name = "SMISTAT_";
  for (const char c : option)
    name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

/** The SMISTAT_* names or the contract's plain names found in `vars`; `where` ends the source. */
layer env_layer(const env_map& vars, bool smistat_names, const std::string& where) {
  layer out;
  for (const option_spec& s : specs) {
    const std::string key = smistat_names ? smistat_env_name(s.name) : std::string(s.plain_env);
    const auto it = key.empty() ? vars.end() : vars.find(key);
    if (it == vars.end()) continue;
    out.emplace(s.name,
                raw_value{std::string(s.name), it->second, "from " + key + where, !smistat_names});
  }
  return out;
}

/** A whole file, or nullopt when there is no regular file at `path`; throws on a read error. */
std::optional<std::string> read_optional_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category());
  std::string text;
  char buffer[4096];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = n < 0 ? errno : 0;
      ::close(fd);
      if (error != 0) throw std::system_error(error, std::generic_category());
      return text;
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
}

struct dotenv_file {
  env_map values;
  std::vector<std::string> warnings;
};

dotenv_file read_dotenv(const std::string& path, const env_map& environment) {
  std::optional<std::string> text;
  try {
    text = read_optional_file(path);
  } catch (const std::system_error& e) {
    throw config_error("cannot read " + in_quotes(path) +
                       " (the .env file): expected a readable file "
                       "or none (" +
                       e.code().message() + ")");
  }
  if (!text) return {};
  const dotenv::parsed parsed = dotenv::parse(*text);
  dotenv_file out{dotenv::resolve(parsed.bindings, environment), {}};
  for (const std::size_t line : parsed.bad_lines)
    out.warnings.push_back("ignoring line " + std::to_string(line) + " of " + path +
                           ": expected KEY=value");
  return out;
}

po::parsed_options parse_ini(std::istream& in, const std::string& path) {
  try {
    return po::parse_config_file(in, settings_options(), false);
  } catch (const po::unknown_option& e) {
    throw config_error("unknown option " + in_quotes(e.get_option_name()) + " (from " + path +
                       "): expected a long option name from smistat --help, like port = 8000");
  } catch (const po::invalid_config_file_syntax& e) {
    throw config_error("malformed line " + in_quotes(e.tokens()) + " (from " + path +
                       "): expected name = value, a [section] or a # comment");
  } catch (const po::error& e) {
    throw config_error("malformed config file (from " + path + "): " + e.what());
  }
}

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

std::optional<raw_value> config_path(const command_line& cli, const env_map& environment,
                                     const env_map& dotenv_values, const std::string& dotenv_path) {
  if (cli.config_file) return cli.config_file;
  const std::string key = smistat_env_name("config");
  if (const auto it = environment.find(key); it != environment.end())
    return raw_value{"config", it->second, "from " + key};
  if (const auto it = dotenv_values.find(key); it != dotenv_values.end())
    return raw_value{"config", it->second, "from " + key + " in " + dotenv_path};
  return std::nullopt;
}

// ---- merging and validating -------------------------------------------------------------------

config apply(const layer& merged) {
  config cfg;
  for (const option_spec& s : specs)
    if (const auto it = merged.find(std::string(s.name)); it != merged.end())
      s.apply(cfg, it->second);
  // Rules that involve two options are checked once every value is known.
  if (cfg.refresh_interval == 0 && cfg.mode != collect_mode::on_demand)
    reject(merged.at("refresh-interval"), refresh_rule);
  const std::string_view prefix = cfg.api_prefix;
  if (cfg.apply_api_prefix && !prefix.empty() && (prefix.front() != '/' || prefix.back() == '/'))
    reject(merged.at("api-prefix"),
           "expected a path like /v1 (a leading /, no trailing /) with --apply-api-prefix");
  return cfg;
}

std::optional<std::string> cuda_visible_devices(const env_map& environment,
                                                const env_map& dotenv_values) {
  // Taken raw: the /gpu endpoints parse it the way gpu_server.py does, quirks included.
  constexpr std::string_view key = "CUDA_VISIBLE_DEVICES";
  if (const auto it = environment.find(std::string(key)); it != environment.end())
    return it->second;
  if (const auto it = dotenv_values.find(std::string(key)); it != dotenv_values.end())
    return it->second;
  return std::nullopt;
}

// ---- help -------------------------------------------------------------------------------------

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
  for (const option_spec& s : specs)
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
  std::ostringstream out;
  out << "usage: smistat [serve] [options]\n"
      << "example: smistat --port 8000 --refresh-interval 0.5\n\n"
      << "Serves GPU statistics read from nvidia-smi over HTTP.\n\n"
      << general_options() << "\n"
      << settings_options() << "\n"
      << environment_help();
  return out.str();
}

loaded_config load_config(int argc, const char* const* argv, const env_map& environment,
                          const std::string& dotenv_path) {
  const command_line cli = parse_command_line(argc, argv);
  loaded_config out;
  if (cli.help || cli.version) {
    out.action = cli.help ? config_action::help : config_action::version;
    if (cli.help) out.help_text = help_text();
    return out;
  }
  dotenv_file dotenv = read_dotenv(dotenv_path, environment);
  out.warnings = std::move(dotenv.warnings);
  layer merged;
  if (const auto file = config_path(cli, environment, dotenv.values, dotenv_path)) {
    merged = config_file_layer(*file);
    out.config_file = file->text;
  }
  // Lowest to highest; each layer replaces what the ones below it set.
  for (const layer& l :
       {env_layer(dotenv.values, false, " in " + dotenv_path),
        env_layer(dotenv.values, true, " in " + dotenv_path), env_layer(environment, false, ""),
        env_layer(environment, true, ""), cli.values})
    for (auto& [key, value] : l) merged.insert_or_assign(key, value);
  out.cfg = apply(merged);
  out.cfg.cuda_visible_devices = cuda_visible_devices(environment, dotenv.values);
  return out;
}

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> out;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text = *entry;
    const auto eq = text.find('=');
    if (eq != std::string_view::npos) out.emplace(text.substr(0, eq), text.substr(eq + 1));
  }
  return out;
}

}  // namespace smistat
