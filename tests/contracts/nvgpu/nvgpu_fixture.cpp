#include "tests/contracts/nvgpu/nvgpu_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "parsers/compute_apps.hpp"
#include "parsers/csv_dialect.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

std::vector<parsers::compute_app> recorded_apps(const std::filesystem::path& dir) {
  for (const char* file : {"compute-apps.load.csv", "compute-apps.idle.csv"}) {
    if (!std::filesystem::exists(dir / file)) continue;
    const auto text = read_file(dir / file);
    auto apps = parsers::parse_compute_apps(text, parsers::header_field_names(text), {true, true});
    EXPECT_TRUE(apps.has_value()) << dir / file;
    return apps ? *apps : std::vector<parsers::compute_app>{};
  }
  return {};
}

}  // namespace

std::vector<system::process_details> made_up_processes(std::vector<std::int64_t> pids) {
  using namespace std::chrono;
  std::sort(pids.begin(), pids.end());
  pids.erase(std::unique(pids.begin(), pids.end()), pids.end());
  std::vector<system::process_details> out;
  for (std::size_t i = 0; i < pids.size(); ++i) {
    system::process_details p;
    p.pid = pids[i];
    if (i % 3 == 0) {
      p.name = "python3";
      p.username = "alice";
      p.cmdline = "python3 train.py --epochs 90";
      p.start_time = sample_time() - hours(48) - seconds(5);
    } else if (i % 3 == 1) {
      p.name = "python";
      p.username = "bob";
      p.cmdline = "/opt/conda/bin/python -m ipykernel_launcher -f /run/user/1001/kernel-1.json";
      p.start_time = sample_time() - minutes(50);
    }
    // The third of each three stays as the host reader leaves a pid it cannot see: empty.
    out.push_back(std::move(p));
  }
  return out;
}

collect::snapshot nvgpu_machine(const std::filesystem::path& dir) {
  auto s = snapshot_from_machine(dir);
  s.apps = recorded_apps(dir);
  std::vector<std::int64_t> pids;
  for (const auto& a : s.apps)
    if (a.pid) pids.push_back(*a.pid);
  s.app_processes = made_up_processes(pids);
  s.health.processes.last_success = sample_time();
  return s;
}

}  // namespace smistat::test
