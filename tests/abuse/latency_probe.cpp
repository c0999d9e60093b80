#include "tests/abuse/latency_probe.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>

#include "tests/integration/http_client.hpp"

namespace smistat::test {
namespace {

/** One GET; its latency in ms, or a negative value when it failed. */
double timed_get(unsigned short port, const std::string& target) {
  const auto start = std::chrono::steady_clock::now();
  try {
    if (http_get(port, target).status != 200) return -1;
  } catch (const std::exception&) {
    return -1;
  }
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

void add(latency_sample& sample, double ms) {
  if (ms < 0)
    ++sample.failures;
  else
    sample.ms.push_back(ms);
}

}  // namespace

double latency_sample::percentile(double p) const {
  if (ms.empty()) return 0;
  auto sorted = ms;
  std::sort(sorted.begin(), sorted.end());
  const auto index = static_cast<std::size_t>(p / 100 * static_cast<double>(sorted.size() - 1));
  return sorted[index];
}

double latency_sample::max() const {
  return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end());
}

std::string latency_sample::summary() const {
  char text[160];
  std::snprintf(text, sizeof text, "n=%zu p50=%.2f p99=%.2f max=%.2f ms, failures=%u", ms.size(),
                percentile(50), percentile(99), max(), failures);
  return text;
}

latency_sample measure_latency(unsigned short port, const std::string& target, int count) {
  latency_sample sample;
  for (int i = 0; i < count; ++i) add(sample, timed_get(port, target));
  return sample;
}

latency_probe::latency_probe(unsigned short port, std::string target,
                             std::chrono::milliseconds period)
    : thread_([this, port, target = std::move(target), period] {
        while (!stopping_) {
          add(sample_, timed_get(port, target));
          std::this_thread::sleep_for(period);
        }
      }) {}

latency_probe::~latency_probe() { stop(); }

latency_sample latency_probe::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  return sample_;
}

}  // namespace smistat::test
