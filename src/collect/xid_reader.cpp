#include "src/collect/xid_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <cstring>
#include <vector>

#include "src/common/log.hpp"

namespace smistat::collect {

namespace net = boost::asio;

namespace {

/** The most a regular file is read in one poll, so a huge append cannot hold the thread. */
constexpr std::size_t max_file_bytes_per_poll = 4 * 1024 * 1024;

std::string errno_text(int e) { return std::strerror(e); }

std::string first_line(const std::string& text) {
  const auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return {};
  return text.substr(start, text.find_first_of("\r\n", start) - start);
}

}  // namespace

xid_reader::xid_reader(net::any_io_executor executor, runner::stream_launcher& launcher,
                       xid_reader_options options, std::shared_ptr<xid_log> log)
    : strand_(net::make_strand(executor)),
      launcher_(launcher),
      options_(std::move(options)),
      log_(std::move(log)),
      stream_(strand_),
      timer_(strand_) {}

void xid_reader::start() {
  if (options_.source == "none") return;
  net::dispatch(strand_, [self = shared_from_this()] {
    if (self->options_.source == "journald")
      self->start_journal();
    else
      self->open_path();
  });
}

void xid_reader::stop() {
  net::dispatch(strand_, [self = shared_from_this()] {
    self->stopped_ = true;
    boost::system::error_code ignored;
    self->stream_.close(ignored);
    self->timer_.cancel();
    if (self->journal_) self->journal_->stop();
    self->file_.reset();
    self->fifo_writer_.reset();
  });
}

void xid_reader::open_path() {
  const auto& path = options_.source;
  runner::detail::unique_fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  struct stat st {};
  if (!fd || ::fstat(fd.get(), &st) != 0)
    return unavailable(xid_source_state::unavailable, path + ": " + errno_text(errno));
  if (S_ISREG(st.st_mode)) {
    // What the file held before start was counted by whoever read it then (or never will be).
    ::lseek(fd.get(), 0, SEEK_END);
    file_ = std::move(fd);
    log_->set_state(xid_source_state::reading);
    return poll_file();
  }
  // On /dev/kmsg this skips the records logged before start; other devices may refuse it.
  if (S_ISCHR(st.st_mode)) ::lseek(fd.get(), 0, SEEK_END);
  if (S_ISFIFO(st.st_mode))
    fifo_writer_.reset(::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC));
  boost::system::error_code ec;
  stream_.assign(fd.get(), ec);
  if (ec) return unavailable(xid_source_state::unavailable, path + ": " + ec.message());
  fd.release();
  log_->set_state(xid_source_state::reading);
  log::debug("reading XID errors", {{"source", path}});
  read_stream();
}

void xid_reader::read_stream() {
  stream_.async_read_some(
      net::buffer(buffer_),
      net::bind_executor(strand_,
                         [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                           self->on_stream_read(ec, n);
                         }));
}

void xid_reader::on_stream_read(boost::system::error_code ec, std::size_t n) {
  if (stopped_ || ec == net::error::operation_aborted) return;
  if (!ec) {
    feed({buffer_.data(), n});
    return read_stream();
  }
  // /dev/kmsg: records were overwritten before we read them; the next read continues after.
  if (ec == net::error::broken_pipe) return read_stream();
  boost::system::error_code ignored;
  stream_.close(ignored);
  if (ec == net::error::eof)
    return unavailable(xid_source_state::ended, options_.source + ": end of file");
  unavailable(xid_source_state::unavailable, options_.source + ": " + ec.message());
}

void xid_reader::poll_file() {
  if (stopped_) return;
  std::size_t total = 0;
  ssize_t n = 0;
  while (total < max_file_bytes_per_poll &&
         (n = ::read(file_.get(), buffer_.data(), buffer_.size())) > 0) {
    feed({buffer_.data(), static_cast<std::size_t>(n)});
    total += static_cast<std::size_t>(n);
  }
  if (n < 0 && errno != EAGAIN && errno != EINTR)
    return unavailable(xid_source_state::unavailable, options_.source + ": " + errno_text(errno));
  // Truncated in place (logrotate's copytruncate): read on from its new start.
  struct stat st {};
  if (::fstat(file_.get(), &st) == 0 && st.st_size < ::lseek(file_.get(), 0, SEEK_CUR))
    ::lseek(file_.get(), 0, SEEK_SET);
  timer_.expires_after(total >= max_file_bytes_per_poll ? std::chrono::milliseconds(0)
                                                        : options_.file_poll);
  timer_.async_wait(
      net::bind_executor(strand_, [self = shared_from_this()](boost::system::error_code ec) {
        if (!ec) self->poll_file();
      }));
}

void xid_reader::start_journal() {
  if (stopped_) return;
  // -n 0: no lines from before start, as with /dev/kmsg; -o cat: the message text alone.
  runner::stream_request request;
  request.program = options_.journalctl;
  request.args = {"-k", "-f", "-n", "0", "-o", "cat"};
  auto self = shared_from_this();
  journal_ = launcher_.start(
      std::move(request),
      [self](std::string_view bytes) {
        net::post(self->strand_, [self, text = std::string(bytes)] {
          if (!self->stopped_) self->feed(text);
        });
      },
      [self](runner::stream_exit exit) {
        net::post(self->strand_, [self, exit = std::move(exit)] { self->on_journal_exit(exit); });
      });
  log_->set_state(xid_source_state::reading);
}

void xid_reader::on_journal_exit(const runner::stream_exit& exit) {
  journal_.reset();
  if (stopped_) return;
  if (const auto rest = lines_.finish(); !rest.empty()) feed(rest + "\n");
  if (exit.outcome == runner::run_outcome::spawn_failed)
    return unavailable(xid_source_state::unavailable,
                       options_.journalctl + ": " + exit.spawn_error);
  std::string why = options_.journalctl + " ended";
  if (exit.outcome == runner::run_outcome::exited)
    why += " with exit code " + std::to_string(exit.exit_code);
  if (const auto said = first_line(exit.err); !said.empty()) why += ": " + said;
  unavailable(xid_source_state::ended, why);
  timer_.expires_after(options_.journal_restart);
  timer_.async_wait(
      net::bind_executor(strand_, [self = shared_from_this()](boost::system::error_code ec) {
        if (!ec) self->start_journal();
      }));
}

void xid_reader::feed(std::string_view bytes) {
  const auto lines = lines_.feed(bytes);
  if (!lines.empty()) log_->add_lines(lines, wall_clock::now());
}

void xid_reader::unavailable(xid_source_state state, const std::string& why) {
  log_->set_state(state, why);
  if (logged_) return;
  logged_ = true;
  const std::string line = "XID errors are not read: " + why;
  if (options_.quiet)
    log::info(line);
  else
    log::warning(line);
}

}  // namespace smistat::collect
