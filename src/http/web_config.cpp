#include "src/http/web_config.hpp"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <fstream>
#include <functional>
#include <sstream>

#include "src/http/web_config_names.hpp"

namespace smistat::http {
namespace {

namespace fs = std::filesystem;

/** Where in the file a value is, for the one-line error: the file and the dotted key. */
class place {
 public:
  place(std::string file, std::string key) : file_(std::move(file)), key_(std::move(key)) {}
  place operator/(std::string_view child) const {
    return {file_, key_.empty() ? std::string(child) : key_ + "." + std::string(child)};
  }
  [[noreturn]] void fail(std::string_view what) const {
    throw web_config_error(file_ + ": " + (key_.empty() ? "" : key_ + ": ") + std::string(what));
  }

 private:
  std::string file_;
  std::string key_;
};

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string scalar(const YAML::Node& node, const place& at) {
  if (node.IsNull()) return {};
  if (!node.IsScalar()) at.fail("expected a single value");
  return node.Scalar();
}

bool boolean(const YAML::Node& node, const place& at) {
  bool out = false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, out))
    at.fail("expected true or false");
  return out;
}

std::vector<std::string> scalars(const YAML::Node& node, const place& at) {
  std::vector<std::string> out;
  if (node.IsNull()) return out;
  if (!node.IsSequence()) at.fail("expected a list");
  for (const auto& item : node) out.push_back(scalar(item, at));
  return out;
}

/** Calls `visit(key, value)` for every entry of a mapping; a null section is an empty one. */
void each_entry(const YAML::Node& node, const place& at,
                const std::function<void(const std::string&, const YAML::Node&)>& visit) {
  if (node.IsNull()) return;
  if (!node.IsMap()) at.fail("expected a mapping");
  for (const auto& entry : node) visit(scalar(entry.first, at), entry.second);
}

fs::path resolved(const std::string& path, const fs::path& folder) {
  if (path.empty()) return {};
  const fs::path p(path);
  return p.is_absolute() ? p : folder / p;
}

tls_version version_of(const YAML::Node& node, const place& at) {
  const auto text = scalar(node, at);
  const auto v = web_names::tls_version_named(text);
  if (!v)
    at.fail("unknown TLS version " + in_quotes(text) + " (expected TLS10, TLS11, TLS12 or TLS13)");
  return *v;
}

/** Raw fields of tls_server_config, before the rules that involve several of them. */
struct tls_fields {
  std::string cert_file, key_file, client_ca_file, client_auth_type;
  tls_server_config parsed;
};

tls_fields read_tls_fields(const YAML::Node& node, const place& at) {
  tls_fields f;
  each_entry(node, at, [&](const std::string& key, const YAML::Node& value) {
    const place here = at / key;
    if (key == "cert_file") {
      f.cert_file = scalar(value, here);
    } else if (key == "key_file") {
      f.key_file = scalar(value, here);
    } else if (key == "client_ca_file") {
      f.client_ca_file = scalar(value, here);
    } else if (key == "client_auth_type") {
      f.client_auth_type = scalar(value, here);
      const auto mode = web_names::client_auth_named(f.client_auth_type);
      if (!mode) here.fail("unknown client auth type " + in_quotes(f.client_auth_type));
      f.parsed.client_auth_type = *mode;
    } else if (key == "min_version") {
      f.parsed.min_version = version_of(value, here);
    } else if (key == "max_version") {
      f.parsed.max_version = version_of(value, here);
    } else if (key == "cipher_suites") {
      for (const auto& name : scalars(value, here)) {
        const auto cipher = web_names::openssl_cipher_named(name);
        if (!cipher) here.fail("unknown cipher " + in_quotes(name));
        if (!cipher->empty()) f.parsed.cipher_suites.push_back(*cipher);
      }
    } else if (key == "prefer_server_cipher_suites") {
      f.parsed.prefer_server_cipher_suites = boolean(value, here);
    } else if (key == "curve_preferences") {
      for (const auto& name : scalars(value, here)) {
        const auto group = web_names::openssl_group_named(name);
        if (!group) here.fail("unknown curve " + in_quotes(name));
        f.parsed.curve_preferences.push_back(*group);
      }
    } else {
      here.fail("unknown key");
    }
  });
  return f;
}

