#include "src/http/basic_auth.hpp"

#include <crypt.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <memory>
#include <vector>

#include "src/common/text.hpp"

namespace smistat::http {
namespace {

/** Verdicts kept before the memory is cleared; far more than distinct scrapers ever send. */
constexpr std::size_t max_verdicts = 1024;

/** A valid cost-10 bcrypt hash of no configured password, checked for unknown users so they
 *  cost as much as known ones. */
constexpr const char* stand_in_hash =
    "$2b$10$abcdefghijklmnopqrstuu4T826PRnz0Hu6YlprUuxkZxOOj5Fw5S";

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::vector<unsigned char> out(text.size() / 4 * 3 + 1);
  const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the bytes the padding stands for; take them off.
  std::size_t size = static_cast<std::size_t>(n);
  if (text.ends_with("=="))
    size -= 2;
  else if (text.ends_with("="))
    size -= 1;
  return std::string(reinterpret_cast<const char*>(out.data()), size);
}

/** bcrypt through libcrypt; false when the hash is not one crypt_r understands. */
bool bcrypt_matches(const std::string& password, const char* hash) {
  // crypt_data is ~32 KiB: too much for a thread's stack to take lightly.
  auto data = std::make_unique<crypt_data>();
  const char* out = crypt_r(password.c_str(), hash, data.get());
  if (out == nullptr || out[0] == '*') return false;
  const std::string_view expected(hash);
  const std::string_view got(out);
  return got.size() == expected.size() &&
         CRYPTO_memcmp(got.data(), expected.data(), got.size()) == 0;
}

}  // namespace

std::optional<credentials> parse_basic_authorization(std::string_view header) {
  header = common::python_strip(header);
  const auto space = header.find(' ');
  if (space == std::string_view::npos || !common::iequals(header.substr(0, space), "basic"))
    return std::nullopt;
  const auto decoded = base64_decode(common::python_strip(header.substr(space + 1)));
  if (!decoded) return std::nullopt;
  const auto colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  return credentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

basic_auth::basic_auth(std::map<std::string, std::string> users) : users_(std::move(users)) {}

std::string basic_auth::key_of(const credentials& c, const std::string& hash) const {
  std::string material = c.user;
  material += '\0';
  material += hash;
  material += '\0';
  material += c.password;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(material.data()), material.size(), digest);
  OPENSSL_cleanse(material.data(), material.size());
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

std::optional<bool> basic_auth::remembered(const credentials& c) const {
  const auto user = users_.find(c.user);
  const std::string& hash = user == users_.end() ? std::string(stand_in_hash) : user->second;
  const auto key = key_of(c, hash);
  std::lock_guard lock(mutex_);
  const auto found = verdicts_.find(key);
  if (found == verdicts_.end()) return std::nullopt;
  return found->second;
}

bool basic_auth::verify(const credentials& c) const {
  const auto user = users_.find(c.user);
  const bool known = user != users_.end();
  const std::string hash = known ? user->second : std::string(stand_in_hash);
  const bool ok = bcrypt_matches(c.password, hash.c_str()) && known;
  const auto key = key_of(c, hash);
  std::lock_guard lock(mutex_);
  if (verdicts_.size() >= max_verdicts) verdicts_.clear();
  verdicts_[key] = ok;
  return ok;
}

response unauthorized_basic() {
  auto res = text_response(401, "Unauthorized\n");
  res.set_header("www-authenticate", "Basic");
  return res;
}

}  // namespace smistat::http
