#include "src/contracts/prometheus/metrics_self.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>

#include "src/contracts/prometheus/metrics_process.hpp"
#include "src/system/process_reader.hpp"
#include "src/system/self_process.hpp"
#include "tests/contracts/prometheus/metrics_snapshots.hpp"
#include "tests/contracts/render_fixture.hpp"

namespace smistat::render {
namespace {

using test::lines_starting;

constexpr std::string_view one_gpu =
    "0, GPU-aaaa, NVIDIA H100, 00000000:01:00.0, 590.48.01, 45, 120.5, 1000, 35\n";

TEST(MetricsSelf, HealthyCollection) {
  auto s = test::small_snapshot(one_gpu);
  s.health.last_duration_seconds = 0.25;
  const auto out = render_self_metrics(s, {}, {"1.2.3", "abcdef012345"});
  EXPECT_NE(out.find("smistat_up 1\n"), std::string::npos);
  EXPECT_NE(out.find("smistat_collect_duration_seconds 0.25\n"), std::string::npos);
  EXPECT_NE(out.find("smistat_last_collect_success_timestamp_seconds 1.7953031137063339e+09\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("smistat_gpus 1\n"), std::string::npos);
  EXPECT_NE(out.find("smistat_nvidia_smi_exit_code 0\n"), std::string::npos);
  EXPECT_TRUE(lines_starting(out, "smistat_collect_errors_total").empty());
  const auto build = lines_starting(out, "smistat_build_info{");
  ASSERT_EQ(build.size(), 1u);
  EXPECT_EQ(build.front(), "smistat_build_info{version=\"1.2.3\",revision=\"abcdef012345\"} 1");
}

TEST(MetricsSelf, FailedCollectionSaysWhy) {
  auto s = test::small_snapshot(one_gpu);
  s.health.consecutive_failures = 2;
  s.health.last_exit_code = 9;
  s.health.last_error = collect::collection_error{collect::collection_failure::driver_not_loaded, 9,
                                                  "NVIDIA-SMI has failed"};
  s.health.errors_total = 3;
  s.health.errors_by_kind = {{"driver_not_loaded", 2}, {"timed_out", 1}};
  const auto out = render_self_metrics(s, {}, {});
  EXPECT_NE(out.find("smistat_up 0\n"), std::string::npos);
  EXPECT_NE(out.find("smistat_gpus 0\n"), std::string::npos);
  EXPECT_NE(out.find("smistat_nvidia_smi_exit_code 9\n"), std::string::npos);
  EXPECT_NE(out.find("smistat_collect_consecutive_failures 2\n"), std::string::npos);
  EXPECT_EQ(lines_starting(out, "smistat_collect_errors_total{"),
            (std::vector<std::string>{"smistat_collect_errors_total{kind=\"driver_not_loaded\"} 2",
                                      "smistat_collect_errors_total{kind=\"timed_out\"} 1"}));
  EXPECT_EQ(lines_starting(out, "# TYPE smistat_collect_errors_total").front(),
            "# TYPE smistat_collect_errors_total counter");
}

TEST(MetricsSelf, NothingSampledYet) {
  const auto out = render_self_metrics(test::empty_snapshot(), {}, {});
  EXPECT_NE(out.find("smistat_up 0\n"), std::string::npos);
  EXPECT_TRUE(lines_starting(out, "smistat_last_collect_success_timestamp_seconds").empty());
}

TEST(MetricsSelf, ServerCounters) {
  http_counters stats;
  stats.requests = 42;
  stats.rejected = 2;
  stats.tls_handshake_failures = 3;
  stats.unauthorized = 5;
  const auto out = render_self_metrics(test::empty_snapshot(), stats, {});
  EXPECT_NE(out.find("smistat_http_requests_total 42\n"), std::string::npos);
  EXPECT_NE(out.find("smistat_http_rejected_total 2\n"), std::string::npos);
  EXPECT_NE(out.find("smistat_http_tls_handshake_failures_total 3\n"), std::string::npos);
  EXPECT_NE(out.find("smistat_http_unauthorized_total 5\n"), std::string::npos);
}

TEST(MetricsSelf, EveryServerCounterIsItsOwnFamilyInOrder) {
  http_counters stats;
  stats.connections_accepted = 11;
  stats.accept_backoffs = 12;
  stats.requests = 13;
  stats.rejected = 14;
  stats.read_timeouts = 15;
  stats.write_timeouts = 16;
  stats.tls_handshake_failures = 17;
  stats.unauthorized = 18;
  const auto out = render_self_metrics(test::empty_snapshot(), stats, {});
  const auto from = out.find("# HELP smistat_http_");
  ASSERT_NE(from, std::string::npos) << out;
  // The block as /metrics has always written it, byte for byte: the server's families come
  // last, each with its help, its type and its own counter.
  EXPECT_EQ(out.substr(from),
            R"(# HELP smistat_http_connections_accepted_total HTTP connections accepted.
# TYPE smistat_http_connections_accepted_total counter
smistat_http_connections_accepted_total 11
# HELP smistat_http_accept_backoffs_total Accept errors answered with a pause.
# TYPE smistat_http_accept_backoffs_total counter
smistat_http_accept_backoffs_total 12
# HELP smistat_http_requests_total HTTP requests routed.
# TYPE smistat_http_requests_total counter
smistat_http_requests_total 13
# HELP smistat_http_rejected_total Unreadable HTTP requests answered with an error.
# TYPE smistat_http_rejected_total counter
smistat_http_rejected_total 14
# HELP smistat_http_read_timeouts_total Connections closed by the read timeout.
# TYPE smistat_http_read_timeouts_total counter
smistat_http_read_timeouts_total 15
# HELP smistat_http_write_timeouts_total Connections closed by the write timeout.
# TYPE smistat_http_write_timeouts_total counter
smistat_http_write_timeouts_total 16
# HELP smistat_http_tls_handshake_failures_total TLS handshakes that failed (plain HTTP, an untrusted client certificate, a timeout).
# TYPE smistat_http_tls_handshake_failures_total counter
smistat_http_tls_handshake_failures_total 17
# HELP smistat_http_unauthorized_total Requests answered 401 for missing or wrong basic-auth credentials.
# TYPE smistat_http_unauthorized_total counter
smistat_http_unauthorized_total 18
)");
}

TEST(MetricsProcess, ParsesProcStat) {
  // A command name with spaces and parentheses must not shift the fields.
  const std::string stat =
      "4242 (odd) name (x)) S 1 4242 4242 0 -1 4194560 500 0 0 0 250 150 0 0 20 0 3 0 "
      "12345 104857600 2560 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
  const auto f = system::parse_pid_stat(stat);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->comm, "odd) name (x)");
  EXPECT_EQ(f->utime, 250u);
  EXPECT_EQ(f->stime, 150u);
  EXPECT_EQ(f->start_ticks, 12345u);
  EXPECT_EQ(f->vsize_bytes, 104857600u);
  EXPECT_EQ(f->rss_pages, 2560u);
}

TEST(MetricsProcess, RejectsMalformedProcFiles) {
  const char* bad_stats[] = {"", "no parenthesis at all", "1 (short) S 1 2 3",
                             "1 (x) S 1 1 1 0 -1 0 0 0 0 0 ten 150 0 0 20 0 3 0 5 6 7 8"};
  for (const auto* text : bad_stats) EXPECT_FALSE(system::parse_pid_stat(text)) << text;
  EXPECT_EQ(system::parse_boot_time("cpu 1 2 3\nbtime 1763700000\nprocesses 10\n"), 1763700000.0);
  EXPECT_FALSE(system::parse_boot_time("cpu 1 2 3\n"));
  EXPECT_FALSE(system::parse_boot_time("cpu 1\nbtime soon\n"));
}

TEST(MetricsProcess, ReadsThisProcess) {
  const auto p = system::read_self_process_stats();
  ASSERT_TRUE(p.resident_memory_bytes);
  EXPECT_GT(*p.resident_memory_bytes, 0);
  ASSERT_TRUE(p.open_fds);
  EXPECT_GE(*p.open_fds, 3);
  ASSERT_TRUE(p.start_time_seconds);
  EXPECT_GT(*p.start_time_seconds, 1.5e9);
  ASSERT_TRUE(p.cpu_seconds_total);
  EXPECT_GE(*p.cpu_seconds_total, 0);
}

TEST(MetricsProcess, AgreesWithWhatProcSelfStatSays) {
  // The figures come from getrusage and statm; the client libraries read /proc/self/stat.
  const auto p = system::read_self_process_stats();
  std::ifstream in("/proc/self/stat");
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  const auto st = system::parse_pid_stat(text);
  ASSERT_TRUE(st);
  const auto page = static_cast<double>(::sysconf(_SC_PAGESIZE));
  const auto ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  ASSERT_TRUE(p.virtual_memory_bytes && p.resident_memory_bytes && p.cpu_seconds_total);
  constexpr double mib = 1 << 20;
  EXPECT_NEAR(*p.virtual_memory_bytes, static_cast<double>(st->vsize_bytes), 4 * mib);
  EXPECT_NEAR(*p.resident_memory_bytes, static_cast<double>(st->rss_pages) * page, 4 * mib);
  // Ticks are 10 ms; the kernel also scales its tick-sampled split differently for each.
  EXPECT_NEAR(*p.cpu_seconds_total, static_cast<double>(st->utime + st->stime) / ticks, 0.1);
}

TEST(MetricsProcess, CountsOpenDescriptorsAndReadsTheirLimit) {
  const auto before = system::read_self_process_stats();
  ASSERT_TRUE(before.open_fds);
  const int extra = ::dup(STDERR_FILENO);
  ASSERT_GE(extra, 0);
  const auto with_one_more = system::read_self_process_stats();
  ::close(extra);
  ASSERT_TRUE(with_one_more.open_fds);
  EXPECT_EQ(*with_one_more.open_fds, *before.open_fds + 1);

  rlimit limit{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &limit), 0);
  if (limit.rlim_cur == RLIM_INFINITY) {
    EXPECT_FALSE(before.max_fds);
  } else {
    ASSERT_TRUE(before.max_fds);
    EXPECT_EQ(*before.max_fds, static_cast<double>(limit.rlim_cur));
  }
}

TEST(MetricsProcess, OmitsValuesThatCouldNotBeRead) {
  system::self_process_stats p;
  p.open_fds = 7;
  const auto out = render_process_metrics(p);
  EXPECT_EQ(out,
            "# HELP process_open_fds Number of open file descriptors.\n"
            "# TYPE process_open_fds gauge\n"
            "process_open_fds 7\n");
  EXPECT_EQ(render_process_metrics({}), "");
}

}  // namespace
}  // namespace smistat::render
