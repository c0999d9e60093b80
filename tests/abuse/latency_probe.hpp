#pragma once
// Measures what a well-behaved client sees while others misbehave: GET latencies, sampled from a
// thread of its own.

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace smistat::test {

/** Latencies in milliseconds, and how many requests did not get a 200. */
struct latency_sample {
  std::vector<double> ms;
  unsigned failures = 0;

  double percentile(double p) const;  ///< 0 when empty
  double max() const;
  std::string summary() const;  ///< "n=.. p50=.. p99=.. max=.. ms, failures=.."
};

/** `count` sequential GETs of `target`, each on a new connection. */
latency_sample measure_latency(unsigned short port, const std::string& target, int count);

/** GETs `target` every `period` on a thread until stopped; the samples are read after stop(). */
class latency_probe {
 public:
  latency_probe(unsigned short port, std::string target, std::chrono::milliseconds period);
  ~latency_probe();
  latency_probe(const latency_probe&) = delete;
  latency_probe& operator=(const latency_probe&) = delete;

  latency_sample stop();

 private:
  std::atomic<bool> stopping_{false};
  latency_sample sample_;
  std::thread thread_;
};

}  // namespace smistat::test
