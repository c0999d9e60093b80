#pragma once
// A collector wired to a fake runner and a store on a single-threaded io_context.

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>

#include "src/collect/collector.hpp"
#include "tests/collect/fake_runner.hpp"
#include "tests/collect/fake_stream_launcher.hpp"
#include "tests/collect/smi_emulator.hpp"

namespace smistat::test {

/** On-demand with interval 0 unless told otherwise: every fresh() is exactly one sample. */
collect::collector_options on_demand_options(double interval_seconds = 0.0);

/** Interval mode every `interval_seconds`, otherwise as on_demand_options. */
collect::collector_options interval_options(double interval_seconds);

struct collector_harness {
  explicit collector_harness(collect::collector_options options = on_demand_options());

  /** Starts the collector and runs until it is idle. */
  void start();
  /** Asks for a fresh snapshot and runs until it is idle; returns the answer. */
  collect::snapshot_ptr fresh();
  /** Runs the io_context until it has no work left. */
  void run();

  boost::asio::io_context ctx;
  fake_runner runner{ctx.get_executor()};
  fake_stream_launcher launcher{ctx.get_executor()};
  collect::snapshot_store store;
  std::shared_ptr<collect::collector> collector;
};

/** `fixtures/<name>`. */
std::filesystem::path machine(const std::string& name);

}  // namespace smistat::test
