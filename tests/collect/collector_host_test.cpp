// The host part publishes on its own: its first reading before any nvidia-smi run ends, and
// later ones whether the GPU query fails, hangs or never existed.
#include <gtest/gtest.h>

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <vector>

#include "src/collect/collector.hpp"
#include "tests/collect/collector_harness.hpp"
#include "tests/collect/smi_emulator.hpp"

namespace smistat::collect {
namespace {

using namespace std::chrono_literals;
using runner::run_outcome;
using test::collector_harness;
using test::ended;
using test::exited;
using test::interval_options;
using test::machine;
using test::smi_emulator;

/** The recorded machine answers everything but the GPU query, which never ends (a wedged GPU). */
test::responder query_hangs(const smi_emulator& emu) {
  return [&emu](const std::vector<std::string>& args) {
    auto run = emu(args);
    if (!args.empty() && args[0].starts_with("--query-gpu=")) run.delay = 1h;
    return run;
  };
}

/** Runs the harness until `enough` holds for a published snapshot, then stops the collector; a
 *  guard stops it too after a minute, so a collector that never publishes fails, not hangs. */
template <class Pred>
std::vector<snapshot_ptr> publishes_until(collector_harness& h, Pred enough) {
  std::vector<snapshot_ptr> seen;
  boost::asio::steady_timer guard(h.ctx, 60s);
  const auto id = h.store.subscribe([&](const snapshot_ptr& s) {
    seen.push_back(s);
    if (!enough(*s)) return;
    guard.cancel();
    h.collector->stop();
  });
  guard.async_wait([&](boost::system::error_code ec) {
    if (!ec) h.collector->stop();
  });
  h.start();  // runs until the collector has stopped and nothing is left to do
  h.store.unsubscribe(id);
  return seen;
}

TEST(collector_host, the_first_reading_is_published_before_any_run_ends) {
  collector_harness h(interval_options(3600.0));
  const smi_emulator emu(machine("h100-80gb-hbm3__590.48.01"));
  h.runner.set_fallback(query_hangs(emu));
  h.collector->start();  // nothing has run on the executor yet
  const auto s = h.store.current();
  ASSERT_NE(s->host, nullptr);
  EXPECT_GT(s->host->cpu.count_logical, 0);
  EXPECT_GT(s->host->memory.total, 0u);
  EXPECT_FALSE(has_collected(*s)) << "a host reading is not a GPU outcome: no waiter is answered";
  EXPECT_EQ(s->health.host.runs_total, 1u);
  h.collector->stop();
  h.run();
}

TEST(collector_host, publishes_alone_while_the_gpu_query_hangs) {
  auto options = interval_options(0.05);
  collector_harness h(options);
  const smi_emulator emu(machine("h100-80gb-hbm3__590.48.01"));
  h.runner.set_fallback(query_hangs(emu));
  const auto seen =
      publishes_until(h, [](const snapshot& s) { return s.health.host.runs_total >= 4; });
  ASSERT_FALSE(seen.empty());
  EXPECT_GE(seen.back()->health.host.runs_total, 4u);
  for (const auto& s : seen) {
    EXPECT_NE(s->host, nullptr);
    EXPECT_FALSE(s->has_data());
    EXPECT_EQ(s->health.runs_total, 0u) << "the GPU query never ended";
  }
}

TEST(collector_host, rides_along_with_every_failed_gpu_query) {
  for (const auto& failure : {ended(run_outcome::spawn_failed),
                              exited(9,
                                     "NVIDIA-SMI has failed because it couldn't communicate "
                                     "with the NVIDIA driver.\n")}) {
    collector_harness h(interval_options(0.01));
    h.runner.set_fallback([&](const auto&) { return failure; });
    const auto seen =
        publishes_until(h, [](const snapshot& s) { return s.health.consecutive_failures >= 5; });
    ASSERT_FALSE(seen.empty());
    const auto& last = *seen.back();
    EXPECT_GE(last.health.consecutive_failures, 5u);
    EXPECT_FALSE(last.has_data());
    ASSERT_TRUE(last.health.last_error.has_value());
    ASSERT_NE(last.host, nullptr);
    EXPECT_GT(last.host->memory.total, 0u);
    // The host interval is the refresh interval here: failed runs took newer readings along.
    EXPECT_GE(last.health.host.runs_total, 2u);
    EXPECT_FALSE(last.health.host.last_error.has_value());
    for (const auto& s : seen) EXPECT_NE(s->host, nullptr);
  }
}

}  // namespace
}  // namespace smistat::collect
