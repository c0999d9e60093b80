#include "src/contracts/gpu_metrics_api/stream_route.hpp"

#include <boost/asio/steady_timer.hpp>
#include <ctime>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>

#include "src/common/iso_time.hpp"
#include "src/contracts/gpu_metrics_api/api_keys.hpp"
#include "src/contracts/kit/json_writer.hpp"
#include "src/http/query.hpp"

namespace smistat::app {
namespace {

constexpr double min_interval = 0.5;
constexpr double max_interval = 60.0;
constexpr double default_interval = 2.0;

// pydantic 1's wording, as Debian's FastAPI answers (docs/contracts/gpu_metrics_api.md).
constexpr std::string_view not_ge_body =
    R"({"detail":[{"loc":["query","interval"],"msg":"ensure this value is greater than or equal to 0.5","type":"value_error.number.not_ge","ctx":{"limit_value":0.5}}]})";
constexpr std::string_view not_le_body =
    R"({"detail":[{"loc":["query","interval"],"msg":"ensure this value is less than or equal to 60.0","type":"value_error.number.not_le","ctx":{"limit_value":60.0}}]})";
constexpr std::string_view not_float_body =
    R"({"detail":[{"loc":["query","interval"],"msg":"value is not a valid float","type":"type_error.float"}]})";

std::shared_ptr<const std::string> data_frame(std::string_view json) {
  std::string frame;
  frame.reserve(json.size() + 8);
  frame += "data: ";
  frame += json;
  frame += "\n\n";
  return std::make_shared<const std::string>(std::move(frame));
}

/** The frame for the current snapshot, rendered once per generation for all open streams. */
class event_frames : public std::enable_shared_from_this<event_frames> {
 public:
  event_frames(std::function<collect::snapshot_ptr()> current, publish_feed feed,
               event_renderer render)
      : current_(std::move(current)), feed_(std::move(feed)), render_(std::move(render)) {}

  std::shared_ptr<const std::string> next() {
    const collect::snapshot_ptr s = current_();
    {
      std::lock_guard lock(mutex_);
      if (frame_ && generation_ == s->generation) return frame_;
    }
    std::shared_ptr<const std::string> frame;
    try {
      frame = data_frame(render_(*s));
    } catch (const std::exception& e) {
      // Not cached: the next tick tries again, as the original's loop does.
      return std::make_shared<const std::string>(error_event(e.what(), wall_now()));
    }
    std::lock_guard lock(mutex_);
    generation_ = s->generation;
    frame_ = frame;
    return frame;
  }

  /** Listens to publishes while at least one stream is open. */
  void stream_opened() {
    std::lock_guard lock(mutex_);
    if (open_streams_++ > 0 || !feed_.subscribe) return;
    std::weak_ptr<event_frames> weak = weak_from_this();
    subscription_ = feed_.subscribe([weak](const collect::snapshot_ptr&) {
      if (auto self = weak.lock()) self->forget();
    });
  }

  void stream_closed() {
    std::optional<std::uint64_t> id;
    {
      std::lock_guard lock(mutex_);
      if (open_streams_ == 0 || --open_streams_ > 0) return;
      id = subscription_;
      subscription_.reset();
      frame_.reset();
    }
    // Outside the lock: the store may be calling forget() on another thread right now.
    if (id && feed_.unsubscribe) feed_.unsubscribe(*id);
  }

 private:
  static std::chrono::system_clock::time_point wall_now() {
    return std::chrono::system_clock::now();
  }
  void forget() {
    std::lock_guard lock(mutex_);
    frame_.reset();
  }

  std::function<collect::snapshot_ptr()> current_;
  publish_feed feed_;
  event_renderer render_;
  std::mutex mutex_;
  std::shared_ptr<const std::string> frame_;
  std::uint64_t generation_ = 0;
  std::size_t open_streams_ = 0;
  std::optional<std::uint64_t> subscription_;
};

/** One client's stream: a frame now, then one per interval, on the connection's strand. */
class gpu_event_stream final : public http::stream_source,
                               public std::enable_shared_from_this<gpu_event_stream> {
 public:
  gpu_event_stream(std::shared_ptr<event_frames> frames, double interval_seconds)
      : frames_(std::move(frames)),
        interval_(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
            std::chrono::duration<double>(interval_seconds))) {}

