// The `-q` details part: runs on its cadence, or in loop mode a stream whose documents ride along
// with the samples, with runs only while the stream gives nothing.
#include "src/collect/details_part.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <string>
#include <thread>

#include "tests/collect/fake_runner.hpp"
#include "tests/collect/fake_stream_launcher.hpp"

namespace smistat::collect {
namespace {

using namespace std::chrono_literals;

std::string document(const std::string& tx) {
  return "\n==============NVSMI LOG==============\n\n"
         "Attached GPUs                             : 1\n"
         "GPU 00000000:18:00.0\n"
         "    GPU UUID                              : GPU-0\n"
         "    PCI\n"
         "        Tx Throughput                     : " +
         tx + "\n";
}

const std::string driver_not_loaded =
    "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n";

collector_options part_options() {
  collector_options o;
  o.mode = collect_mode::loop;
  o.refresh_interval = seconds(0.01);
  o.details_interval = seconds(0.5);
  o.run_timeout = 10s;
  o.loop_restart_delay = 1ms;
  o.loop_backoff_delay = 1ms;
  return o;
}

struct part_fixture {
  explicit part_fixture(test::scripted_run q = test::exited(0, document("1 KB/s"))) {
    runner.script("-q", {std::move(q)});
  }
  ~part_fixture() {
    part.stop();
    settle();
  }
  void settle() {
    ctx.restart();
    ctx.run_for(20ms);
  }
  /** What a sample does: starts the part if it is due, then lets a run finish. */
  void sample() {
    if (part.due(std::chrono::steady_clock::now())) part.start([this] { ++done; });
    settle();
  }
  /** GPU 0's Tx in what the part would publish now; -1 when it has no details. */
  double tx() const {
    snapshot s;
    part.fill(s);
    if (s.details.empty()) return -1.0;
    return s.details.front().tx_throughput_kb_per_sec.value_or(-2.0);
  }
  part_health health() const {
    snapshot s;
    part.fill(s);
    return s.health.details;
  }
  void wait_an_interval() { std::this_thread::sleep_for(600ms); }

  boost::asio::io_context ctx;
  collect_strand strand{boost::asio::make_strand(ctx.get_executor())};
  collector_options options = part_options();
  test::fake_runner runner{ctx.get_executor()};
  test::fake_stream_launcher launcher{ctx.get_executor()};
  details_part part{strand, runner, options};
  int done = 0;  ///< runs whose values were taken
};

TEST(details_part, without_a_stream_it_runs_on_its_cadence) {
  part_fixture f;
  f.sample();
  EXPECT_EQ(f.tx(), 1.0);
  f.wait_an_interval();
  f.sample();
  EXPECT_EQ(f.runner.count("-q"), 2u);
  EXPECT_EQ(f.done, 2);
}

TEST(details_part, a_run_gives_the_first_details_and_the_stream_every_later_one) {
  part_fixture f;
  f.part.stream_with(f.launcher);
  f.settle();
  ASSERT_EQ(f.launcher.requests().size(), 1u);
  f.sample();
  EXPECT_EQ(f.runner.count("-q"), 1u) << "the child has printed nothing yet";
  EXPECT_EQ(f.tx(), 1.0);

  f.launcher.print(document("2 KB/s"));
  f.sample();
  f.sample();
  EXPECT_EQ(f.tx(), 2.0) << "the stream's document, taken with the sample";
  EXPECT_EQ(f.done, 1) << "a streamed document is not a finished run";
  f.wait_an_interval();
  f.sample();
  EXPECT_EQ(f.runner.count("-q"), 1u) << "no run while the stream gives the details";
  EXPECT_EQ(f.health().runs_total, 2u);
  EXPECT_EQ(f.health().errors_total, 0u);
}

TEST(details_part, runs_take_over_when_the_stream_stops_giving_details) {
  part_fixture f;
  f.part.stream_with(f.launcher);
  f.settle();
  f.launcher.print(document("2 KB/s"));
  f.sample();
  f.sample();
  ASSERT_EQ(f.tx(), 2.0);
  const auto runs = f.runner.count("-q");
  // Two intervals without a document: a child that cannot loop, or stuck short of the
  // allowance after which it is replaced.
  std::this_thread::sleep_for(1100ms);
  f.sample();
  EXPECT_EQ(f.runner.count("-q"), runs + 1);
  EXPECT_EQ(f.tx(), 1.0) << "the run's values";
}

TEST(details_part, runs_go_on_while_no_details_were_ever_read) {
  part_fixture f(test::exited(9, driver_not_loaded));
  f.part.stream_with(f.launcher);
  f.settle();
  f.sample();
  EXPECT_EQ(f.tx(), -1.0);
  ASSERT_TRUE(f.health().last_error);
  EXPECT_EQ(f.health().last_error->kind, collection_failure::driver_not_loaded);
  f.wait_an_interval();
  f.sample();
  EXPECT_EQ(f.runner.count("-q"), 2u) << "the stream has told nothing: the cadence's run";
}

TEST(details_part, an_ended_stream_child_is_a_failed_read_that_keeps_the_details) {
  part_fixture f;
  f.part.stream_with(f.launcher);
  f.settle();
  f.sample();
  ASSERT_EQ(f.tx(), 1.0);
  f.launcher.exit(9, driver_not_loaded);
  f.settle();
  EXPECT_EQ(f.tx(), 1.0) << "the last values stay, with their age";
  ASSERT_TRUE(f.health().last_error);
  EXPECT_EQ(f.health().last_error->kind, collection_failure::driver_not_loaded);
  EXPECT_EQ(f.launcher.requests().size(), 2u) << "restarted";
}

}  // namespace
}  // namespace smistat::collect
