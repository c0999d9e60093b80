#include "src/http/io_threads.hpp"

#include <thread>

#include "src/http/access_log_buffer.hpp"

namespace smistat::http {

io_threads::io_threads(unsigned count) {
  if (count == 0) count = 1;
  contexts_.reserve(count);
  // A concurrency hint of 1 tells Asio no other thread runs this io_context: its scheduler
  // then takes no lock for the handlers it runs.
  for (unsigned i = 0; i < count; ++i) contexts_.push_back(std::make_unique<net::io_context>(1));
  // The first io_context ends when its services and connections do (the caller's graceful stop);
  // the others would end at once, before any connection is handed to them.
  idle_guards_.resize(count);
  for (unsigned i = 1; i < count; ++i) idle_guards_[i].emplace(contexts_[i]->get_executor());
}

io_threads::~io_threads() { stop(); }

connection_executor io_threads::next() noexcept {
  const std::size_t i = turn_.fetch_add(1, std::memory_order_relaxed) % contexts_.size();
  return contexts_[i]->get_executor();
}

void io_threads::run() {
  std::vector<std::thread> workers;
  workers.reserve(contexts_.size() - 1);
  for (std::size_t i = 1; i < contexts_.size(); ++i)
    workers.emplace_back([context = contexts_[i].get()] { context->run(); });
  contexts_.front()->run();
  for (auto& t : workers) t.join();
  // A stop at the deadline leaves queued flushes unrun: every thread is done, so the access log's
  // lines are written now rather than when the io_contexts are destroyed.
  for (auto& context : contexts_)
    if (net::has_service<access_log_buffer>(*context))
      net::use_service<access_log_buffer>(*context).flush();
}

void io_threads::release() {
  for (std::size_t i = 1; i < contexts_.size(); ++i)
    net::post(*contexts_[i], [this, i] { idle_guards_[i].reset(); });
}

void io_threads::stop() {
  for (auto& context : contexts_) context->stop();
}

bool io_threads::stopped() const noexcept {
  for (const auto& context : contexts_)
    if (!context->stopped()) return false;
  return true;
}

void io_threads::restart() {
  for (auto& context : contexts_) context->restart();
}

}  // namespace smistat::http
