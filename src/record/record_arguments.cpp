#include "src/record/record_arguments.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace smistat::record {
namespace {

/** The options the server also reads: kept as text, judged by the server's own rules. */
constexpr std::array<std::string_view, 4> shared_options{"nvidia-smi", "timeout", "replay",
                                                         "config"};

/** Applies one `--name value` option; an error message when it is wrong. */
std::string apply_option(parsed_arguments& out, const std::string& name, const std::string& value) {
  const std::string_view bare = std::string_view(name).substr(2);
  if (name == "--state") {
    if (value != "idle" && value != "load") return "--state must be idle or load, not " + value;
    out.options.state = value;
  } else if (std::find(shared_options.begin(), shared_options.end(), bare) !=
             shared_options.end()) {
    if (!out.shared.emplace(std::string(bare), value).second) return name + " given twice";
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
      out.error = apply_option(out, name, value);
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
         "[--replay DIR] [--config FILE] [--force]\n"
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
         "  --nvidia-smi PATH   the program to record (default: nvidia-smi on PATH; also\n"
         "                      SMISTAT_NVIDIA_SMI, ./.env and the config file, as the server)\n"
         "  --timeout SECONDS   deadline for each command (default 60, or the server's\n"
         "                      SMISTAT_COLLECT_TIMEOUT when set)\n"
         "  --replay DIR        record the bundled replayer playing DIR\n"
         "  --config FILE       the server's config file to read the settings above from\n"
         "  --force             write into a folder that is not empty\n"
         "  -h, --help          this text\n"
         "\n"
         "example: smistat record ./my-machine && tar czf my-machine.tgz my-machine\n";
}

}  // namespace smistat::record
