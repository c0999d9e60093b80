// The machines recorded only as `-q -x` (fixtures/from-xml): the XML byte for byte, `-i` on the
// re-indented documents other projects keep, and the derived CSV and `-L` answered as written.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/replayer/replayer_process.hpp"
#include "tests/replayer/xml_checks.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

std::vector<std::filesystem::path> from_xml_dirs() {
  std::vector<std::filesystem::path> dirs;
  for (const auto& entry : std::filesystem::directory_iterator(fixtures_dir() / "from-xml"))
    if (std::filesystem::exists(entry.path() / "q-x.idle.xml")) dirs.push_back(entry.path());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

env_vars env_for(const std::filesystem::path& dir) {
  return {{"NVIDIA_SMI_REPLAY_DIR", dir.string()}};
}

std::size_t count_of(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(replayer_from_xml, every_folder_answers_its_files_byte_for_byte) {
  const auto dirs = from_xml_dirs();
  EXPECT_GE(dirs.size(), 12u);
  for (const auto& dir : dirs) {
    SCOPED_TRACE(dir.filename().string());
    const auto xml = run_replayer({"-q", "-x"}, env_for(dir));
    EXPECT_EQ(xml.exit_code, 0);
    EXPECT_EQ(xml.err, "");
    EXPECT_TRUE(xml.out == read_file(dir / "q-x.idle.xml")) << "differs from the recording";
    EXPECT_EQ(xmllint_problem(xml.out), "");
    EXPECT_EQ(run_replayer({"-L"}, env_for(dir)).out, read_file(dir / "list-gpus.txt"));
    // Every derived column, by the names of the derived header.
    const auto csv = read_file(dir / "query-gpu.idle.csv");
    std::string fields;
    for (auto header = std::string_view(csv).substr(0, csv.find('\n')); !header.empty();) {
      const auto comma = header.find(", ");
      const auto cell = header.substr(0, comma);
      if (!fields.empty()) fields += ',';
      fields += cell.substr(0, cell.find(" ["));
      if (comma == std::string_view::npos) break;
      header.remove_prefix(comma + 2);
    }
    EXPECT_EQ(run_replayer({"--query-gpu=" + fields, "--format=csv"}, env_for(dir)).out, csv);
  }
}

TEST(replayer_from_xml, id_selects_one_gpu_of_a_space_indented_document) {
  // microsoft/pai's four K80s, indented with spaces and listed out of minor-number order.
  const auto dir = fixtures_dir() / "from-xml/tesla-k80__430.26";
  const std::vector<std::string> bus_ids = {"00001580:00:00.0", "00002DF7:00:00.0",
                                            "00004968:00:00.0", "0000F8D6:00:00.0"};
  for (std::size_t i = 0; i < bus_ids.size(); ++i) {
    SCOPED_TRACE(i);
    const auto got = run_replayer({"-q", "-x", "-i", std::to_string(i)}, env_for(dir));
    ASSERT_EQ(got.exit_code, 0) << got.err;
    EXPECT_EQ(count_of(got.out, "<gpu id="), 1u);
    EXPECT_NE(got.out.find("<gpu id=\"" + bus_ids[i] + "\">"), std::string::npos);
    EXPECT_NE(got.out.find("<attached_gpus>4</attached_gpus>"), std::string::npos);
    EXPECT_EQ(xmllint_problem(got.out), "");
  }
}

}  // namespace
}  // namespace smistat::test
