#pragma once
// What loop mode's two long-lived children have in common: loop_source's GPU query and
// apps_stream's process list. Starting one with its callbacks carried over to the collector's
// strand, the tail of output that says why it ended, how that end reads as a run, how long it
// may go silent, and the back-off before the next start.

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "src/collect/collector_options.hpp"
#include "src/collect/snapshot.hpp"
#include "src/runner/run_result.hpp"
#include "src/runner/stream_launcher.hpp"

namespace smistat::collect {

/** Starts `request` with its handlers on `executor` (the collector's strand): `on_output` is
 *  called as the launcher reads, `on_exit` posted after it, in the launcher's order. */
std::shared_ptr<runner::stream_handle> start_loop_child(
    const boost::asio::any_io_executor& executor, runner::stream_launcher& launcher,
    runner::stream_request request, std::function<void(std::string_view bytes)> on_output,
    std::function<void(const runner::stream_exit& exit)> on_exit);

/** Appends `bytes` to `tail` and keeps its end: enough to hold nvidia-smi's error text. */
void keep_tail(std::string& tail, std::string_view bytes);

/** How the child ended, as the one-shot runs report it (run_error), with its last output. */
runner::run_result as_run_result(const runner::stream_exit& e, std::string_view tail);

/** Why a loop child ended: the reason it was replaced for when we ended it, otherwise what its
 *  exit says (run_error) and, for an exit 0, `<ended_message>`: no failure for a one-shot run,
 *  but a loop is never meant to end. */
collection_error loop_end_reason(const runner::stream_exit& e, std::string_view tail,
                                 const std::optional<collection_error>& kill_reason,
                                 std::string_view ended_message);

/** How long a child may go without a batch (or, silent, without waking) before it is
 *  replaced: three intervals, and never less than one run's deadline. */
std::chrono::steady_clock::duration loop_silence_allowed(const collector_options& o);

/** The pause before the next child after `failed_starts` children in a row that ended without
 *  a batch: short after a good one, then doubling up to the maximum, so a broken driver is not
 *  hammered. */
std::chrono::milliseconds loop_restart_delay(const collector_options& o, unsigned failed_starts);

}  // namespace smistat::collect
