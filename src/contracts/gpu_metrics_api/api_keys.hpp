#pragma once
// API keys of contract 001 (docs/contracts/gpu_metrics_api.md): which keys are valid, which key a
// request presents, and the 401 it gets otherwise. Keys are compared in constant time and never
// logged.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/config/config.hpp"
#include "src/http/request.hpp"
#include "src/http/response.hpp"
#include "src/http/router.hpp"

namespace smistat::app {

/** The exact 401 body of contract 001. */
inline constexpr std::string_view api_key_detail =
    "Invalid or missing API key. Provide API key via 'api_key' query parameter or 'X-API-Key' "
    "header.";

/** The set of valid keys; empty means open access. */
class api_keys {
 public:
  /** `keys` as given; empty entries are ignored. */
  explicit api_keys(std::vector<std::string> keys);
  /** API_KEY when non-empty, plus every stripped non-empty item of API_KEYS split on ','. */
  static api_keys from_config(const config& cfg);

  /** True when no key is configured: every request is let through. */
  bool open() const noexcept { return keys_.empty(); }
  /** Whether `req` may pass: open access, or its presented key is one of the valid ones. */
  bool allows(const http::request& req) const;
  /** Whether `key` is valid; the time taken does not depend on where a mismatch is. */
  bool matches(std::string_view key) const noexcept;
  /** How many keys are configured. */
  std::size_t size() const noexcept { return keys_.size(); }

 private:
  std::vector<std::string> keys_;
};

/** The key a request presents: a non-empty `api_key` query value wins over the `X-API-Key`
 *  header, even when it is wrong (the original's `api_key or x_api_key`). nullopt when neither
 *  is given. */
std::optional<std::string> presented_key(const http::request& req);

/** The 401 response with the contract's body. */
http::response unauthorized_response();

/** `handler` behind the key check (the stream route uses it). */
http::handler require_api_key(std::shared_ptr<const api_keys> keys, http::handler handler);

/** --auth-all: installs the key check in front of every route of `r` but those in `open_paths`
 *  (matched exactly); a no-op with no keys. */
void protect_all_routes(http::router& r, std::shared_ptr<const api_keys> keys,
                        std::vector<std::string> open_paths = {});

}  // namespace smistat::app
