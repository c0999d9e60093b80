#include <gtest/gtest.h>

#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>

#include "src/collect/collector.hpp"
#include "tests/collect/collector_harness.hpp"

namespace smistat::collect {
namespace {

using namespace std::chrono_literals;
namespace net = boost::asio;
using test::collector_harness;
using test::interval_options;
using test::machine;
using test::smi_emulator;

const char* const h100 = "h100-80gb-hbm3__590.48.01";

TEST(collector_schedule, on_demand_start_reads_facts_only) {
  collector_harness h;
  smi_emulator emu(machine(h100));
  h.runner.set_fallback(std::cref(emu));
  h.start();
  const auto s = h.store.current();
  EXPECT_EQ(s->generation, 2u) << "the first host reading, then the facts";
  ASSERT_NE(s->host, nullptr);
  EXPECT_TRUE(s->facts.nvidia_smi_available);
  EXPECT_FALSE(s->has_data());
  EXPECT_EQ(s->health.runs_total, 0u);
  EXPECT_EQ(h.runner.count("--query-gpu="), 0u);
}

TEST(collector_schedule, concurrent_requests_share_one_run) {
  collector_harness h(test::on_demand_options(60.0));
  smi_emulator emu(machine(h100));
  h.runner.set_fallback(std::cref(emu));
  h.start();
  std::vector<snapshot_ptr> answers;
  for (int i = 0; i < 10; ++i)
    h.collector->request_fresh([&](snapshot_ptr s) { answers.push_back(s); });
  h.run();
  ASSERT_EQ(answers.size(), 10u);
  EXPECT_EQ(h.runner.count("--query-gpu="), 1u);
  for (const auto& a : answers) EXPECT_EQ(a, answers.front());
  EXPECT_TRUE(answers.front()->has_data());

  // Younger than the refresh interval: answered from the store, no run. (The process list
  // read beside the sample made a newer generation of the same GPU figures.)
  const auto cached = h.fresh();
  EXPECT_EQ(cached, h.store.current());
  EXPECT_EQ(cached->sampled_at, answers.front()->sampled_at);
  EXPECT_EQ(h.runner.count("--query-gpu="), 1u);
  EXPECT_EQ(h.runner.max_alike_in_flight(), 1);
}

TEST(collector_schedule, interval_zero_runs_for_every_request_one_at_a_time) {
  collector_harness h(test::on_demand_options(0.0));
  smi_emulator emu(machine(h100));
  bool asked_during_run = false;
  snapshot_ptr during;
  h.runner.set_fallback([&](const std::vector<std::string>& args) {
    if (!args.empty() && args[0].starts_with("--query-gpu=") && !asked_during_run) {
      asked_during_run = true;  // a request that arrives while the first sample runs
      h.collector->request_fresh([&](snapshot_ptr s) { during = std::move(s); });
    }
    return emu(args);
  });
  h.start();
  const auto first = h.fresh();
  ASSERT_NE(during, nullptr);
  EXPECT_GT(during->generation, first->generation) << "it needs a run that started after it";
  EXPECT_EQ(h.runner.count("--query-gpu="), 2u);
  h.fresh();
  h.fresh();
  EXPECT_EQ(h.runner.count("--query-gpu="), 4u);
  EXPECT_EQ(h.runner.max_alike_in_flight(), 1);
}

TEST(collector_schedule, interval_mode_samples_until_stopped) {
  collector_harness h(interval_options(0.001));
  smi_emulator emu(machine(h100));
  h.runner.set_fallback([&](const std::vector<std::string>& args) {
    auto run = emu(args);
    run.delay = 2ms;  // longer than the interval: the next run starts right after
    return run;
  });
  std::uint64_t samples = 0;
  h.store.subscribe([&](const snapshot_ptr& s) {
    // The first process list is published on its own, without a new GPU run: not a sample.
    if (s->has_data() && s->health.runs_total > samples && ++samples == 3) h.collector->stop();
  });
  h.start();  // returns once stop() has cancelled the timer
  EXPECT_EQ(samples, 3);
  EXPECT_EQ(h.runner.count("--query-gpu="), 3u);
  EXPECT_EQ(h.runner.count("--version"), 1u);
  EXPECT_EQ(h.store.current()->health.runs_total, 3u);
}

TEST(collector_schedule, interval_mode_answers_requests_from_the_store) {
  collector_harness h(interval_options(3600.0));
  smi_emulator emu(machine(h100));
  h.runner.set_fallback(std::cref(emu));
  snapshot_ptr first, answered;
  h.store.async_wait_first(h.ctx.get_executor(), 1h, [&](auto, snapshot_ptr s) {
    first = std::move(s);
    h.collector->request_fresh([&](snapshot_ptr a) {
      answered = std::move(a);
      h.collector->stop();
    });
  });
  h.start();
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(answered, first);
  EXPECT_EQ(h.runner.count("--query-gpu="), 1u);
}

TEST(collector_schedule, stop_cancels_the_run_in_flight) {
  collector_harness h(interval_options(1.0));
  smi_emulator emu(machine(h100));
  h.runner.set_fallback([&](const std::vector<std::string>& args) {
    auto run = emu(args);
    if (!args.empty() && args[0].starts_with("--query-gpu=")) {
      run.delay = 1h;  // a wedged GPU
      net::post(h.ctx, [&] { h.collector->stop(); });
    }
    return run;
  });
  h.start();  // returns only because the hour-long run was cancelled
  EXPECT_EQ(h.runner.cancels(), 1);
  // Only the first host reading, taken at start, was published: nothing after stop.
  EXPECT_EQ(h.store.current()->generation, 1u) << "nothing is published after stop";
}

TEST(collector_schedule, stop_answers_waiting_requests) {
  collector_harness h(test::on_demand_options(0.0));
  smi_emulator emu(machine(h100));
  h.runner.set_fallback([&](const std::vector<std::string>& args) {
    auto run = emu(args);
    if (!args.empty() && args[0].starts_with("--query-gpu=")) {
      run.delay = 1h;
      net::post(h.ctx, [&] { h.collector->stop(); });
    }
    return run;
  });
  h.start();
  const auto s = h.fresh();
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(s->has_data());
}

TEST(collector_schedule, first_sample_wait_times_out_while_the_first_run_hangs) {
  collector_harness h(interval_options(1.0));
  smi_emulator emu(machine(h100));
  h.runner.set_fallback([&](const std::vector<std::string>& args) {
    auto run = emu(args);
    if (!args.empty() && args[0].starts_with("--query-gpu=")) run.delay = 1h;
    return run;
  });
  boost::system::error_code got_ec;
  h.store.async_wait_first(h.ctx.get_executor(), 5ms, [&](auto ec, snapshot_ptr) {
    got_ec = ec;
    h.collector->stop();
  });
  h.start();
  EXPECT_EQ(got_ec, net::error::timed_out);
}

/** Runs the collector until the store publishes a snapshot that meets `ready`, and returns it.
 *  The hour-long wait can only end with such a publish. */
snapshot_ptr first_published(collector_harness& h, snapshot_condition ready) {
  snapshot_ptr got;
  h.store.async_wait_until(h.ctx.get_executor(), 1h, ready, [&](auto ec, snapshot_ptr s) {
    EXPECT_FALSE(ec);
    got = std::move(s);
    h.collector->stop();
  });
  h.start();
  return got;
}

TEST(collector_schedule, first_sample_wait_completes_with_the_first_sample) {
  collector_harness h(interval_options(3600.0));
  smi_emulator emu(machine(h100));
  h.runner.set_fallback(std::cref(emu));
  const auto got = first_published(h, &has_collected);
  ASSERT_NE(got, nullptr);
  EXPECT_TRUE(got->has_data());
}

TEST(collector_schedule, first_process_list_is_published_without_waiting_for_the_next_sample) {
  // An hour between samples: only a publish of the list itself can end this wait.
  collector_harness h(interval_options(3600.0));
  smi_emulator emu(machine(h100), "load");
  h.runner.set_fallback(std::cref(emu));
  const auto got = first_published(h, &has_collected_processes);
  ASSERT_NE(got, nullptr);
  EXPECT_TRUE(got->has_data());
  EXPECT_EQ(got->health.processes.runs_total, 1u);
  EXPECT_EQ(got->apps.size(), 3u);  // the three processes of the load recording
  EXPECT_EQ(h.runner.count("--query-gpu="), 1u);
}

TEST(collector_schedule, a_process_list_that_hangs_does_not_hold_the_first_sample) {
  collector_harness h(interval_options(3600.0));
  smi_emulator emu(machine(h100), "load");
  h.runner.set_fallback([&](const std::vector<std::string>& args) {
    auto run = emu(args);
    if (!args.empty() && args[0].starts_with("--query-compute-apps=")) run.delay = 1h;
    return run;
  });
  snapshot_ptr first;
  boost::system::error_code processes_ec;
  h.store.async_wait_first(h.ctx.get_executor(), 1h, [&](auto, snapshot_ptr s) {
    first = std::move(s);
    h.store.async_wait_until(h.ctx.get_executor(), 5ms, &has_collected_processes,
                             [&](auto ec, snapshot_ptr) {
                               processes_ec = ec;
                               h.collector->stop();
                             });
  });
  h.start();
  ASSERT_NE(first, nullptr);
  EXPECT_TRUE(first->has_data());
  EXPECT_EQ(first->health.processes.runs_total, 0u);
  EXPECT_EQ(processes_ec, net::error::timed_out);
}

}  // namespace
}  // namespace smistat::collect
