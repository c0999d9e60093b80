// The derived -q -x documents carry each GPU's identity and fixed values under the element names
// real nvidia-smi uses, matching the folder's recorded --query-gpu answer of the same state.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parsers/csv_dialect.hpp"
#include "parsers/query_csv.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

// Each `<gpu id=...>` block of the document, in order.
std::vector<std::string_view> gpu_blocks(std::string_view xml) {
  std::vector<std::string_view> blocks;
  for (auto at = xml.find("<gpu id=\""); at != std::string_view::npos;) {
    const auto end = xml.find("</gpu>", at);
    blocks.push_back(xml.substr(at, end - at));
    at = xml.find("<gpu id=\"", end);
  }
  return blocks;
}

// The text of the first `<name>` element of `text`; "<missing>" when there is none.
std::string element(std::string_view text, const std::string& name) {
  const auto open = "<" + name + ">";
  const auto at = text.find(open);
  if (at == std::string_view::npos) return "<missing>";
  const auto from = at + open.size();
  return std::string(text.substr(from, text.find('<', from) - from));
}

std::string attribute_id(std::string_view block) {
  const auto from = block.find('"') + 1;
  return std::string(block.substr(from, block.find('"', from) - from));
}

struct csv_table {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> rows;
  // The cell as -q prints it: CSV brackets its placeholders (`[N/A]`), -q does not.
  std::string cell(std::size_t row, std::string_view name) const {
    for (std::size_t c = 0; c < names.size(); ++c) {
      if (names[c] != name) continue;
      const auto& value = rows[row][c];
      if (value.size() > 2 && value.front() == '[' && value.back() == ']')
        return value.substr(1, value.size() - 2);
      return value;
    }
    return "<no column>";
  }
};

csv_table read_csv(const std::filesystem::path& path) {
  const auto text = read_file(path);
  const auto lines = parsers::split_lines(text);
  csv_table table;
  for (const auto cell : parsers::split_cells(lines.front()))
    table.names.emplace_back(parsers::parse_header_cell(cell).name);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto& row = table.rows.emplace_back();
    for (const auto cell : parsers::split_cells(lines[i])) row.emplace_back(cell);
  }
  return table;
}

TEST(replayer_xml_values, each_gpu_matches_the_recorded_query_of_its_state) {
  std::size_t compared = 0;
  for (const auto& dir : machine_dirs())
    for (const std::string state : {"idle", "load"}) {
      const auto xml_path = dir / ("q-x." + state + ".xml");
      const auto csv_path = dir / ("query-gpu." + state + ".csv");
      if (!std::filesystem::exists(xml_path) || !std::filesystem::exists(csv_path)) continue;
      SCOPED_TRACE(xml_path.string());
      const auto xml = read_file(xml_path);
      const auto csv = read_csv(csv_path);
      const auto blocks = gpu_blocks(xml);
      ASSERT_EQ(blocks.size(), csv.rows.size());
      EXPECT_EQ(element(xml, "attached_gpus"), csv.cell(0, "count"));
      for (std::size_t g = 0; g < blocks.size(); ++g) {
        const auto b = blocks[g];
        EXPECT_EQ(attribute_id(b), csv.cell(g, "pci.bus_id"));
        EXPECT_EQ(element(b, "pci_bus_id"), csv.cell(g, "pci.bus_id"));
        EXPECT_EQ(element(b, "product_name"), csv.cell(g, "name"));
        EXPECT_EQ(element(b, "uuid"), csv.cell(g, "uuid"));
        EXPECT_EQ(element(b, "serial"), csv.cell(g, "serial"));
        EXPECT_EQ(element(b, "vbios_version"), csv.cell(g, "vbios_version"));
        // -q prints the device id as 0x2330_10DE; -q -x drops the 0x.
        EXPECT_EQ("0x" + element(b, "pci_device_id"), csv.cell(g, "pci.device_id"));
        // The GPU's own, two tabs in: each MIG device has one too, deeper and earlier.
        const auto fb = std::string_view(b).substr(b.find("\n\t\t<fb_memory_usage>"));
        EXPECT_EQ(element(fb, "total"), csv.cell(g, "memory.total"));
        EXPECT_EQ(element(b, "persistence_mode"), csv.cell(g, "persistence_mode"));
        EXPECT_EQ(element(b, "compute_mode"), csv.cell(g, "compute_mode"));
        ++compared;
      }
    }
  EXPECT_GE(compared, 36u);
}

}  // namespace
}  // namespace smistat::test
