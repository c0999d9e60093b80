#pragma once
// A web configuration file for an end-to-end test, in its own folder with the server's
// certificate and key beside it (named relatively, as exporter-toolkit resolves them).

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include "tests/integration/smistat_process.hpp"
#include "tests/tls/tls_test_files.hpp"

namespace smistat::test {

class web_config_folder {
 public:
  explicit web_config_folder(const std::string& name) : dir_(scratch_dir(name)) {
    for (const char* f : {"server.crt", "server.key", "ca.crt"})
      std::filesystem::copy_file(cert_path(f), dir_ / f);
  }
  std::filesystem::path file() const { return dir_ / "web.yml"; }
  const std::filesystem::path& dir() const { return dir_; }

  /** Writes web.yml: TLS with `tls_extra` lines, and `users` (name -> password, hashed here). */
  void write(const std::map<std::string, std::string>& users, const std::string& tls_extra = "") {
    std::string text =
        "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n" + tls_extra;
    if (!users.empty()) text += "basic_auth_users:\n";
    for (const auto& [user, password] : users)
      text += "  " + user + ": " + bcrypt_hash(password) + "\n";
    write_text(text);
  }
  void write_text(const std::string& text) {
    // Written beside and renamed, so a reload never reads half a file.
    const auto partial = dir_ / "web.yml.new";
    std::ofstream(partial) << text;
    std::filesystem::rename(partial, file());
  }

 private:
  std::filesystem::path dir_;
};

/** Waits (at most 10 s) until the server's log holds `text` `count` times. */
inline bool wait_for_log(const smistat_process& server, const std::string& text,
                         std::size_t count = 1) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    const auto log = server.log();
    std::size_t seen = 0;
    for (auto at = log.find(text); at != std::string::npos; at = log.find(text, at + 1)) ++seen;
    if (seen >= count) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

}  // namespace smistat::test
