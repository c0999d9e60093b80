// Every option of the option table, given a value of the wrong type, out of range, or empty:
// refused with its one-line message. An option without a row here fails the coverage test, so a
// new option cannot slip in unchecked; options that take free text say why they refuse nothing.
#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "src/config/config.hpp"
#include "src/config/option_table.hpp"
#include "tests/config/load.hpp"

namespace smistat {
namespace {

const std::string bool_rule = "expected true or false (also 1/0, yes/no, on/off)";
const std::string timeout_rule = "expected a number of seconds greater than 0 and at most 86400";

std::string integers(const std::string& lo, const std::string& hi) {
  return "expected an integer from " + lo + " to " + hi;
}

/** Per option: the rule its refusals quote, and values it must refuse (wrong type, out of
 *  range, empty where empty is not a meaning of its own). */
struct refusal {
  std::string rule;
  std::vector<std::string> values;
};

const std::map<std::string, refusal> refusals = {
    {"host", {"expected a non-empty value", {"", " "}}},
    {"port", {integers("0", "65535"), {"http", "8000.5", "-1", "65536", ""}}},
    {"threads", {integers("0", "1024"), {"many", "-1", "1025", ""}}},
    {"refresh-interval",
     {"expected a number of seconds greater than 0 and at most 86400 (0 only with --collect-mode "
      "on-demand)",
      {"fast", "1s", "-1", "86401", "nan", "inf", ""}}},
    {"collect-mode", {"expected interval, on-demand or loop", {"timer", "INTERVAL", ""}}},
    {"processes-interval",
     {"expected a number of seconds greater than 0 and at most 86400, or empty for the refresh "
      "interval",
      {"often", "0", "-1", "86401"}}},
    {"details-interval",
     {"expected a number of seconds from 0 (never) to 86400, or empty for the default",
      {"never", "-1", "86401", "nan"}}},
    {"host-interval",
     {"expected a number of seconds from 0 (every sample) to 86400, or empty for the default",
      {"always", "-1", "86401"}}},
    {"collect-timeout", {timeout_rule, {"long", "0", "-1", "86401", ""}}},
    {"nvidia-smi", {"expected a non-empty value", {"", "  "}}},
    {"log-level",
     {"expected trace, debug, info, warning, error, critical or off", {"verbose", "5", ""}}},
    {"access-log", {bool_rule, {"maybe", "2", ""}}},
    {"enable-cors", {bool_rule, {"maybe", "2", ""}}},
    {"apply-api-prefix", {bool_rule, {"maybe", "2", ""}}},
    {"max-history", {integers("0", "1000000"), {"all", "-1", "1000001", ""}}},
    {"web.telemetry-path", {"expected a path starting with /", {"metrics", "/a b", "/m?x", ""}}},
    {"xid.source", {"expected a non-empty value", {"", " "}}},
    {"metrics.profile", {"expected dcgm, nvidia_smi", {"prometheus", "DCGM", ""}}},
    {"metrics.hostname-label", {"expected Hostname, hostname, off", {"host", "HOSTNAME", ""}}},
    {"gpus-expected", {integers("0", "1024"), {"eight", "-1", "1025", "2.5", ""}}},
    {"metrics.processes", {bool_rule, {"maybe", "2", ""}}},
    {"metrics.processes.max", {integers("0", "100000"), {"many", "-1", "100001", ""}}},
    {"path.procfs", {"expected a non-empty value", {"", " "}}},
    {"kubernetes", {bool_rule, {"maybe", "2", ""}}},
    {"kubernetes.pod-resources-socket", {"expected a non-empty value", {"", " "}}},
    {"kubernetes.interval", {timeout_rule, {"often", "0", "-1", "86401", ""}}},
    {"kubernetes.timeout", {timeout_rule, {"long", "0", "-1", "86401", ""}}},
    {"auth-all", {bool_rule, {"maybe", "2", ""}}},
    {"max-streams", {integers("1", "100000"), {"lots", "0", "100001", ""}}},
    {"read-timeout", {timeout_rule, {"long", "0", "-1", "86401", ""}}},
    {"write-timeout", {timeout_rule, {"long", "0", "-1", "86401", ""}}},
    {"max-header-bytes", {integers("1024", "1048576"), {"16k", "1023", "1048577", ""}}},
    {"max-body-bytes", {integers("0", "1073741824"), {"64k", "-1", "1073741825", ""}}},
    {"reload", {bool_rule, {"maybe", "2", ""}}},
    {"workers", {integers("0", "1024"), {"four", "-1", "1025", ""}}},
    {"log.level",
     {"expected trace, debug, info, warning, error, critical or off", {"verbose", "5", ""}}},
    {"log.format", {"expected human, logfmt, json", {"xml", "JSON", ""}}},
    {"auth-probes", {bool_rule, {"maybe", "2", ""}}},
    // Empty means no agents (nvgpu's AGENTS = []), no agents file, no local docs assets.
    {"agents",
     {"agent ftp://x is neither self nor a URL like http://node2:1080",
      {"ftp://x", "self,ftp://x"}}},
    {"agents-file", {"no such file", {"/nonexistent/nvgpu_master.cfg"}}},
    {"docs.assets-dir", {"expected a readable directory", {"/nonexistent/swagger-ui"}}},
};

/** Options whose value is free text at load time, and so refuse nothing here. */
const std::set<std::string> free_text = {
    "replay",       // a folder, or auto: checked when serving starts (--replay test in e2e)
    "api-prefix",   // any text is reported in /config; with --apply-api-prefix it is checked
    "api-key",      // any text is a key
    "api-keys",     // any text is a list of keys
    "title",        // shown as given
    "description",  // shown as given
    "api-version",  // shown as given
    "docs-url",     // empty turns the page off, as in FastAPI
    "redoc-url",    // empty turns the page off, as in FastAPI
    "default-stream-interval",  // read like the Python server: a non-number is ignored
    "web.config.file",  // a file read when serving starts, refused there with its own line (tls)
    "hpc-job-mapping-dir",  // a folder read each cadence; missing: no label, as dcgm-exporter
};

std::string env_name(const std::string& option) {
  std::string name = "SMISTAT_";
  for (const char c : option)
    name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

TEST(every_option, has_a_refusal_row_or_is_free_text) {
  for (const auto& spec : config_detail::option_table()) {
    const std::string name(spec.name);
    EXPECT_TRUE(refusals.count(name) + free_text.count(name) == 1)
        << "--" << name << " needs a row in refusals or a reason in free_text";
  }
  EXPECT_EQ(refusals.size() + free_text.size(), config_detail::option_table().size())
      << "a row names an option that does not exist";
}

TEST(every_option, refuses_wrong_type_out_of_range_and_empty_values_with_one_line) {
  for (const auto& [option, row] : refusals) {
    for (const auto& value : row.values) {
      const auto variable = env_name(option);
      SCOPED_TRACE(variable + "=\"" + value + "\"");
      try {
        test::load({}, {{variable, value}});
        ADD_FAILURE() << "accepted";
      } catch (const config_error& e) {
        const std::string expected = "invalid value \"" + value + "\" for --" + option + " (from " +
                                     variable + "): " + row.rule;
        EXPECT_EQ(std::string(e.what()), expected);
      }
    }
  }
}

TEST(every_option, refuses_the_same_values_on_the_command_line) {
  for (const auto& [option, row] : refusals) {
    for (const auto& value : row.values) {
      SCOPED_TRACE("--" + option + "=\"" + value + "\"");
      // "--name=" alone means a missing value, a message of its own; the empty value goes as
      // its own word.
      const std::vector<std::string> args =
          value.empty() ? std::vector<std::string>{"--" + option, value}
                        : std::vector<std::string>{"--" + option + "=" + value};
      try {
        test::load(args);
        ADD_FAILURE() << "accepted";
      } catch (const config_error& e) {
        const std::string text = e.what();
        EXPECT_EQ(text.find('\n'), std::string::npos) << text;
        EXPECT_NE(text.find("--" + option), std::string::npos) << text;
        EXPECT_NE(text.find("(from the command line)"), std::string::npos) << text;
      }
    }
  }
}

}  // namespace
}  // namespace smistat
