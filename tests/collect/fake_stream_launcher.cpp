#include "tests/collect/fake_stream_launcher.hpp"

#include <boost/asio/post.hpp>
#include <utility>

namespace smistat::test {

namespace net = boost::asio;

struct fake_stream_launcher::child : runner::stream_handle, std::enable_shared_from_this<child> {
  child(fake_stream_launcher& launcher, int pid) : owner(launcher), id(pid) {}
  int pid() const override { return id; }
  void stop() override {
    if (ended) return;
    ++owner.stops_;
    end({runner::run_outcome::timed_out, -1, 15, {}, {}, id, true});
  }
  void read_ready(std::string& into) override {
    into += unread;
    unread.clear();
  }
  void end(runner::stream_exit e) {
    ended = true;
    // Like the real launcher: the exit handler runs later, never inside the caller, and what
    // nobody asked for yet goes to the output handler first.
    net::post(executor, [self = shared_from_this(), e = std::move(e)]() mutable {
      if (!self->unread.empty() && self->on_output)
        self->on_output(std::exchange(self->unread, {}));
      if (self->on_exit) std::exchange(self->on_exit, nullptr)(std::move(e));
    });
  }

  fake_stream_launcher& owner;
  int id;
  net::any_io_executor executor;  ///< the request's, else the launcher's: where handlers run
  bool ended = false;
  bool read_when_asked = false;
  std::string unread;  ///< printed to a read_when_asked stream, waiting for read_ready
  runner::stream_output_handler on_output;
  runner::stream_exit_handler on_exit;
};

fake_stream_launcher::fake_stream_launcher(net::any_io_executor executor)
    : executor_(std::move(executor)) {}

std::shared_ptr<runner::stream_handle> fake_stream_launcher::start(
    runner::stream_request request, runner::stream_output_handler on_output,
    runner::stream_exit_handler on_exit) {
  requests_.push_back(std::move(request));
  auto c = std::make_shared<child>(*this, 1000 + static_cast<int>(children_.size()));
  c->read_when_asked = requests_.back().read_when_asked;
  c->executor = requests_.back().executor.value_or(executor_);
  c->on_output = std::move(on_output);
  c->on_exit = std::move(on_exit);
  children_.push_back(c);
  return c;
}

void fake_stream_launcher::cancel_all() {
  for (auto& c : children_) c->stop();
}

void fake_stream_launcher::print(std::string_view bytes) {
  auto c = children_.back();
  if (c->ended) return;
  if (c->read_when_asked) {
    c->unread += bytes;  // held as a pipe holds it, until the owner reads
    return;
  }
  net::post(c->executor, [c, text = std::string(bytes)] {
    if (c->on_output) c->on_output(text);
  });
}

void fake_stream_launcher::exit(int code, std::string err) {
  auto c = children_.back();
  if (c->ended) return;
  c->end({runner::run_outcome::exited, code, 0, std::move(err), {}, c->id, false});
}

bool fake_stream_launcher::running() const {
  return !children_.empty() && !children_.back()->ended;
}

}  // namespace smistat::test
