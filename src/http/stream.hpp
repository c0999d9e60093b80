#pragma once
// The contract between a streaming handler (Server-Sent Events) and the session that carries it.
// The handler returns a response whose `stream` is a stream_source; once the header block is on
// the wire the session calls start() with a stream_channel, and the source queues frames on it
// until the session calls stop() (client gone, write timeout, server stopping).

#include <boost/asio/any_io_executor.hpp>
#include <memory>
#include <string>

namespace smistat::http {

/** The session's end of an open stream. Kept by the source; outliving the session is harmless. */
class stream_channel {
 public:
  virtual ~stream_channel() = default;

  /** The connection's executor (one thread): the source runs its timers here, so it never races
   *  the session. */
  virtual boost::asio::any_io_executor executor() const = 0;
  /** Queues one frame (bytes exactly as the client should see them). Thread-safe. When the
   *  client lags, older queued frames are dropped so memory stays bounded. Returns false once
   *  the stream has ended (the frame is then discarded). */
  virtual bool send(std::shared_ptr<const std::string> frame) = 0;
  /** Ends the stream from the source's side: queued frames are still written. Thread-safe. */
  virtual void finish() = 0;
  /** True once the stream has ended for any reason. */
  virtual bool closed() const noexcept = 0;
};

/** Produces the frames of one stream. */
class stream_source {
 public:
  virtual ~stream_source() = default;

  /** Called once on the channel's executor after the header block was written. */
  virtual void start(std::shared_ptr<stream_channel> channel) = 0;
  /** Called once on the channel's executor when the stream ends, whatever the reason; cancel
   *  timers and drop the channel here. Not called when start() never was. */
  virtual void stop() = 0;
};

}  // namespace smistat::http
