#include "src/cli/available_command.hpp"

#include <boost/program_options/value_semantic.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "src/cli/one_shot_collection.hpp"
#include "src/contracts/nvgpu/nvgpu_available.hpp"

namespace smistat::cli {
namespace {

namespace po = boost::program_options;

constexpr const char* usage =
    "usage: smistat available [-l N] [--max-used-percent P] [options]\n"
    "\n"
    "Prints the GPUs whose memory is at most P % used, comma-separated, for\n"
    "CUDA_VISIBLE_DEVICES (an empty line when none):\n"
    "\n"
    "  CUDA_VISIBLE_DEVICES=$(smistat available -l 1) python train.py\n"
    "\n"
    "Only GPUs your own CUDA_VISIBLE_DEVICES shows are offered, read as CUDA reads it\n"
    "(indices, GPU- UUIDs or unique prefixes of them, MIG- ids; the list ends at the first\n"
    "entry that names no device), in its order. Each is printed as the new value must name\n"
    "it: a GPU by its nvidia-smi index (CUDA's numbering with CUDA_DEVICE_ORDER=PCI_BUS_ID),\n"
    "a MIG device by its MIG- UUID. A MIG device counts as free when its whole GPU does.\n"
    "Exit 1, with one line on stderr, when nvidia-smi is missing or fails.\n"
    "\n";

struct available_settings {
  long long limit = 0;
  double max_used_percent = 20.0;
};

po::options_description option_table(available_settings& s) {
  po::options_description d("options");
  d.add_options()("help,h", "this text")("limit,l",
                                         po::value(&s.limit)->value_name("N")->default_value(0),
                                         "print at most N GPUs; 0: all")(
      "max-used-percent", po::value(&s.max_used_percent)->value_name("P")->default_value(20.0),
      "a GPU is free when at most P % of its memory is used");
  add_machine_source_options(d);
  return d;
}

void check(const available_settings& s) {
  if (s.limit < 0) throw usage_error("invalid value for --limit: expected 0 or more");
  if (!std::isfinite(s.max_used_percent) || s.max_used_percent < 0)
    throw usage_error("invalid value for --max-used-percent: expected a percentage, 0 or more");
}

std::optional<std::string> cuda_visible_devices(const invocation& in) {
  const auto found = in.environment.find("CUDA_VISIBLE_DEVICES");
  if (found == in.environment.end()) return std::nullopt;
  return found->second;
}

}  // namespace

int run_available(const invocation& in) {
  available_settings s;
  const auto options = option_table(s);
  collect::collector_options collection;
  try {
    const auto vm = parse_arguments(options, in.args);
    if (vm.count("help")) {
      std::cout << usage << options << "\n";
      return 0;
    }
    check(s);
    collection = read_machine_source(shared_command_line(vm), in.environment).collection;
  } catch (const usage_error& e) {
    std::fprintf(stderr, "smistat available: %s (see smistat available --help)\n", e.what());
    return exit_usage;
  }
  const auto r = read_machine_once(collection);
  if (r.error) {
    const std::string kind(collect::name_of(r.error->kind));
    std::fprintf(stderr, "smistat available: nvidia-smi failed (%s): %s\n", kind.c_str(),
                 r.error->message.c_str());
    return exit_failure;
  }
  const auto devices = render::nvgpu_devices(r.snapshot, collect::wall_clock::now());
  render::available_options o;
  o.max_used_percent = s.max_used_percent;
  o.limit = static_cast<std::size_t>(s.limit);
  o.cuda_visible_devices = cuda_visible_devices(in);
  const auto names = render::available_devices(devices, r.snapshot.facts.listed, o);
  std::fputs(render::render_available(names).c_str(), stdout);
  return 0;
}

}  // namespace smistat::cli
