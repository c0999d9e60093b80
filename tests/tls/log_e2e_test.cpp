// The real binary's request log in each --log.format: one record per request with method, path,
// status, bytes, duration and peer, and never an API key, a password or an Authorization value.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <sstream>

#include "tests/integration/smistat_process.hpp"
#include "tests/tls/tls_client.hpp"
#include "tests/tls/tls_e2e_files.hpp"

namespace smistat::test {
namespace {

// base64("prom:pass-SECRET-word"), what curl sends in the Authorization header.
const std::string authorization_value = "cHJvbTpwYXNzLVNFQ1JFVC13b3Jk";

class request_log : public ::testing::TestWithParam<std::string> {};

TEST_P(request_log, records_requests_without_secrets) {
  const std::string format = GetParam();
  web_config_folder web("log-" + format);
  web.write({{"prom", "pass-SECRET-word"}});
  smistat_process server({"--replay", machine_dir("synthetic-8x-h100__590.48.01").string(),
                          "--web.config.file", web.file().string(), "--log.format", format,
                          "--api-key", "KEY-SECRET"});
  ASSERT_GT(server.port(), 0);
  https_request req;
  req.target = "/gpu/count?api_key=KEY-SECRET&x=1";
  req.user = "prom";
  req.password = "pass-SECRET-word";
  req.headers = {"X-API-Key: KEY-SECRET"};
  EXPECT_EQ(https_get(server.port(), req).status, 200u);
  req.password = "wrong-SECRET";
  EXPECT_EQ(https_get(server.port(), req).status, 401u);
  ASSERT_TRUE(wait_for_log(server, "api_key=***", 2)) << server.log();

  const std::string log = server.log();
  EXPECT_EQ(log.find("SECRET"), std::string::npos) << log;
  EXPECT_EQ(log.find(authorization_value), std::string::npos) << log;
  if (format == "human") {
    EXPECT_NE(log.find("\"GET /gpu/count?api_key=***&x=1\" 200 "), std::string::npos) << log;
    EXPECT_NE(log.find("\"GET /gpu/count?api_key=***&x=1\" 401 "), std::string::npos) << log;
  } else if (format == "logfmt") {
    EXPECT_NE(log.find("level=info msg=request method=GET path=\"/gpu/count?api_key=***&x=1\" "
                       "status=200 bytes="),
              std::string::npos)
        << log;
    EXPECT_NE(log.find("status=401 bytes=13 duration_seconds="), std::string::npos) << log;
    EXPECT_NE(log.find(" peer=127.0.0.1:"), std::string::npos) << log;
  } else {
    // Every line is one JSON object; the request records carry typed fields.
    std::istringstream lines(log);
    int requests = 0;
    for (std::string line; std::getline(lines, line);) {
      const auto record = boost::json::parse(line).as_object();
      EXPECT_TRUE(record.contains("ts") && record.contains("level") && record.contains("msg"));
      if (record.at("msg") != "request") continue;
      ++requests;
      EXPECT_EQ(record.at("method"), "GET");
      EXPECT_EQ(record.at("path"), "/gpu/count?api_key=***&x=1");
      EXPECT_TRUE(record.at("status") == 200 || record.at("status") == 401) << line;
      EXPECT_TRUE(record.at("bytes").is_uint64() || record.at("bytes").is_int64()) << line;
      EXPECT_TRUE(record.at("duration_seconds").is_number()) << line;
      EXPECT_TRUE(std::string(record.at("peer").as_string().c_str()).starts_with("127.0.0.1:"))
          << line;
    }
    EXPECT_EQ(requests, 2) << log;
  }
}

INSTANTIATE_TEST_SUITE_P(formats, request_log, testing::Values("human", "logfmt", "json"));

}  // namespace
}  // namespace smistat::test
