#pragma once
// HTTP basic authentication against bcrypt hashes (exporter-toolkit's basic_auth_users).
// bcrypt is slow by design (a cost-10 hash takes tens of milliseconds), so a verdict is
// remembered under a SHA-256 of the user, the hash and the password, as exporter-toolkit does:
// a scraper that sends the same credentials every 15 s pays for one bcrypt, not one per scrape.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "src/http/response.hpp"

namespace smistat::http {

/** What an `Authorization: Basic` header carries. */
struct credentials {
  std::string user;
  std::string password;
};

/** `Basic <base64 of user:password>` (scheme case-insensitive), or nullopt when the header is
 *  absent, of another scheme or malformed. */
std::optional<credentials> parse_basic_authorization(std::string_view header);

/** 401 with the challenge browsers and Prometheus answer; the body is exporter-toolkit's. */
response unauthorized_basic();

/** The users of a web configuration. Thread-safe. */
class basic_auth {
 public:
  /** user -> bcrypt hash; the hashes were checked when the file was parsed. */
  explicit basic_auth(std::map<std::string, std::string> users);

  /** The remembered verdict for `c`, if any; costs a SHA-256, never a bcrypt. */
  std::optional<bool> remembered(const credentials& c) const;
  /** Whether `c` names a user whose hash the password matches, and remembers the verdict. Costs
   *  a bcrypt unless remembered, also for an unknown user (against a stand-in hash), so the time
   *  taken does not reveal which users exist. Call off the I/O threads. */
  bool verify(const credentials& c) const;

 private:
  std::string key_of(const credentials& c, const std::string& hash) const;

  std::map<std::string, std::string> users_;
  mutable std::mutex mutex_;
  /** SHA-256 of (user, hash, password) -> verdict; cleared when it grows past a bound, so a
   *  client trying many passwords cannot grow it without limit. */
  mutable std::unordered_map<std::string, bool> verdicts_;
};

}  // namespace smistat::http
