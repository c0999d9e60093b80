// Loop mode: one long-lived `nvidia-smi --query-gpu=... -lms N` child, played by the test
// through a fake launcher. Every batch is a snapshot; the child is restarted when it exits and
// killed when it goes silent; damaged batches cost one sample, never the loop.
#include <gtest/gtest.h>

#include "src/collect/collector.hpp"
#include "tests/collect/collector_harness.hpp"

namespace smistat::collect {
namespace {

using namespace std::chrono_literals;
using test::collector_harness;
using test::machine;
using test::smi_emulator;

const char* const eight_gpus = "synthetic-8x-h100__590.48.01";
const char* const lost_line =
    "Unable to determine the device handle for GPU 0000:5D:00.0: GPU is lost.  Reboot the "
    "system to recover this GPU";

collector_options loop_options(std::chrono::milliseconds watchdog = 1h) {
  auto o = test::on_demand_options(0.001);
  o.mode = collect_mode::loop;
  o.run_timeout = watchdog;
  o.loop_restart_delay = 1ms;
  o.loop_backoff_delay = 1ms;
  o.loop_backoff_max_delay = 4ms;
  o.details_interval = std::chrono::duration<double>(0.0);
  return o;
}

struct loop_fixture {
  explicit loop_fixture(collector_options options = loop_options())
      : h(std::move(options)), emu(machine(eight_gpus)) {
    h.runner.set_fallback(std::cref(emu));
    h.collector->start();
    settle();  // facts read, the first child started
  }
  ~loop_fixture() {
    h.collector->stop();
    settle();
  }
  /** Runs what is ready; the loop's own timers keep the context busy, so no run-to-idle. */
  void settle(std::chrono::milliseconds d = 30ms) {
    h.ctx.restart();
    h.ctx.run_for(d);
  }
  /** Runs until `done()` holds (at most 10 s, so a loaded machine cannot make it flaky). */
  template <class Pred>
  void settle_until(Pred done) {
    for (int i = 0; i < 2000 && !done(); ++i) settle(5ms);
  }
  /** Runs until the collector has taken `n` GPU outcomes (batches and child exits). */
  void settle_runs(std::uint64_t n) {
    settle_until([&] { return h.store.current()->health.runs_total >= n; });
  }
  /** One sample as the live child would print it, for the fields it was asked for. */
  std::string batch() const {
    const auto& args = h.launcher.requests().back().args;
    return emu({args.at(0), args.at(1)}).result.out;
  }
  std::vector<std::string> rows() const {
    std::vector<std::string> out;
    const auto text = batch();
    std::size_t pos = 0;
    while (pos < text.size()) {
      const auto nl = text.find('\n', pos);
      out.push_back(text.substr(pos, nl - pos));
      pos = nl + 1;
    }
    return out;
  }
  static std::string join(const std::vector<std::string>& rows) {
    std::string out;
    for (const auto& r : rows) out += r + "\n";
    return out;
  }

