#include "tests/collect/collector_harness.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/support/golden.hpp"

namespace smistat::test {

collect::collector_options on_demand_options(double interval_seconds) {
  collect::collector_options o;
  o.mode = collect::collect_mode::on_demand;
  o.refresh_interval = std::chrono::duration<double>(interval_seconds);
  // Every part as often as the GPU query (a zero details interval would mean "never").
  o.processes_interval = o.refresh_interval;
  o.details_interval = std::chrono::duration<double>(std::max(interval_seconds, 1e-9));
  o.host_interval = o.refresh_interval;
  o.program = "/usr/bin/nvidia-smi";
  return o;
}

collect::collector_options interval_options(double interval_seconds) {
  auto o = on_demand_options(interval_seconds);
  o.mode = collect::collect_mode::interval;
  return o;
}

collector_harness::collector_harness(collect::collector_options options)
    : store(),
      collector(std::make_shared<collect::collector>(ctx.get_executor(), runner, store,
                                                     std::move(options), &launcher)) {}

void collector_harness::run() {
  ctx.restart();
  ctx.run();
}

void collector_harness::start() {
  collector->start();
  run();
}

collect::snapshot_ptr collector_harness::fresh() {
  collect::snapshot_ptr got;
  collector->request_fresh([&](collect::snapshot_ptr s) { got = std::move(s); });
  run();
  EXPECT_NE(got, nullptr) << "request_fresh never answered";
  return got;
}

std::filesystem::path machine(const std::string& name) {
  const auto dir = fixtures_dir() / name;
  EXPECT_TRUE(std::filesystem::is_directory(dir)) << "missing fixture folder " << dir;
  return dir;
}

}  // namespace smistat::test