  void start(std::shared_ptr<http::stream_channel> channel) override {
    channel_ = std::move(channel);
    timer_.emplace(channel_->executor());
    frames_->stream_opened();
    tick();
  }

  void stop() override {
    if (!channel_) return;
    channel_.reset();
    if (timer_) timer_->cancel();
    frames_->stream_closed();
  }

 private:
  void tick() {
    if (!channel_ || !channel_->send(frames_->next())) return;
    timer_->expires_after(interval_);
    timer_->async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec) self->tick();
    });
  }

  std::shared_ptr<event_frames> frames_;
  std::chrono::steady_clock::duration interval_;
  std::shared_ptr<http::stream_channel> channel_;
  std::optional<boost::asio::steady_timer> timer_;
};

http::response event_stream_response(std::shared_ptr<http::stream_source> source) {
  http::response res;
  res.status = 200;
  res.content_type = "text/event-stream; charset=utf-8";
  res.headers = {
      {"cache-control", "no-cache"}, {"connection", "keep-alive"}, {"x-accel-buffering", "no"}};
  res.stream = std::move(source);
  return res;
}

}  // namespace

std::variant<double, http::response> parse_stream_interval(const http::request& req) {
  const auto text = http::query_value(req.query, "interval");
  if (!text) return default_interval;
  const auto value = http::parse_python_float(*text);
  if (!value) return http::json_response(422, std::string(not_float_body));
  // Written as negations so NaN fails the first bound, as in pydantic.
  if (!(*value >= min_interval)) return http::json_response(422, std::string(not_ge_body));
  if (!(*value <= max_interval)) return http::json_response(422, std::string(not_le_body));
  return *value;
}

double effective_stream_interval(double requested, std::string_view default_stream_interval) {
  if (default_stream_interval.empty() || requested != default_interval) return requested;
  const auto env = http::parse_python_float(default_stream_interval);
  if (!env) return requested;
  // max(0.5, min(60.0, env)) with Python's argument order, so NaN ends up at 60.
  const double upper = *env < max_interval ? *env : max_interval;
  return upper > min_interval ? upper : min_interval;
}

std::string error_event(std::string_view message, std::chrono::system_clock::time_point now) {
  std::string out = "data: ";
  render::json_writer w(out, {.ensure_ascii = true, .spaced = true});
  w.begin_object();
  w.key("error").string(message);
  w.key("timestamp").string(common::utc_iso_seconds(now));
  w.key("status").string("error");
  w.end_object();
  out += "\n\n";
  return out;
}

namespace {

constexpr http::route_doc stream_doc{
    .summary = "Server-sent events: the /gpu answer every ?interval= seconds",
    .tag = "GPU Metrics API",
    .schema = {},
    .content_type = "text/event-stream"};

}  // namespace

void add_stream_route(http::router& r, const config& cfg,
                      std::function<collect::snapshot_ptr()> current, publish_feed feed,
                      event_renderer render_event_json) {
  auto frames = std::make_shared<event_frames>(std::move(current), std::move(feed),
                                               std::move(render_event_json));
  auto keys = std::make_shared<const api_keys>(api_keys::from_config(cfg));
  r.add(
      "/gpu/stream",
      [frames, keys, env = cfg.default_stream_interval](const http::request& req) {
        // FastAPI validates the query before the handler body checks the key: 422 comes first.
        auto interval = parse_stream_interval(req);
        if (auto* invalid = std::get_if<http::response>(&interval)) return std::move(*invalid);
        if (!keys->allows(req)) return unauthorized_response();
        const double seconds = effective_stream_interval(std::get<double>(interval), env);
        return event_stream_response(std::make_shared<gpu_event_stream>(frames, seconds));
      },
      stream_doc);
}

}  // namespace smistat::app