  collector_harness h;
  smi_emulator emu;
};

TEST(collector_loop, each_batch_is_a_snapshot) {
  loop_fixture f;
  ASSERT_EQ(f.h.launcher.requests().size(), 1u);
  const auto& args = f.h.launcher.requests().front().args;
  ASSERT_EQ(args.size(), 4u);
  EXPECT_TRUE(args[0].starts_with("--query-gpu="));
  EXPECT_EQ(args[1], "--format=csv,noheader,nounits");
  EXPECT_EQ(args[2], "-lms");
  EXPECT_EQ(args[3], "1");
  EXPECT_EQ(f.h.runner.count("--query-gpu="), 0u) << "no one-shot queries in loop mode";

  f.h.launcher.print(f.batch());
  f.settle_runs(1);
  const auto first = f.h.store.current();
  ASSERT_TRUE(first->has_data());
  EXPECT_EQ(first->gpus.rows.size(), 8u);
  f.h.launcher.print(f.batch());
  f.settle_runs(2);
  const auto s = f.h.store.current();
  EXPECT_GT(s->sampled_at, first->sampled_at);
  EXPECT_EQ(s->health.mode, "loop");
  EXPECT_EQ(s->health.runs_total, 2u);
  ASSERT_TRUE(s->health.loop.has_value());
  EXPECT_EQ(s->health.loop->batches, 2u);
  EXPECT_EQ(s->health.loop->pid, 1000);
  EXPECT_EQ(s->health.loop->restarts, 0u);
  EXPECT_TRUE(s->health.loop->last_line.has_value());
  EXPECT_FALSE(s->health.last_error.has_value());
  EXPECT_GE(f.h.runner.count("--query-compute-apps="), 1u) << "processes on their own cadence";
}

TEST(collector_loop, a_batch_split_anywhere_is_still_one_sample) {
  loop_fixture f;
  const auto text = f.batch();
  for (std::size_t i = 0; i < text.size(); i += 7) f.h.launcher.print(text.substr(i, 7));
  f.settle_runs(1);
  const auto s = f.h.store.current();
  ASSERT_TRUE(s->has_data());
  EXPECT_EQ(s->gpus.rows.size(), 8u);
  EXPECT_EQ(s->health.runs_total, 1u);
}

TEST(collector_loop, a_child_that_exits_is_restarted) {
  loop_fixture f;
  f.h.launcher.print(f.batch());
  f.settle_runs(1);
  f.h.launcher.exit(0);
  f.settle_until([&] { return f.h.launcher.requests().size() == 2; });
  ASSERT_EQ(f.h.launcher.requests().size(), 2u);
  auto s = f.h.store.current();
  ASSERT_TRUE(s->health.last_error.has_value());
  EXPECT_EQ(s->health.last_error->kind, collection_failure::loop_ended);
  EXPECT_TRUE(s->has_data()) << "the last good batch is still served";

  f.h.launcher.print(f.batch());
  f.settle_runs(3);
  s = f.h.store.current();
  EXPECT_FALSE(s->health.last_error.has_value());
  EXPECT_EQ(s->health.consecutive_failures, 0u);
  EXPECT_EQ(s->health.loop->batches, 2u);
  EXPECT_EQ(s->health.loop->restarts, 1u);
  EXPECT_EQ(s->health.loop->pid, 1001);
}

TEST(collector_loop, a_child_that_keeps_failing_is_restarted_with_back_off) {
  loop_fixture f;
  for (int i = 0; i < 6; ++i) {
    // Each child fails once it runs; the next one is awaited, however long the back-off and the
    // machine take.
    const auto children = f.h.launcher.requests().size();
    f.h.launcher.exit(9, "");
    f.settle_until([&] { return f.h.launcher.requests().size() > children; });
  }
  const auto s = f.h.store.current();
  EXPECT_EQ(f.h.launcher.requests().size(), 7u);
  EXPECT_EQ(s->health.consecutive_failures, 6u);
  EXPECT_FALSE(s->has_data());
}

TEST(collector_loop, a_silent_child_is_killed_by_the_watchdog_and_restarted) {
  loop_fixture f(loop_options(40ms));
  f.h.launcher.print(f.batch());
  f.settle_runs(1);
  ASSERT_TRUE(f.h.store.current()->has_data());
  // The child prints nothing more: a wedged GPU.
  f.settle_until([&] { return f.h.launcher.requests().size() >= 2; });
  EXPECT_GE(f.h.launcher.stops(), 1);
  EXPECT_GE(f.h.launcher.requests().size(), 2u);
  const auto s = f.h.store.current();
  ASSERT_TRUE(s->health.last_error.has_value());
  EXPECT_EQ(s->health.last_error->kind, collection_failure::timed_out);
  EXPECT_TRUE(s->has_data());
}

TEST(collector_loop, a_child_that_keeps_printing_outlives_the_watchdog_deadline) {
  // The watchdog is armed once per child: batches only note their time, and the check it makes
  // when it fires must find the child alive well past its first deadline.
  loop_fixture f(loop_options(1s));
  for (int i = 0; i < 125; ++i) {
    f.h.launcher.print(f.batch());
    f.settle(20ms);
  }
  EXPECT_EQ(f.h.launcher.stops(), 0);
  EXPECT_EQ(f.h.launcher.requests().size(), 1u);
  EXPECT_TRUE(f.h.launcher.running());
  // Then it goes silent: the next check kills it.
  f.settle_until([&] { return f.h.launcher.requests().size() >= 2; });
  EXPECT_EQ(f.h.launcher.stops(), 1);
  EXPECT_EQ(f.h.store.current()->health.last_error->kind, collection_failure::timed_out);
}

TEST(collector_loop, a_ragged_batch_costs_one_sample) {
  loop_fixture f;
  auto rows = f.rows();
  ASSERT_EQ(rows.size(), 8u);
  rows[5] = rows[5].substr(0, rows[5].rfind(", "));  // one cell short
  f.h.launcher.print(loop_fixture::join(rows));
  f.settle_runs(1);
  auto s = f.h.store.current();
  ASSERT_TRUE(s->health.last_error.has_value());
  EXPECT_EQ(s->health.last_error->kind, collection_failure::parse_error);
  EXPECT_FALSE(s->has_data());

  f.h.launcher.print(f.batch());
  f.settle_runs(2);
  s = f.h.store.current();
  EXPECT_TRUE(s->has_data());
  EXPECT_FALSE(s->health.last_error.has_value());
  EXPECT_EQ(f.h.launcher.requests().size(), 1u) << "the child was not restarted";
}

TEST(collector_loop, a_gpu_lost_mid_stream_leaves_the_others) {
  loop_fixture f;
  f.h.launcher.print(f.batch());
  auto rows = f.rows();
  rows[3] = lost_line;
  f.h.launcher.print(loop_fixture::join(rows));
  f.settle_runs(2);
  const auto s = f.h.store.current();
  EXPECT_EQ(s->gpus.rows.size(), 7u);
  ASSERT_EQ(s->gpus.lost.size(), 1u);
  EXPECT_EQ(s->gpus.lost[0].bus_id, "0000:5D:00.0");
  ASSERT_TRUE(s->health.last_error.has_value());
  EXPECT_EQ(s->health.last_error->kind, collection_failure::gpu_lost);
  EXPECT_EQ(s->health.consecutive_failures, 0u);
  EXPECT_EQ(s->health.loop->batches, 2u);
}

TEST(collector_loop, a_rejected_field_restarts_the_child_without_it) {
  loop_fixture f;
  const auto first = f.h.launcher.requests().front().args.at(0);
  ASSERT_NE(first.find("compute_cap"), std::string::npos);
  f.h.launcher.print("Field \"compute_cap\" is not a valid field to query.\n\n");
  f.h.launcher.exit(2);
  f.settle_until([&] { return f.h.launcher.requests().size() == 2; });
  ASSERT_EQ(f.h.launcher.requests().size(), 2u);
  const auto second = f.h.launcher.requests().back().args.at(0);
  EXPECT_EQ(second.find("compute_cap"), std::string::npos);
  f.h.launcher.print(f.batch());
  f.settle_runs(1);
  EXPECT_TRUE(f.h.store.current()->has_data());
  EXPECT_EQ(f.h.store.current()->gpus.column("compute_cap"), -1);
}

TEST(collector_loop, stop_ends_the_child_and_publishes_nothing_more) {
  loop_fixture f;
  f.h.launcher.print(f.batch());
  f.settle_runs(1);
  // The first process list is published on its own when it comes; wait for it, so the
  // generation below is the last one before stop.
  f.settle_until([&] { return has_collected_processes(*f.h.store.current()); });
  const auto generation = f.h.store.current()->generation;
  f.h.collector->stop();
  f.settle();
  EXPECT_FALSE(f.h.launcher.running());
  f.h.launcher.print(f.batch());
  f.settle();
  EXPECT_EQ(f.h.store.current()->generation, generation);
}

}  // namespace
}  // namespace smistat::collect
