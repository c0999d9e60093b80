// Loop mode's streamed process list, played through a fake launcher and a fake run count: rows
// are the list, silence is "no process" only while the child keeps waking, and a child that
// ends or sticks is replaced.
#include "src/collect/apps_stream.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/collect/fake_stream_launcher.hpp"

namespace smistat::collect {
namespace {

using namespace std::chrono_literals;
using clock = apps_stream::clock;

const std::string two_rows =
    "GPU-00000000-0000-0000-0000-000000000000, 11327, /root/tools/memhog, 2566\n"
    "GPU-00000000-0000-0000-0000-000000000001, 11328, /root/tools/memhog, 1542\n";

collector_options stream_options() {
  collector_options o;
  o.program = "nvidia-smi";
  o.mode = collect_mode::loop;
  o.refresh_interval = seconds(0.1);  // stale after 1.2 s
  o.run_timeout = 2s;                 // stuck after 2 s
  o.loop_restart_delay = 1ms;
  o.loop_backoff_delay = 1ms;
  o.loop_backoff_max_delay = 4ms;
  return o;
}

struct stream_fixture {
  stream_fixture() {
    stream = std::make_shared<apps_stream>(
        ctx.get_executor(), launcher, options,
        [this](const collection_error& why) { exits.push_back(why); },
        [this](int) {
          ++probes;
          return times_run;
        });
    before_start = clock::now();
    stream->start();
    started = clock::now();
    settle();
  }
  ~stream_fixture() {
    stream->stop();
    settle();
  }
  void settle() {
    ctx.restart();
    ctx.run_for(20ms);
  }
  /** The child wakes once between two looks, as a loop sleeping between iterations does. */
  void wake() { times_run = times_run.value_or(0) + 1; }

