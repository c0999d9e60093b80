#include "src/contracts/gpu_metrics_api/api_keys.hpp"

#include <algorithm>

#include "src/common/text.hpp"
#include "src/http/query.hpp"

namespace smistat::app {
namespace {

/** Equal without an early exit, so the time does not reveal how long a prefix matched. */
bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = std::max(a.size(), b.size());
  unsigned diff = a.size() == b.size() ? 0u : 1u;
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0u;
    const auto y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0u;
    diff |= x ^ y;
  }
  return diff == 0;
}

}  // namespace

api_keys::api_keys(std::vector<std::string> keys) {
  for (auto& k : keys) {
    if (!k.empty()) keys_.push_back(std::move(k));
  }
}

api_keys api_keys::from_config(const config& cfg) {
  std::vector<std::string> keys;
  if (!cfg.api_key.empty()) keys.push_back(cfg.api_key);
  std::string_view list = cfg.api_keys;
  while (true) {
    const auto comma = list.find(',');
    const auto item = common::python_strip(list.substr(0, comma));
    if (!item.empty()) keys.emplace_back(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return api_keys(std::move(keys));
}

bool api_keys::matches(std::string_view key) const noexcept {
  bool found = false;
  // Every key is compared, so the time does not reveal which one (if any) matched.
  for (const auto& k : keys_) found |= constant_time_equal(k, key);
  return found;
}

bool api_keys::allows(const http::request& req) const {
  if (open()) return true;
  const auto key = presented_key(req);
  return key && matches(*key);
}

std::optional<std::string> presented_key(const http::request& req) {
  auto query = http::query_value(req.query, "api_key");
  if (query && !query->empty()) return query;
  if (req.x_api_key && !req.x_api_key->empty()) return req.x_api_key;
  return std::nullopt;
}

http::response unauthorized_response() { return http::detail_response(401, api_key_detail); }

http::handler require_api_key(std::shared_ptr<const api_keys> keys, http::handler handler) {
  if (keys->open()) return handler;
  return [keys = std::move(keys), handler = std::move(handler)](const http::request& req) {
    if (!keys->allows(req)) return unauthorized_response();
    return handler(req);
  };
}

void protect_all_routes(http::router& r, std::shared_ptr<const api_keys> keys,
                        std::vector<std::string> open_paths) {
  if (keys->open()) return;
  r.set_guard([keys = std::move(keys), open = std::move(open_paths)](
                  const http::request& req) -> std::optional<http::response> {
    if (std::ranges::find(open, req.path) != open.end() || keys->allows(req)) return std::nullopt;
    return unauthorized_response();
  });
}

}  // namespace smistat::app
