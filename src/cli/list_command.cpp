#include "src/cli/list_command.hpp"

#include <unistd.h>

#include <boost/program_options/value_semantic.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <thread>

#include "src/cli/agent_client.hpp"
#include "src/cli/colour_choice.hpp"
#include "src/cli/one_shot_collection.hpp"
#include "src/contracts/nvgpu/nvgpu_agent.hpp"
#include "src/contracts/nvgpu/nvgpu_table.hpp"
#include "src/system/host_name.hpp"

namespace smistat::cli {
namespace {

namespace po = boost::program_options;

constexpr const char* usage =
    "usage: smistat list [options]      (alias: smistat nvl)\n"
    "\n"
    "This machine's GPUs as nvgpu lists them: status ([ ] free, [~] busy, [!] a process\n"
    "whose owner cannot be read, or a GPU that does not answer), type, utilization,\n"
    "temperature, SM clock, and the users, age, pids and command of its processes. When a\n"
    "process runs in a Slurm job or a Kubernetes pod (as its cgroup says), a `job` or\n"
    "`pod uid` column follows the users; with --server there is none (nvgpu's JSON has no\n"
    "owners).\n"
    "\n"
    "example: smistat list --mem --loop 2\n"
    "         smistat list --server http://gpu-node-3:8000 --json\n"
    "\n";

struct list_settings {
  bool memory = false;
  bool json = false;
  std::string colour = "auto";
  double loop_seconds = 0;
  std::string server;
};

po::options_description option_table(list_settings& s) {
  po::options_description d("options");
  d.add_options()("help,h", "this text")("mem", po::bool_switch(&s.memory),
                                         "add the `mem. used` column (decimal GB)")(
      "color", po::value(&s.colour)->value_name("auto|always|never")->default_value("auto"),
      "colour the rows; auto: only on a terminal, and not when NO_COLOR is set")(
      "json", po::bool_switch(&s.json), "print the agent JSON of GET /gpu_status instead")(
      "loop,l", po::value(&s.loop_seconds)->value_name("SECONDS"),
      "print again every SECONDS, in place on a terminal, until interrupted")(
      "server", po::value(&s.server)->value_name("URL"),
      "read GET URL/gpu_status of a running smistat instead of running nvidia-smi");
  add_machine_source_options(d);
  return d;
}

/** One picture of the GPUs: what to print, or why there is none. */
struct frame {
  std::string text;
  std::string error;
};

frame local_frame(const list_settings& s, const collect::collector_options& o, bool colour) {
  const auto r = read_machine_once(o);
  if (r.error)
    return {{},
            "nvidia-smi failed (" + std::string(collect::name_of(r.error->kind)) +
                "): " + r.error->message};
  const auto devices = render::nvgpu_devices(r.snapshot, collect::wall_clock::now());
  if (s.json) return {render::render_nvgpu_agent(devices, system::host_name()), {}};
  // Owners come from this machine's /proc; a server's agent JSON carries none.
  return {render::render_nvgpu_table(devices, {s.memory, colour, true}) + "\n", {}};
}

frame server_frame(const list_settings& s, std::chrono::milliseconds timeout, bool colour) {
  try {
    auto report = fetch_agent_report(s.server, timeout);
    if (s.json) return {std::move(report.body), {}};
    return {render::render_nvgpu_table(report.devices, {s.memory, colour}) + "\n", {}};
  } catch (const std::runtime_error& e) {
    return {{}, s.server + ": " + e.what()};
  }
}

bool print(const frame& f) {
  if (!f.error.empty()) {
    std::fprintf(stderr, "smistat list: %s\n", f.error.c_str());
    return false;
  }
  std::fputs(f.text.c_str(), stdout);
  std::fflush(stdout);
  return true;
}

int run(const list_settings& s, const tool_command_line& shared, const invocation& in,
        bool colour) {
  // Read even with --server, so a bad value is refused the same way whichever is asked for.
  const machine_source source = read_machine_source(shared, in.environment);
  const auto next = [&] {
    return s.server.empty() ? local_frame(s, source.collection, colour)
                            : server_frame(s, source.timeout, colour);
  };
  if (s.loop_seconds <= 0) return print(next()) ? 0 : exit_failure;
  // Like watch: redraw in place on a terminal; a pipe gets one picture after another. A failing
  // nvidia-smi is reported and tried again, never the end of the loop.
  const bool in_place = ::isatty(STDOUT_FILENO) && !s.json;
  const auto period = std::chrono::duration<double>(s.loop_seconds);
  while (true) {
    const auto f = next();
    if (in_place) std::fputs("\x1b[H\x1b[2J", stdout);
    print(f);
    std::this_thread::sleep_for(period);
  }
}

}  // namespace

int run_list(const invocation& in) {
  list_settings s;
  const auto options = option_table(s);
  try {
    const auto vm = parse_arguments(options, in.args);
    if (vm.count("help")) {
      std::cout << usage << options << "\n";
      return 0;
    }
    if (vm.count("loop") && !(std::isfinite(s.loop_seconds) && s.loop_seconds > 0))
      throw usage_error("invalid value for --loop: expected a number of seconds above 0");
    const bool colour = use_colour(s.colour, ::isatty(STDOUT_FILENO), in.environment);
    return run(s, shared_command_line(vm), in, colour);
  } catch (const usage_error& e) {
    std::fprintf(stderr, "smistat list: %s (see smistat list --help)\n", e.what());
    return exit_usage;
  }
}

}  // namespace smistat::cli