  boost::asio::io_context ctx;
  collector_options options = stream_options();
  test::fake_stream_launcher launcher{ctx.get_executor()};
  std::optional<std::uint64_t> times_run = 7;
  int probes = 0;  ///< how often the run count was read
  std::vector<collection_error> exits;
  std::shared_ptr<apps_stream> stream;
  // The child started between these two: a look that must come before a deadline counts from
  // the first, one that must come after it from the second, however slow the machine.
  clock::time_point before_start, started;
};

TEST(apps_stream, the_child_repeats_the_process_query_every_interval) {
  stream_fixture f;
  ASSERT_EQ(f.launcher.requests().size(), 1u);
  const std::vector<std::string> args{
      "--query-compute-apps=gpu_uuid,pid,process_name,used_gpu_memory",
      "--format=csv,noheader,nounits", "-lms", "100"};
  EXPECT_EQ(f.launcher.requests().front().args, args);
  EXPECT_TRUE(f.launcher.requests().front().read_when_asked) << "rows wait for a look";
}

TEST(apps_stream, the_rows_of_the_last_batch_are_the_list) {
  stream_fixture f;
  EXPECT_FALSE(f.stream->latest(clock::now())) << "a young child that printed nothing";
  f.launcher.print(two_rows);
  f.settle();
  const auto latest = f.stream->latest(clock::now());
  ASSERT_TRUE(latest && latest->apps) << "a list";
  EXPECT_FALSE(latest->error);
  ASSERT_EQ(latest->apps->size(), 2u);
  EXPECT_EQ(latest->apps->front().pid, 11327);
}

TEST(apps_stream, a_silent_child_that_keeps_waking_runs_no_process) {
  stream_fixture f;
  for (auto at = 100ms; at <= 1200ms; at += 100ms) {
    f.wake();
    EXPECT_FALSE(f.stream->latest(f.before_start + at))
        << "not yet known at " << at.count() << " ms";
  }
  f.wake();
  const auto latest = f.stream->latest(f.started + 1300ms);
  ASSERT_TRUE(latest && latest->apps) << "silent for the stale time, yet running";
  EXPECT_TRUE(latest->apps->empty());
  EXPECT_FALSE(latest->error);
}

TEST(apps_stream, a_silent_child_that_stopped_waking_keeps_the_list_unknown) {
  stream_fixture f;
  // The rows are read between these two.
  const auto before = clock::now();
  f.launcher.print(two_rows);
  f.settle();
  const auto printed = clock::now();
  ASSERT_TRUE(f.stream->latest(printed)->apps);
  // Its count never moves again: stuck in a driver call, or paused.
  for (auto at = 100ms; at <= 1200ms; at += 100ms) {
    const auto latest = f.stream->latest(before + at);
    ASSERT_TRUE(latest && latest->apps);
    EXPECT_EQ(latest->apps->size(), 2u) << "the last batch, at " << at.count() << " ms";
  }
  for (auto at = 1300ms; at <= 2000ms; at += 100ms) {
    const auto latest = f.stream->latest(std::max(printed + 1300ms, before + at));
    ASSERT_TRUE(latest);
    EXPECT_FALSE(latest->apps) << "never an empty list, at " << at.count() << " ms";
    ASSERT_TRUE(latest->error);
    EXPECT_EQ(latest->error->kind, collection_failure::timed_out);
  }
  EXPECT_EQ(f.launcher.stops(), 0) << "not yet stuck for the run timeout";
  EXPECT_FALSE(f.stream->latest(printed + 2100ms)->apps);
  EXPECT_EQ(f.launcher.stops(), 1) << "stuck for the run timeout: replaced";
  f.settle();
  EXPECT_EQ(f.launcher.requests().size(), 2u) << "a new child";
  EXPECT_TRUE(f.exits.empty()) << "each silent look was the report; the kill is no news";
}

TEST(apps_stream, a_wake_seen_only_after_a_long_gap_between_looks_is_not_silence) {
  // The looks come with the GPU samples. While a hung GPU loop is replaced they stop; the
  // process-list child meanwhile printed its last rows and stuck, which moved its count once.
  // The first look after the gap sees that move: it must not date it now and serve the
  // silence as "no process".
  stream_fixture f;
  f.launcher.print(two_rows);
  f.settle();
  const auto printed = clock::now();
  ASSERT_TRUE(f.stream->latest(printed)->apps);
  ASSERT_TRUE(f.stream->latest(printed + 100ms)->apps) << "the next sample's look: silent";
  f.wake();  // printing the last rows, then sticking
  EXPECT_FALSE(f.stream->latest(printed + 1500ms)) << "undecided: the list served stays";
  const auto stuck = f.stream->latest(printed + 1600ms);
  ASSERT_TRUE(stuck);
  EXPECT_FALSE(stuck->apps) << "never an empty list";
  ASSERT_TRUE(stuck->error);
  EXPECT_EQ(stuck->error->kind, collection_failure::timed_out);
}

// Rows show the child runs; its run count, read from /proc, is needed only while it is silent.
TEST(apps_stream, a_look_that_finds_rows_does_not_read_the_run_count) {
  stream_fixture f;
  f.launcher.print(two_rows);
  const auto probes = f.probes;
  ASSERT_TRUE(f.stream->latest(clock::now())->apps);
  EXPECT_EQ(f.probes, probes);
  ASSERT_TRUE(f.stream->latest(clock::now())->apps);
  EXPECT_EQ(f.probes, probes + 1) << "a silent look reads it";
}

TEST(apps_stream, a_child_without_a_run_count_is_never_trusted_silent) {
  stream_fixture f;
  f.times_run.reset();
  const auto latest = f.stream->latest(f.started + 1300ms);
  ASSERT_TRUE(latest);
  EXPECT_FALSE(latest->apps);
  EXPECT_TRUE(latest->error);
}

TEST(apps_stream, a_child_that_ends_is_reported_and_replaced) {
  stream_fixture f;
  f.launcher.print(two_rows);
  f.settle();
  f.launcher.exit(0);
  f.settle();
  ASSERT_EQ(f.exits.size(), 1u);
  EXPECT_EQ(f.exits.front().kind, collection_failure::loop_ended);
  EXPECT_FALSE(f.stream->latest(clock::now())) << "the new child is young";
  EXPECT_EQ(f.launcher.requests().size(), 2u);
  EXPECT_TRUE(f.launcher.running());
}

TEST(apps_stream, a_lost_gpu_line_hides_only_that_gpus_processes) {
  stream_fixture f;
  f.launcher.print(
      "GPU-00000000-0000-0000-0000-000000000000, 11327, /root/tools/memhog, 2566\n"
      "Unable to determine the device handle for GPU 0000:5D:00.0: GPU is lost.  Reboot the "
      "system to recover this GPU\n");
  f.settle();
  const auto latest = f.stream->latest(clock::now());
  ASSERT_TRUE(latest && latest->apps);
  EXPECT_EQ(latest->apps->size(), 1u);
}

TEST(apps_stream, nothing_is_reported_after_stop) {
  stream_fixture f;
  f.stream->stop();
  f.launcher.exit(1);
  f.settle();
  EXPECT_TRUE(f.exits.empty());
  EXPECT_FALSE(f.stream->latest(clock::now()));
}

}  // namespace
}  // namespace smistat::collect
