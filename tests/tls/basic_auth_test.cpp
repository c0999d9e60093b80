// Basic-auth credentials: the header's parsing, bcrypt verification and the verdicts kept so a
// scraper pays for one bcrypt, not one per scrape.
#include "src/http/basic_auth.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "tests/tls/tls_test_files.hpp"

namespace smistat::http {
namespace {

TEST(parse_basic_authorization, reads_user_and_password) {
  struct header_case {
    std::string header;
    std::optional<std::pair<std::string, std::string>> expected;
  };
  const std::vector<header_case> cases{
      {"Basic YWxpY2U6czNjcmV0", {{"alice", "s3cret"}}},  // alice:s3cret
      {"basic YWxpY2U6czNjcmV0", {{"alice", "s3cret"}}},  // scheme is case-insensitive
      {"  Basic   YWxpY2U6czNjcmV0 ", {{"alice", "s3cret"}}},
      {"Basic YWxpY2U6YTpiOmM=", {{"alice", "a:b:c"}}},  // the password may hold ':'
      {"Basic OnB3", {{"", "pw"}}},                      // ":pw"
      {"Basic YWxpY2U6", {{"alice", ""}}},               // "alice:"
      {"", std::nullopt},
      {"Bearer YWxpY2U6czNjcmV0", std::nullopt},
      {"Basic", std::nullopt},
      {"Basic YWxpY2U=", std::nullopt},  // "alice": no colon
      {"Basic not*base64!", std::nullopt},
      {"Basic YWxpY2U6czNjcmV0=", std::nullopt},  // wrong length
  };
  for (const auto& c : cases) {
    const auto got = parse_basic_authorization(c.header);
    ASSERT_EQ(got.has_value(), c.expected.has_value()) << c.header;
    if (!got) continue;
    EXPECT_EQ(got->user, c.expected->first) << c.header;
    EXPECT_EQ(got->password, c.expected->second) << c.header;
  }
}

class basic_auth_check : public ::testing::Test {
 protected:
  basic_auth users_{
      {{"alice", test::bcrypt_hash("s3cret")}, {"bob", test::bcrypt_hash("hunter2")}}};
};

TEST_F(basic_auth_check, right_password_passes_and_wrong_ones_do_not) {
  EXPECT_TRUE(users_.verify({"alice", "s3cret"}));
  EXPECT_TRUE(users_.verify({"bob", "hunter2"}));
  EXPECT_FALSE(users_.verify({"alice", "hunter2"}));
  EXPECT_FALSE(users_.verify({"alice", "s3cret "}));
  EXPECT_FALSE(users_.verify({"alice", ""}));
  EXPECT_FALSE(users_.verify({"carol", "s3cret"}));
  EXPECT_FALSE(users_.verify({"Alice", "s3cret"}));
}

TEST_F(basic_auth_check, verdicts_are_remembered_per_user_and_password) {
  EXPECT_FALSE(users_.remembered({"alice", "s3cret"}));
  EXPECT_TRUE(users_.verify({"alice", "s3cret"}));
  EXPECT_EQ(users_.remembered({"alice", "s3cret"}), true);
  EXPECT_FALSE(users_.remembered({"alice", "other"})) << "another password needs its own bcrypt";
  EXPECT_FALSE(users_.verify({"alice", "other"}));
  EXPECT_EQ(users_.remembered({"alice", "other"}), false);
  EXPECT_FALSE(users_.remembered({"bob", "s3cret"}));
}

TEST(basic_auth, hashes_of_every_bcrypt_prefix_verify) {
  // htpasswd writes $2y$, older tools $2a$; libcrypt reads all three.
  const std::string b = test::bcrypt_hash("pw");
  for (const char* prefix : {"$2a$", "$2b$", "$2y$"}) {
    const basic_auth users({{"u", prefix + b.substr(4)}});
    EXPECT_TRUE(users.verify({"u", "pw"})) << prefix;
  }
}

}  // namespace
}  // namespace smistat::http
