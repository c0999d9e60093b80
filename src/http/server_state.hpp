#pragma once
// What the listener and every connection share: options, router, counters and the set of live
// connections that stop() has to reach.

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "src/http/net.hpp"
#include "src/http/router.hpp"
#include "src/http/server_options.hpp"
#include "src/http/web_settings.hpp"

namespace smistat::http {

/** A live connection that stop() has to reach: a session, or a stream_session it handed its
 *  socket to. */
class connection {
 public:
  virtual ~connection() = default;
  /** Thread-safe: ends the connection gracefully (see server::stop()). */
  virtual void shutdown() = 0;
};

/** Shared by the listener and sessions; outlives the server object while connections drain. */
class server_state {
 public:
  server_state(server_options options, std::shared_ptr<const router> routes);

  /** The options the server was started with. */
  const server_options& options() const noexcept { return options_; }
  /** The routing table (immutable once serving). */
  const router& routes() const noexcept { return *routes_; }
  /** Counters, updated from any thread. */
  server_counters& counters() noexcept { return counters_; }
  const server_counters& counters() const noexcept { return counters_; }

  /** True once stop() began; new connections and new requests are refused from then on. */
  bool stopping() const noexcept { return stopping_.load(std::memory_order_acquire); }

  /** Registers a live connection and returns its id, or 0 when stopping (close it at once). */
  std::uint64_t enroll(std::weak_ptr<connection> c);
  /** Forgets a connection (called from its destructor). */
  void withdraw(std::uint64_t id) noexcept;
  /** Marks the state stopping and returns the connections still alive. */
  std::vector<std::shared_ptr<connection>> begin_stop();

  /** Takes one of the max_streams slots; false (and counted as refused) when all are taken. */
  bool claim_stream_slot() noexcept;
  /** Gives back a slot taken by claim_stream_slot(). */
  void release_stream_slot() noexcept;

  /** The TLS, basic-auth and header settings new connections get (never null). */
  std::shared_ptr<const web_settings> web() const;
  /** Replaces them for connections accepted from now on; open ones keep theirs. */
  void set_web(std::shared_ptr<const web_settings> settings);
  /** Where password checks run (bcrypt costs tens of milliseconds, too long for an I/O thread);
   *  set by the server, which owns that thread. */
  const net::any_io_executor& verifier() const noexcept { return verifier_; }
  void set_verifier(net::any_io_executor verifier) { verifier_ = std::move(verifier); }

 private:
  server_options options_;
  std::shared_ptr<const router> routes_;
  server_counters counters_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::uint64_t next_id_ = 1;
  std::unordered_map<std::uint64_t, std::weak_ptr<connection>> connections_;
  mutable std::mutex web_mutex_;
  std::shared_ptr<const web_settings> web_;
  net::any_io_executor verifier_;
};

}  // namespace smistat::http
