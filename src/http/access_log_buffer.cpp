#include "src/http/access_log_buffer.hpp"

#include <unistd.h>

#include <cerrno>
#include <climits>

#include "src/common/log.hpp"

namespace smistat::http {
namespace {

/** Lines of other threads and processes go to the same standard error; a write of at most
 *  PIPE_BUF bytes to a pipe is never interleaved with theirs, so a batch never grows past it
 *  (a single longer line is written alone, as the logger writes it). */
constexpr std::size_t batch_bytes = PIPE_BUF;

}  // namespace

net::execution_context::id access_log_buffer::id;

access_log_buffer::access_log_buffer(net::io_context& owner)
    : net::execution_context::service(owner), context_(owner) {
  pending_.reserve(batch_bytes);
}

access_log_buffer::~access_log_buffer() { flush(); }

access_log_buffer& access_log_buffer::of(const connection_executor& executor) {
  return net::use_service<access_log_buffer>(executor.context());
}

void access_log_buffer::add(const access_entry& e) {
  if (!log::enabled(log::level::info)) return;
  add(log::current_format(), std::chrono::system_clock::now(), e);
}

void access_log_buffer::add(log::format f, std::chrono::system_clock::time_point when,
                            const access_entry& e) {
  const std::size_t before = pending_.size();
  append_access_log_line(pending_, f, when, e);
  if (shut_down_) return flush();
  if (pending_.size() > batch_bytes && before > 0) {
    // The batch is full: write what came before this line, keep this line for the next batch.
    write_out(before);
    pending_.erase(0, before);
  }
  if (pending_.size() >= batch_bytes) return flush();
  if (flush_posted_) return;
  flush_posted_ = true;
  net::post(context_, [this] {
    flush_posted_ = false;
    flush();
  });
}

void access_log_buffer::flush() noexcept {
  write_out(pending_.size());
  pending_.clear();
}

void access_log_buffer::shutdown() {
  shut_down_ = true;
  flush();
}

void access_log_buffer::write_out(std::size_t bytes) noexcept {
  // To the logger's sink, standard error. A short write (a signal, a full disk) is continued;
  // any other failure drops the batch, as the logger drops a line it cannot write.
  const char* data = pending_.data();
  while (bytes > 0) {
    const auto written = ::write(STDERR_FILENO, data, bytes);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;
    data += written;
    bytes -= static_cast<std::size_t>(written);
  }
}

}  // namespace smistat::http
