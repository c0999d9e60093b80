#include "src/record/record_arguments.hpp"

#include <charconv>
#include <chrono>

namespace smistat::record {
namespace {

/** Parses a positive number of seconds (`60`, `2.5`) into milliseconds. */
std::optional<std::chrono::milliseconds> parse_seconds(const std::string& text) {
  double seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size() || !(seconds > 0) || seconds > 86400)
    return std::nullopt;
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

/** Applies one `--name value` option; an error message when it is wrong. */
std::string apply_option(record_options& o, const std::string& name, const std::string& value) {
  if (name == "--state") {
    if (value != "idle" && value != "load") return "--state must be idle or load, not " + value;
    o.state = value;
  } else if (name == "--nvidia-smi") {
    if (value.empty()) return "--nvidia-smi needs a program";
    o.program = value;
  } else if (name == "--timeout") {
    const auto timeout = parse_seconds(value);
    if (!timeout) return "--timeout must be a number of seconds above 0, not " + value;
    o.timeout = *timeout;
  } else {
    return "unknown option " + name;
  }
  return {};
}

}  // namespace

parsed_arguments parse_arguments(const std::vector<std::string>& args) {
  parsed_arguments out;
  bool have_dir = false;
  for (std::size_t i = 0; i < args.size() && out.error.empty(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-h" || arg == "--help") {
      out.help = true;
    } else if (arg == "--force") {
      out.options.force = true;
    } else if (arg.starts_with("--")) {
      const auto eq = arg.find('=');
      std::string name = arg.substr(0, eq);
      std::string value;
      if (eq != std::string::npos) {
        value = arg.substr(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        out.error = name + " needs a value";
        break;
      }
      out.error = apply_option(out.options, name, value);
    } else if (!have_dir) {
      out.options.dir = arg;
      have_dir = true;
    } else {
      out.error = "one folder only: " + arg + " is extra";
    }
  }
  if (out.error.empty() && !have_dir && !out.help)
    out.error = "the folder to record into is missing";
  return out;
}

const char* usage() {
  return "usage: smistat record DIR [--state idle|load] [--nvidia-smi PATH] [--timeout SECONDS] "
         "[--force]\n"
         "\n"
         "Records this machine's nvidia-smi into DIR as a fixture folder (fixtures/README.md):\n"
         "version.txt, help-query-gpu.txt, help-query-compute-apps.txt, list-gpus.txt and, for "
         "the\n"
         "state, query-gpu.STATE.csv (every field), compute-apps.STATE.csv, banner.STATE.txt and\n"
         "q.STATE.txt. GPU/MIG UUIDs, serial numbers, persistent device ids, fabric GUIDs and "
         "this\n"
         "host's name are replaced by numbered placeholders of the same shape, the same value by\n"
         "the same placeholder in every file; process names are kept, so review them before\n"
         "sharing. Replay the folder with `smistat --replay DIR`.\n"
         "\n"
         "  --state idle|load   what the GPUs are doing (names the files; default idle); record\n"
         "                      idle, then load with --force into the same folder\n"
         "  --nvidia-smi PATH   the program to record (default: nvidia-smi on PATH)\n"
         "  --timeout SECONDS   deadline for each command (default 60)\n"
         "  --force             write into a folder that is not empty\n"
         "  -h, --help          this text\n"
         "\n"
         "example: smistat record ./my-machine && tar czf my-machine.tgz my-machine\n";
}

}  // namespace smistat::record
