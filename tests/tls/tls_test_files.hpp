#pragma once
// Files the TLS tests share: the certificates made at build time (make_test_certs.sh) and
// scratch folders in the build tree.

#include <crypt.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace smistat::test {

/** A certificate or key made by make_test_certs.sh: ca.crt, server.crt/.key, client.crt/.key,
 *  stranger.crt/.key (signed by a CA the server does not trust). */
inline std::filesystem::path cert_path(const std::string& name) {
  return std::filesystem::path(SMISTAT_TEST_CERTS_DIR) / name;
}

/** An empty folder under the build tree, made anew for each call with the same name. */
inline std::filesystem::path scratch_dir(const std::string& name) {
  const auto dir = std::filesystem::path(SMISTAT_TEST_SCRATCH_DIR) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/** A bcrypt hash of `password` from libcrypt, at `cost` (4 keeps tests fast). */
inline std::string bcrypt_hash(const std::string& password, unsigned long cost = 4) {
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  if (!crypt_gensalt_rn("$2b$", cost, nullptr, 0, salt, sizeof salt))
    throw std::runtime_error("crypt_gensalt_rn failed");
  crypt_data data{};
  const char* hash = crypt_r(password.c_str(), salt, &data);
  if (!hash || hash[0] == '*') throw std::runtime_error("crypt_r failed");
  return hash;
}

}  // namespace smistat::test
