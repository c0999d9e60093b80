#include <gtest/gtest.h>

#include "src/collect/collector.hpp"
#include "tests/collect/collector_harness.hpp"

namespace smistat::collect {
namespace {

using runner::run_outcome;
using test::collector_harness;
using test::ended;
using test::exited;
using test::machine;
using test::smi_emulator;

const char* const h100 = "h100-80gb-hbm3__590.48.01";
const char* const driver_not_loaded =
    "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure "
    "that the latest NVIDIA driver is installed and running.";
const char* const lost_line =
    "Unable to determine the device handle for GPU 0000:03:00.0: GPU is lost.  Reboot the "
    "system to recover this GPU";

TEST(collector_failure, missing_binary) {
  collector_harness h;
  h.runner.set_fallback([](const auto&) { return ended(run_outcome::spawn_failed); });
  h.start();
  const auto s = h.fresh();
  EXPECT_FALSE(s->facts.nvidia_smi_found);
  EXPECT_FALSE(s->facts.nvidia_smi_available);
  EXPECT_FALSE(s->has_data());
  ASSERT_TRUE(s->health.last_error.has_value());
  EXPECT_EQ(s->health.last_error->kind, collection_failure::nvidia_smi_missing);
  EXPECT_EQ(s->health.last_error->message, "No such file or directory");
  EXPECT_EQ(s->health.consecutive_failures, 1u);
  EXPECT_EQ(s->health.errors_total, 1u);
  EXPECT_FALSE(s->health.last_success.has_value());
  EXPECT_TRUE(s->health.last_attempt.has_value());
  EXPECT_EQ(h.runner.count(""), 0u) << "no banner fallback without a binary";
}

TEST(collector_failure, driver_not_loaded_exit_9_and_discovery_is_retried) {
  collector_harness h;
  h.runner.set_fallback(
      [](const auto&) { return exited(9, std::string(driver_not_loaded) + "\n\n"); });
  h.start();
  auto s = h.fresh();
  EXPECT_TRUE(s->facts.nvidia_smi_found);
  EXPECT_FALSE(s->facts.nvidia_smi_available);
  ASSERT_TRUE(s->health.last_error.has_value());
  EXPECT_EQ(s->health.last_error->kind, collection_failure::driver_not_loaded);
  EXPECT_EQ(s->health.last_error->exit_code, 9);
  EXPECT_EQ(s->health.last_error->message, driver_not_loaded);
  EXPECT_EQ(s->health.last_exit_code, 9);

  const auto facts = h.store.current()->health.facts;
  ASSERT_TRUE(facts.last_error.has_value());
  EXPECT_EQ(facts.last_error->kind, collection_failure::driver_not_loaded);
  EXPECT_FALSE(facts.last_success.has_value());
  const auto help_runs = h.runner.count("--help-query-gpu");
  EXPECT_GE(help_runs, 2u) << "read at start, and again beside the failed sample";

  // The driver comes up: the sample succeeds, and facts and fields are read beside it.
  smi_emulator emu(machine(h100));
  h.runner.set_fallback(std::cref(emu));
  s = h.fresh();
  EXPECT_GT(h.runner.count("--help-query-gpu"), help_runs);
  EXPECT_TRUE(h.store.current()->facts.nvidia_smi_available);
  EXPECT_FALSE(h.store.current()->health.facts.last_error.has_value());
  EXPECT_TRUE(s->has_data());
  EXPECT_FALSE(s->health.last_error.has_value());
  EXPECT_EQ(s->health.consecutive_failures, 0u);
  EXPECT_EQ(s->health.errors_total, 1u);
  EXPECT_EQ(s->health.runs_total, 2u);
}

TEST(collector_failure, run_outcomes_become_error_kinds) {
  struct row {
    run_outcome outcome;
    const char* kind;
  };
  for (const auto& r : {row{run_outcome::timed_out, "timed_out"},
                        row{run_outcome::output_too_large, "output_too_large"},
                        row{run_outcome::killed_by_signal, "killed_by_signal"}}) {
    collector_harness h;
    smi_emulator emu(machine(h100));
    h.runner.set_fallback(std::cref(emu));
    h.runner.script("--query-gpu=", {ended(r.outcome)});
    h.start();
    const auto s = h.fresh();
    ASSERT_TRUE(s->health.last_error.has_value()) << r.kind;
    EXPECT_EQ(name_of(s->health.last_error->kind), r.kind);
    EXPECT_EQ(s->health.consecutive_failures, 1u) << r.kind;
    EXPECT_TRUE(s->facts.nvidia_smi_available) << r.kind;
  }
}

TEST(collector_failure, garbage_keeps_the_last_good_data_and_marks_it_degraded) {
  collector_harness h;
  smi_emulator emu(machine(h100), "load");
  h.runner.set_fallback(std::cref(emu));
  h.start();
  const auto good = h.fresh();
  ASSERT_TRUE(good->has_data());
  const auto settled = h.store.current();  // with the process list read beside the sample

  h.runner.script("--query-gpu=", {exited(0, "garbage\n")});
  const auto bad = h.fresh();
  ASSERT_TRUE(bad->health.last_error.has_value());
  EXPECT_EQ(bad->health.last_error->kind, collection_failure::parse_error);
  EXPECT_GT(bad->generation, good->generation);
  EXPECT_EQ(bad->sampled_at, good->sampled_at);
  EXPECT_EQ(bad->health.last_success, good->health.last_success);
  EXPECT_EQ(bad->gpus.rows, good->gpus.rows);
  EXPECT_EQ(bad->apps, settled->apps);
  EXPECT_FALSE(bad->apps.empty());
  EXPECT_EQ(bad->health.consecutive_failures, 1u);
  EXPECT_TRUE(bad->degraded(wall_clock::now()));
  EXPECT_FALSE(good->degraded(*good->sampled_at));
}

TEST(collector_failure, lost_gpu_publishes_the_others_and_counts_as_success) {
  collector_harness h;
  smi_emulator emu(machine(h100));
  h.runner.set_fallback([&emu](const std::vector<std::string>& args) {
    auto run = emu(args);
    if (!args.empty() && args[0].starts_with("--query-gpu=")) {
      run.result.out += std::string(lost_line) + "\n";
      run.result.exit_code = 15;
    }
    return run;
  });
  h.start();
  const auto s = h.fresh();
  ASSERT_EQ(s->gpus.rows.size(), 1u);
  ASSERT_EQ(s->gpus.lost.size(), 1u);
  EXPECT_EQ(s->gpus.lost[0].bus_id, "0000:03:00.0");
  ASSERT_TRUE(s->health.last_error.has_value());
  EXPECT_EQ(s->health.last_error->kind, collection_failure::gpu_lost);
  EXPECT_EQ(s->health.last_error->exit_code, 15);
  EXPECT_EQ(s->health.last_error->message, lost_line);
  EXPECT_EQ(s->health.consecutive_failures, 0u);
  EXPECT_EQ(s->health.last_success, s->sampled_at);
  EXPECT_EQ(s->health.most_gpus_seen, 2u) << "a lost GPU was seen, and is expected back";
}

TEST(collector_failure, most_gpus_seen_outlives_a_gpu_that_disappears) {
  // The first sample lists a lost GPU beside the good one; later ones no longer mention it, as
  // when a GPU has fallen off the bus for good.
  collector_harness h;
  smi_emulator emu(machine(h100));
  int queries = 0;
  h.runner.set_fallback([&emu, &queries](const std::vector<std::string>& args) {
    auto run = emu(args);
    if (!args.empty() && args[0].starts_with("--query-gpu=") && ++queries == 1)
      run.result.out += std::string(lost_line) + "\n";
    return run;
  });
  h.start();
  const auto first = h.fresh();
  const auto later = h.fresh();
  ASSERT_GT(later->generation, first->generation);
  EXPECT_GE(queries, 2);
  EXPECT_EQ(later->gpus.rows.size(), 1u);
  EXPECT_TRUE(later->gpus.lost.empty());
  EXPECT_EQ(later->health.most_gpus_seen, 2u);
}

TEST(collector_failure, failing_process_list_keeps_fresh_gpu_rows) {
  collector_harness h;
  smi_emulator emu(machine(h100), "load");
  h.runner.set_fallback(std::cref(emu));
  h.start();
  h.fresh();
  const auto good = h.store.current();
  ASSERT_EQ(good->apps.size(), 3u);
  h.runner.script("--query-compute-apps=", {ended(run_outcome::timed_out)});
  const auto sample = h.fresh();
  EXPECT_EQ(sample->health.consecutive_failures, 0u);
  EXPECT_EQ(sample->health.last_success, sample->sampled_at);
  EXPECT_FALSE(sample->health.last_error.has_value()) << "the GPU figures did not fail";
  // The process list keeps its last good value, with its own age and error beside it.
  const auto s = h.store.current();
  EXPECT_EQ(s->apps, good->apps);
  ASSERT_TRUE(s->health.processes.last_error.has_value());
  EXPECT_EQ(s->health.processes.last_error->kind, collection_failure::timed_out);
  EXPECT_EQ(s->health.processes.last_success, good->health.processes.last_success);
  EXPECT_EQ(s->health.processes.errors_total, 1u);
}

}  // namespace
}  // namespace smistat::collect
