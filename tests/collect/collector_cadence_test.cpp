// The GPU query never waits for anything else: slow or failing secondary commands, and the
// static facts at start (docs/architecture.md, "Cadences").
#include <gtest/gtest.h>

#include "src/collect/collector.hpp"
#include "tests/collect/collector_harness.hpp"

namespace smistat::collect {
namespace {

using namespace std::chrono_literals;
using runner::run_outcome;
using test::collector_harness;
using test::ended;
using test::interval_options;
using test::machine;
using test::smi_emulator;

const char* const h100 = "h100-80gb-hbm3__590.48.01";

bool starts_with(const std::vector<std::string>& args, std::string_view prefix) {
  return !args.empty() && args[0].starts_with(prefix);
}

/** Runs the collector until `samples` GPU samples were published, then stops it. */
std::vector<snapshot_ptr> run_until_samples(collector_harness& h, int samples) {
  std::vector<snapshot_ptr> seen;
  h.store.subscribe([&](const snapshot_ptr& s) {
    if (s->has_data() && (seen.empty() || s->sampled_at != seen.back()->sampled_at)) {
      seen.push_back(s);
      if (static_cast<int>(seen.size()) == samples) h.collector->stop();
    }
  });
  h.start();  // returns once stop() has ended every run
  return seen;
}

TEST(collector_cadence, slow_details_and_process_list_never_delay_the_gpu_samples) {
  collector_harness h(interval_options(0.001));
  smi_emulator emu(machine(h100), "load");
  h.runner.set_fallback([&](const std::vector<std::string>& args) {
    auto run = emu(args);
    // -q and compute apps hang for an hour: a wedged driver call on a big host.
    if (starts_with(args, "-q") || starts_with(args, "--query-compute-apps=")) run.delay = 1h;
    return run;
  });
  const auto samples = run_until_samples(h, 5);
  ASSERT_EQ(samples.size(), 5u);
  EXPECT_EQ(h.runner.count("--query-gpu="), 5u);
  // Each slow part has one run in flight, never queued behind itself or the query.
  EXPECT_EQ(h.runner.count("-q"), 1u);
  EXPECT_EQ(h.runner.count("--query-compute-apps="), 1u);
  EXPECT_EQ(h.runner.max_alike_in_flight(), 1);
  for (const auto& s : samples) {
    EXPECT_FALSE(s->health.last_error.has_value());
    EXPECT_EQ(s->health.processes.runs_total, 0u) << "still in flight";
    EXPECT_EQ(s->health.details.runs_total, 0u) << "still in flight";
  }
}

TEST(collector_cadence, the_first_query_runs_beside_the_facts) {
  collector_harness h(interval_options(3600.0));
  smi_emulator emu(machine(h100));
  h.runner.set_fallback([&](const std::vector<std::string>& args) {
    auto run = emu(args);
    // Persistence mode off: every call initialises NVML, and the facts are three calls.
    if (starts_with(args, "--version") || starts_with(args, "-L") ||
        starts_with(args, "--help-query-gpu"))
      run.delay = 30ms;
    return run;
  });
  const auto samples = run_until_samples(h, 1);
  ASSERT_EQ(samples.size(), 1u);
  // All four started together: the query was asked for before any fact came back...
  ASSERT_GE(h.runner.requests().size(), 4u);
  bool query_among_first_four = false;
  for (std::size_t i = 0; i < 4; ++i)
    query_among_first_four |= h.runner.requests()[i].args.at(0).starts_with("--query-gpu=");
  EXPECT_TRUE(query_among_first_four);
  EXPECT_GE(h.runner.max_in_flight(), 4);
  // ...and the first sample, held until the facts arrived, is published with them.
  const auto& first = samples.front();
  EXPECT_EQ(first->gpus.rows.size(), 1u);
  EXPECT_TRUE(first->facts.nvidia_smi_available);
  EXPECT_EQ(first->facts.driver_version, "590.48.01");
  EXPECT_EQ(h.runner.count("--query-gpu="), 1u);
}

TEST(collector_cadence, a_rejected_field_on_the_first_query_falls_back_to_discovery) {
  collector_harness h(interval_options(3600.0));
  // 465 knows clocks_throttle_reasons.*, not the newest names the first query asks for.
  smi_emulator emu(machine("geforce-rtx-2080-super__465.27"));
  emu.banner = "| NVIDIA-SMI 465.27       Driver Version: 465.27       CUDA Version: 11.3     |\n";
  h.runner.set_fallback([&](const std::vector<std::string>& args) {
    auto run = emu(args);
    if (starts_with(args, "--help-query-gpu")) run.delay = 20ms;  // answers after the query
    return run;
  });
  const auto samples = run_until_samples(h, 1);
  ASSERT_EQ(samples.size(), 1u);
  const auto& s = *samples.front();
  EXPECT_EQ(h.runner.count("--query-gpu="), 2u) << "the optimistic query, then the catalog's";
  EXPECT_FALSE(s.health.last_error.has_value());
  EXPECT_NE(s.gpus.column("clocks_event_reasons.active"), -1) << "kept under its old name";
  const auto* c = s.gpus.find(0, "clocks_event_reasons.active");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->raw, emu.value(0, "clocks_throttle_reasons.active"));
}

TEST(collector_cadence, a_failing_details_run_keeps_its_last_value_with_its_own_error) {
  auto options = interval_options(0.001);
  collector_harness h(options);
  smi_emulator emu(machine(h100), "load");
  int q_runs = 0;
  h.runner.set_fallback([&](const std::vector<std::string>& args) {
    if (starts_with(args, "-q") && ++q_runs > 1) return ended(run_outcome::timed_out);
    return emu(args);
  });
  const auto samples = run_until_samples(h, 40);
  const auto last = h.store.current();
  ASSERT_GE(q_runs, 2);
  EXPECT_FALSE(last->details.empty()) << "the first -q's figures are kept";
  ASSERT_TRUE(last->health.details.last_error.has_value());
  EXPECT_EQ(last->health.details.last_error->kind, collection_failure::timed_out);
  EXPECT_TRUE(last->health.details.last_success.has_value());
  EXPECT_FALSE(last->health.last_error.has_value()) << "the GPU figures did not fail";
}

TEST(collector_cadence, details_interval_zero_never_runs_q) {
  auto options = interval_options(0.001);
  options.details_interval = std::chrono::duration<double>(0.0);
  collector_harness h(options);
  smi_emulator emu(machine(h100));
  h.runner.set_fallback(std::cref(emu));
  run_until_samples(h, 3);
  EXPECT_EQ(h.runner.count("-q"), 0u);
  EXPECT_GE(h.runner.count("--query-compute-apps="), 1u);
}

}  // namespace
}  // namespace smistat::collect
