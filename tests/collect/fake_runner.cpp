#include "tests/collect/fake_runner.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

namespace smistat::test {

namespace net = boost::asio;

struct fake_runner::pending {
  explicit pending(net::any_io_executor ex) : timer(std::move(ex)) {}
  std::string args;  ///< joined
  net::steady_timer timer;
  runner::run_handler handler;
  runner::run_result result;
  bool done = false;
};

scripted_run exited(int code, std::string out, std::chrono::milliseconds delay) {
  scripted_run s;
  s.result.outcome = runner::run_outcome::exited;
  s.result.exit_code = code;
  s.result.out = std::move(out);
  s.delay = delay;
  return s;
}

scripted_run ended(runner::run_outcome outcome) {
  scripted_run s;
  s.result.outcome = outcome;
  if (outcome == runner::run_outcome::spawn_failed)
    s.result.spawn_error = "No such file or directory";
  if (outcome == runner::run_outcome::killed_by_signal) s.result.signal = 11;
  return s;
}

std::string command_of(const std::string& joined_args) {
  return joined_args.substr(0, joined_args.find_first_of("= "));
}

std::string join_args(const std::vector<std::string>& args) {
  std::string out;
  for (const auto& a : args) {
    if (!out.empty()) out += ' ';
    out += a;
  }
  return out;
}

fake_runner::fake_runner(net::any_io_executor executor, responder fallback)
    : executor_(std::move(executor)), fallback_(std::move(fallback)) {}

void fake_runner::script(std::string key, std::vector<scripted_run> answers) {
  scripts_.emplace_back(std::move(key), std::deque<scripted_run>(answers.begin(), answers.end()));
}

std::size_t fake_runner::count(std::string_view prefix) const {
  return static_cast<std::size_t>(
      std::count_if(requests_.begin(), requests_.end(), [&](const auto& r) {
        const auto joined = join_args(r.args);
        return prefix.empty() ? joined.empty() : joined.starts_with(prefix);
      }));
}

scripted_run fake_runner::answer_for(const std::vector<std::string>& args) {
  const auto joined = join_args(args);
  for (auto& [key, answers] : scripts_) {
    const bool match = key.empty() ? joined.empty() : joined.starts_with(key);
    if (!match || answers.empty()) continue;
    auto answer = answers.front();
    if (answers.size() > 1) answers.pop_front();
    return answer;
  }
  if (fallback_) return fallback_(args);
  return exited(255, "unscripted: " + joined + "\n");
}

void fake_runner::async_run(runner::run_request request, runner::run_handler handler) {
  auto answer = answer_for(request.args);
  const auto joined = join_args(request.args);
  requests_.push_back(std::move(request));
  max_in_flight_ = std::max(max_in_flight_, ++in_flight_);
  auto p = std::make_shared<pending>(executor_);
  p->args = joined;
  const auto alike = std::count_if(pending_.begin(), pending_.end(), [&](const auto& other) {
    return !other->done && command_of(other->args) == command_of(joined);
  });
  max_alike_in_flight_ = std::max(max_alike_in_flight_, static_cast<int>(alike) + 1);
  p->handler = std::move(handler);
  p->result = std::move(answer.result);
  pending_.push_back(p);
  p->timer.expires_after(answer.delay);
  p->timer.async_wait([this, p](boost::system::error_code) { complete(p); });
}

void fake_runner::complete(const std::shared_ptr<pending>& p) {
  if (p->done) return;
  p->done = true;
  --in_flight_;
  std::erase(pending_, p);
  auto handler = std::move(p->handler);
  handler(std::move(p->result));
}

void fake_runner::cancel_all() {
  // Like the real runner: the run ends as timed_out and its handler still completes.
  ++cancels_;
  for (auto& p : pending_) {
    p->result = runner::run_result{};
    p->result.outcome = runner::run_outcome::timed_out;
    p->timer.cancel();
  }
}

}  // namespace smistat::test