/** TLS is on when any of the file or client settings is given (exporter-toolkit's IsEnabled). */
std::optional<tls_server_config> read_tls(const YAML::Node& node, const place& at,
                                          const fs::path& folder) {
  tls_fields f = read_tls_fields(node, at);
  if (f.cert_file.empty() && f.key_file.empty() && f.client_ca_file.empty() &&
      f.client_auth_type.empty())
    return std::nullopt;
  if (f.cert_file.empty()) (at / "cert_file").fail("missing; TLS needs a certificate");
  if (f.key_file.empty()) (at / "key_file").fail("missing; TLS needs a private key");
  tls_server_config& c = f.parsed;
  c.cert_file = resolved(f.cert_file, folder);
  c.key_file = resolved(f.key_file, folder);
  c.client_ca_file = resolved(f.client_ca_file, folder);
  if (!f.client_ca_file.empty() && c.client_auth_type == client_auth::none)
    (at / "client_ca_file").fail("set without a client_auth_type that asks for a certificate");
  const bool verifies = c.client_auth_type == client_auth::verify_if_given ||
                        c.client_auth_type == client_auth::require_and_verify;
  if (verifies && f.client_ca_file.empty())
    (at / "client_ca_file")
        .fail("missing; client_auth_type " + f.client_auth_type +
              " verifies client certificates against it");
  if (c.min_version > c.max_version) (at / "min_version").fail("greater than max_version");
  return c;
}

void read_http(const YAML::Node& node, const place& at, web_config& out) {
  each_entry(node, at, [&](const std::string& key, const YAML::Node& value) {
    const place here = at / key;
    if (key == "http2") {
      out.http2 = boolean(value, here);
    } else if (key == "headers") {
      each_entry(value, here, [&](const std::string& name, const YAML::Node& v) {
        const place header = here / name;
        const auto text = scalar(v, header);
        if (const auto problem = web_names::header_problem(name, text); !problem.empty())
          header.fail(problem);
        out.headers.push_back({name, text});
      });
    } else {
      here.fail("unknown key");
    }
  });
}

bool looks_like_bcrypt(std::string_view hash) {
  // $2a$, $2b$ or $2y$, a two-digit cost, '$', 53 characters of salt and digest.
  return hash.size() == 60 && hash[0] == '$' && hash[1] == '2' &&
         (hash[2] == 'a' || hash[2] == 'b' || hash[2] == 'y') && hash[3] == '$' &&
         std::isdigit(static_cast<unsigned char>(hash[4])) &&
         std::isdigit(static_cast<unsigned char>(hash[5])) && hash[6] == '$';
}

void read_users(const YAML::Node& node, const place& at, web_config& out) {
  each_entry(node, at, [&](const std::string& user, const YAML::Node& value) {
    const place here = at / user;
    // A name with ':' can never be sent in a Basic Authorization header.
    if (user.empty() || user.find(':') != std::string::npos)
      here.fail("a user name must be non-empty and contain no ':'");
    auto hash = scalar(value, here);
    if (!looks_like_bcrypt(hash)) here.fail("expected a bcrypt hash ($2b$...), not a password");
    out.basic_auth_users.emplace(user, std::move(hash));
  });
}

}  // namespace

web_config parse_web_config(std::string_view text, const fs::path& file) {
  const place top(file.string(), "");
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    top.fail("line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  web_config out;
  const fs::path folder = file.parent_path();
  each_entry(root, top, [&](const std::string& key, const YAML::Node& value) {
    const place here = top / key;
    if (key == "tls_server_config") {
      out.tls = read_tls(value, here, folder);
    } else if (key == "http_server_config") {
      read_http(value, here, out);
    } else if (key == "basic_auth_users") {
      read_users(value, here, out);
    } else {
      here.fail("unknown key");
    }
  });
  return out;
}

web_config load_web_config(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw web_config_error(file.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_web_config(text.str(), file);
}

}  // namespace smistat::http
