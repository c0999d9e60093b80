#pragma once
// Loop mode's `nvidia-smi -q`: one long-lived `nvidia-smi -q -lms N` child instead of one run
// every details interval. Each run pays for a spawn, a reap and nvidia-smi's own start (NVML's
// initialisation, on a real node the heaviest part of a `-q`); the child pays for them once.
//
// Its documents wait in the pipe (runner::stream_request::read_when_asked) and are read when a
// sample looks, so the child never wakes smistat by itself; parsers::details_documents says
// when one is whole. A child that stays silent for an interval and as long again as the GPU loop
// may is stuck: it is replaced, as one that ends is, with back-off.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parsers/details_documents.hpp"
#include "parsers/query_details.hpp"
#include "src/collect/collector_options.hpp"
#include "src/collect/snapshot.hpp"
#include "src/runner/stream_launcher.hpp"

namespace smistat::collect {

/** What one look found: a document's details, or why the child had to be replaced. */
struct details_outcome {
  std::optional<std::vector<parsers::gpu_details>> details;
  std::optional<collection_error> error;
};

class details_stream : public std::enable_shared_from_this<details_stream> {
 public:
  using clock = std::chrono::steady_clock;
  /** Called on the executor when the child ended by itself; it restarts afterwards. */
  using exit_handler = std::function<void(const collection_error& why)>;

  /** `executor` must be the collector's strand; `launcher` and `options` must outlive the
   *  stream. */
  details_stream(boost::asio::any_io_executor executor, runner::stream_launcher& launcher,
                 const collector_options& options, exit_handler on_exit);

  void start();
  /** Ends the child; nothing is reported afterwards. */
  void stop();
  /** The details of a document finished since the last look, or the error of a child found
   *  stuck or overflowing (then replaced); nullopt when there is nothing new. Call it with every
   *  sample: a look also drains the pipe. */
  std::optional<details_outcome> latest(clock::time_point now);

 private:
  void launch();
  void on_output(std::uint64_t child, std::string_view bytes);
  void on_exit(std::uint64_t child, const runner::stream_exit& exit);
  void replace(const collection_error& why);
  clock::duration silence_allowed() const;

  boost::asio::any_io_executor executor_;
  runner::stream_launcher& launcher_;
  const collector_options& options_;
  exit_handler on_exit_;
  boost::asio::steady_timer restart_timer_;
  std::shared_ptr<runner::stream_handle> child_;
  std::uint64_t child_number_ = 0;  ///< tells a dead child's late callbacks from the live one's
  parsers::details_documents documents_;
  std::string ready_;                ///< what one look read from the pipe, kept for its capacity
  std::string tail_;                 ///< the last output bytes, to classify how the child ended
  clock::time_point last_progress_;  ///< the child last printed, or started
  std::optional<collection_error> kill_reason_;  ///< set when it was replaced by us
  bool printed_ = false;                         ///< the live child printed something
  unsigned failed_starts_ = 0;                   ///< children in a row that ended without printing
  bool stopped_ = false;
};

}  // namespace smistat::collect
