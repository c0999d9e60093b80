#pragma once
// Reads the kernel log for XID reports, on its own, beside collection: /dev/kmsg (from its end,
// so only what the kernel logs from now on is counted), a FIFO (what writers send it), a regular
// file (followed from its end, as `tail -f` does), or `journald`: `journalctl -k -f -n 0 -o cat`
// as a child. A source that cannot be read is noted in the report and logged once; nothing else
// depends on it.

#include <array>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "parsers/line_buffer.hpp"
#include "src/collect/xid_log.hpp"
#include "src/runner/stream_launcher.hpp"
#include "src/runner/unique_fd.hpp"

namespace smistat::collect {

struct xid_reader_options {
  std::string source = "/dev/kmsg";  ///< a path, `journald` or `none`
  /** Unavailability is logged at info rather than warning: the default source on a host
   *  where smistat may not read the kernel log is no mistake of the operator's. */
  bool quiet = false;
  std::chrono::milliseconds file_poll{1000};        ///< how often a regular file is re-read
  std::chrono::milliseconds journal_restart{5000};  ///< pause before journalctl is run again
  std::string journalctl = "journalctl";
};

class xid_reader : public std::enable_shared_from_this<xid_reader> {
 public:
  /** Reads on a strand of `executor`; `launcher` (for journald) must outlive the reader. */
  xid_reader(boost::asio::any_io_executor executor, runner::stream_launcher& launcher,
             xid_reader_options options, std::shared_ptr<xid_log> log);

  /** Opens the source and starts reading; returns at once. */
  void start();
  /** Closes the source and ends the child; nothing is read afterwards. */
  void stop();

 private:
  void open_path();
  void read_stream();
  void on_stream_read(boost::system::error_code ec, std::size_t n);
  void poll_file();
  void start_journal();
  void on_journal_exit(const runner::stream_exit& exit);
  void feed(std::string_view bytes);
  void unavailable(xid_source_state state, const std::string& why);

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  runner::stream_launcher& launcher_;
  xid_reader_options options_;
  std::shared_ptr<xid_log> log_;
  boost::asio::posix::stream_descriptor stream_;  ///< /dev/kmsg, a FIFO or another device
  boost::asio::steady_timer timer_;               ///< file polls and journalctl restarts
  runner::detail::unique_fd file_;                ///< a regular file, polled
  /** Our own writer on a FIFO: without it the FIFO reads as ended whenever its last writer
   *  closes, and a later writer would find nobody reading. */
  runner::detail::unique_fd fifo_writer_;
  std::shared_ptr<runner::stream_handle> journal_;
  parsers::line_buffer lines_;
  std::array<char, 16 * 1024> buffer_{};  ///< one /dev/kmsg record fits (a read never splits one)
  bool stopped_ = false;
  bool logged_ = false;  ///< the one log line about an unreadable source was written
};

}  // namespace smistat::collect
