// The real binary with --web.config.file: HTTPS with basic auth, client certificates, plain HTTP
// refused on the TLS port, and SIGHUP reloading who may get in.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tests/integration/cli_run.hpp"
#include "tests/integration/http_client.hpp"
#include "tests/integration/smistat_process.hpp"
#include "tests/support/golden.hpp"
#include "tests/tls/tls_client.hpp"
#include "tests/tls/tls_e2e_files.hpp"

namespace smistat::test {
namespace {

const std::string eight_gpus = "synthetic-8x-h100__590.48.01";

smistat_process start_with(const web_config_folder& web) {
  return smistat_process(
      {"--replay", machine_dir(eight_gpus).string(), "--web.config.file", web.file().string()});
}

https_request as(const std::string& user, const std::string& password,
                 const std::string& target = "/metrics") {
  https_request r;
  r.target = target;
  r.user = user;
  r.password = password;
  return r;
}

TEST(tls_e2e, right_credentials_get_in_wrong_ones_get_401_and_plain_http_gets_nothing) {
  web_config_folder web("basic-auth");
  web.write({{"prom", "scrape-secret"}});
  smistat_process server = start_with(web);
  ASSERT_GT(server.port(), 0);

  const auto ok = https_get(server.port(), as("prom", "scrape-secret"));
  EXPECT_EQ(ok.status, 200u) << ok.head << ok.body;
  EXPECT_NE(ok.body.find("smistat_up"), std::string::npos);
  // Remembered credentials, still let in (no second bcrypt; the answer is the same).
  EXPECT_EQ(https_get(server.port(), as("prom", "scrape-secret")).status, 200u);

  for (const auto& wrong :
       {as("prom", "scrape-secret2"), as("prometheus", "scrape-secret"), as("prom", "")}) {
    const auto denied = https_get(server.port(), wrong);
    EXPECT_EQ(denied.status, 401u) << *wrong.user << ":" << wrong.password;
    EXPECT_NE(denied.head.find("www-authenticate: Basic"), std::string::npos) << denied.head;
  }
  https_request anonymous;
  anonymous.target = "/-/healthy";  // probes too: the whole server is behind the check
  EXPECT_EQ(https_get(server.port(), anonymous).status, 401u);

  const auto plain = raw_exchange(server.port(), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(plain.find("HTTP/1."), std::string::npos) << plain;
  EXPECT_NE(server.log().find("listening on https://"), std::string::npos);

  // The operator sees both on /metrics: four 401s above, and the plain-HTTP handshake.
  const auto metrics = https_get(server.port(), as("prom", "scrape-secret")).body;
  EXPECT_NE(metrics.find("\nsmistat_http_unauthorized_total 4\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("\nsmistat_http_tls_handshake_failures_total 1\n"), std::string::npos)
      << metrics;
}

// nvgpu's master fetches agents with requests, which verifies https against its CA bundle. smistat
// uses the system's store, which SSL_CERT_FILE replaces here with the test CA.
TEST(tls_e2e, a_master_polls_https_agents_it_trusts_and_only_those) {
  web_config_folder web("https-agent");
  web.write({});
  smistat_process agent = start_with(web);
  ASSERT_GT(agent.port(), 0);
  const std::string agent_url = "https://127.0.0.1:" + std::to_string(agent.port());
  const std::vector<std::string> master_args{"--replay", machine_dir(eight_gpus).string(),
                                             "--agents", agent_url};

  smistat_process trusting(master_args, {{"SSL_CERT_FILE", (web.dir() / "ca.crt").string()}});
  ASSERT_GT(trusting.port(), 0);
  const auto polled = http_get(trusting.port(), "/cluster_status");
  EXPECT_EQ(polled.status, 200u);
  const auto agents = boost::json::parse(polled.body).as_array();
  ASSERT_EQ(agents.size(), 1u) << polled.body;
  EXPECT_EQ(agents[0].at("gpus").as_array().size(), 8u) << polled.body;

  // Without the CA the agent's certificate is untrusted: requests' SSLError, a ConnectionError.
  smistat_process untrusting(master_args, {{"SSL_CERT_FILE", std::nullopt}});
  ASSERT_GT(untrusting.port(), 0);
  EXPECT_EQ(http_get(untrusting.port(), "/cluster_status").body,
            "[{\"error\": \"Host not available\"}]\n");
}

// `smistat list --server` reads with the master's client, so an https server is verified alike.
TEST(tls_e2e, list_reads_an_https_server_it_trusts_and_refuses_one_it_does_not) {
  web_config_folder web("https-list");
  web.write({});
  smistat_process server = start_with(web);
  ASSERT_GT(server.port(), 0);
  const std::string url = "https://127.0.0.1:" + std::to_string(server.port());

  const auto trusted = run_smistat({"list", "--server", url, "--json"},
                                   {{"SSL_CERT_FILE", (web.dir() / "ca.crt").string()}});
  EXPECT_EQ(trusted.exit_code, 0) << trusted.err;
  EXPECT_EQ(boost::json::parse(trusted.out).at("gpus").as_array().size(), 8u) << trusted.out;

  const auto untrusted =
      run_smistat({"list", "--server", url, "--json"}, {{"SSL_CERT_FILE", std::nullopt}});
  EXPECT_EQ(untrusted.exit_code, 1);
  EXPECT_EQ(untrusted.out, "");
  EXPECT_NE(untrusted.err.find("cannot read " + url + "/gpu_status: TLS handshake: "),
            std::string::npos)
      << untrusted.err;
  EXPECT_EQ(std::count(untrusted.err.begin(), untrusted.err.end(), '\n'), 1) << untrusted.err;
}

TEST(tls_e2e, api_keys_are_checked_besides_basic_auth) {
  web_config_folder web("basic-auth-and-keys");
  web.write({{"prom", "scrape-secret"}});
  smistat_process server({"--replay", machine_dir(eight_gpus).string(), "--web.config.file",
                          web.file().string(), "--api-key", "k1", "--auth-all"});
  EXPECT_EQ(https_get(server.port(), as("prom", "scrape-secret", "/gpu/count")).status, 401u);
  EXPECT_EQ(https_get(server.port(), as("prom", "scrape-secret", "/gpu/count?api_key=k1")).status,
            200u);
  EXPECT_EQ(https_get(server.port(), as("prom", "bad", "/gpu/count?api_key=k1")).status, 401u);
}

TEST(tls_e2e, required_client_certificate_keeps_out_clients_without_a_trusted_one) {
  web_config_folder web("client-cert");
  web.write({}, "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n");
  smistat_process server = start_with(web);
  ASSERT_GT(server.port(), 0);

  https_request without;
  const auto refused = https_get(server.port(), without);
  EXPECT_NE(refused.curl_exit, 0) << refused.head;
  EXPECT_EQ(refused.status, 0u);

  https_request stranger;
  stranger.client_cert = "stranger.crt";  // signed by a CA the server does not trust
  stranger.client_key = "stranger.key";
  EXPECT_EQ(https_get(server.port(), stranger).status, 0u);

  https_request trusted;
  trusted.client_cert = "client.crt";
  trusted.client_key = "client.key";
  const auto ok = https_get(server.port(), trusted);
  EXPECT_EQ(ok.status, 200u) << ok.head;
}

TEST(tls_e2e, minimum_version_is_enforced) {
  web_config_folder web("tls13-only");
  web.write({}, "  min_version: TLS13\n");
  smistat_process server = start_with(web);
  https_request req;
  EXPECT_EQ(https_get(server.port(), req).status, 200u);
  req.headers = {};
  // curl --tls-max 1.2 cannot agree on a version with a TLS 1.3-only server.
  const auto command =
      "curl -s --max-time 10 --tls-max 1.2 --cacert " + cert_path("ca.crt").string() +
      " https://127.0.0.1:" + std::to_string(server.port()) + "/metrics -o /dev/null";
  EXPECT_NE(std::system(command.c_str()), 0);
}

TEST(tls_e2e, sighup_rereads_the_users_and_keeps_the_old_ones_when_the_file_is_bad) {
  web_config_folder web("sighup");
  web.write({{"alice", "alice-pw"}});
  smistat_process server = start_with(web);
  ASSERT_GT(server.port(), 0);
  EXPECT_EQ(https_get(server.port(), as("alice", "alice-pw")).status, 200u);
  EXPECT_EQ(https_get(server.port(), as("bob", "bob-pw")).status, 401u);

  web.write({{"bob", "bob-pw"}});
  ::kill(server.pid(), SIGHUP);
  ASSERT_TRUE(wait_for_log(server, "web configuration reloaded")) << server.log();
  EXPECT_EQ(https_get(server.port(), as("bob", "bob-pw")).status, 200u);
  EXPECT_EQ(https_get(server.port(), as("alice", "alice-pw")).status, 401u);

  web.write_text("basic_auth_users:\n  carol: not-a-hash\n");
  ::kill(server.pid(), SIGHUP);
  ASSERT_TRUE(wait_for_log(server, "keeping the web configuration in force")) << server.log();
  EXPECT_NE(server.log().find("basic_auth_users.carol: expected a bcrypt hash"), std::string::npos);
  EXPECT_EQ(https_get(server.port(), as("bob", "bob-pw")).status, 200u);
}

TEST(tls_e2e, a_bad_web_config_stops_the_start_with_one_line) {
  web_config_folder web("bad-start");
  web.write_text(
      "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
      "  min_version: TLS9\n");
  const std::string command =
      (bin_dir() / "smistat").string() + " --host 127.0.0.1 --port 0 --replay " +
      machine_dir(eight_gpus).string() + " --web.config.file " + web.file().string() + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_TRUE(pipe);
  std::string out;
  char buffer[1024];
  while (const auto n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  const int status = ::pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 2) << out;
  EXPECT_NE(out.find("--web.config.file: " + web.file().string() +
                     ": tls_server_config.min_version: unknown TLS version \"TLS9\""),
            std::string::npos)
      << out;
}

}  // namespace
}  // namespace smistat::test
