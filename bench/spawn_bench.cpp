// What one launch costs the service: parent CPU (user + system of this process, children
// excluded, as getrusage(RUSAGE_SELF) counts it) per run of /bin/true through process_runner,
// vfork (with the parent-death signal) against posix_spawn and fork, with a small parent and with
// ~500 MB of touched memory.

#include <benchmark/benchmark.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "bench/launchers/launchers.hpp"
#include "src/runner/process_runner.hpp"

namespace smistat::runner {
namespace {

constexpr std::size_t mib = 1024 * 1024;

double self_cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double resident_mib() {
  std::ifstream statm("/proc/self/statm");
  std::size_t size = 0;
  std::size_t resident = 0;
  statm >> size >> resident;
  return static_cast<double>(resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE))) / mib;
}

/** Anonymous memory, every page written, as a service's heap would be. Small pages (no THP),
 *  like a malloc heap that is not one huge aligned block. */
class resident_ballast {
 public:
  explicit resident_ballast(std::size_t bytes) : bytes_(bytes) {
    if (bytes_ == 0) return;
    data_ = ::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (data_ == MAP_FAILED) {
      data_ = nullptr;
      return;
    }
    ::madvise(data_, bytes_, MADV_NOHUGEPAGE);
    auto* bytes_out = static_cast<unsigned char*>(data_);
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    for (std::size_t i = 0; i < bytes_; i += page) bytes_out[i] = static_cast<unsigned char>(i);
  }
  ~resident_ballast() {
    if (data_ != nullptr) ::munmap(data_, bytes_);
  }
  resident_ballast(const resident_ballast&) = delete;
  resident_ballast& operator=(const resident_ballast&) = delete;
  bool ok() const { return bytes_ == 0 || data_ != nullptr; }

 private:
  std::size_t bytes_;
  void* data_ = nullptr;
};

/** Args: launch method (0 vfork with the death signal, 1 posix_spawn, 2 fork), MiB of extra
 *  resident memory. */
void bm_launch_true(benchmark::State& state) {
  const launch_function launchers[] = {&launch_with_vfork, &bench::launch_with_posix_spawn,
                                       &bench::launch_with_fork};
  const launch_function method = launchers[state.range(0)];
  const resident_ballast ballast(static_cast<std::size_t>(state.range(1)) * mib);
  if (!ballast.ok()) {
    state.SkipWithError("cannot map the resident ballast");
    return;
  }
  boost::asio::io_context context;
  runner_options options;
  options.launch = method;
  process_runner runner(context.get_executor(), options);
  run_request request;
  request.program = "/bin/true";
  bool failed = false;
  const auto run_once = [&] {
    runner.async_run(request, [&failed](run_result r) { failed = failed || !r.ok(); });
    context.run();
    context.restart();
  };
  run_once();  // the reactor's descriptors and the first page faults, outside the figures
  const double cpu_before = self_cpu_seconds();
  for (auto _ : state) run_once();
  const double cpu = self_cpu_seconds() - cpu_before;
  if (failed) state.SkipWithError("a run of /bin/true failed");
  state.counters["parent_cpu_us"] =
      benchmark::Counter(cpu * 1e6 / static_cast<double>(state.iterations()));
  state.counters["rss_MiB"] = resident_mib();
  const char* const names[] = {"vfork", "posix_spawn", "fork"};
  state.SetLabel(names[state.range(0)]);
}

BENCHMARK(bm_launch_true)
    ->ArgNames({"method", "extra_MiB"})
    ->ArgsProduct({{0, 1, 2}, {0, 500}})
    ->Unit(benchmark::kMicrosecond)
    ->MinTime(2.0);

}  // namespace
}  // namespace smistat::runner

BENCHMARK_MAIN();
