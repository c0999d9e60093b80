#include "tests/replayer/xml_checks.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

namespace smistat::test {
namespace {

constexpr std::string_view declaration = "<?xml version=\"1.0\" ?>\n";
constexpr std::string_view doctype = "<!DOCTYPE nvidia_smi_log SYSTEM \"nvsmi_device_v";

// The name of the tag starting at `text[0] == '<'`, without `/` and attributes.
std::string_view tag_name(std::string_view tag) {
  tag.remove_prefix(tag[1] == '/' ? 2 : 1);
  return tag.substr(0, tag.find_first_of(" >"));
}

std::string unbalanced_tag(std::string_view body) {
  std::vector<std::string_view> open;
  for (auto at = body.find('<'); at != std::string_view::npos; at = body.find('<', at + 1)) {
    const auto end = body.find('>', at);
    if (end == std::string_view::npos) return "a tag is never closed with '>'";
    const auto tag = body.substr(at, end - at + 1);
    if (tag.starts_with("<?") || tag.starts_with("<!")) continue;
    const auto name = tag_name(tag);
    if (tag[1] != '/') {
      open.push_back(name);
    } else if (open.empty() || open.back() != name) {
      return "</" + std::string(name) + "> closes " +
             (open.empty() ? std::string("nothing") : "<" + std::string(open.back()) + ">");
    } else {
      open.pop_back();
    }
  }
  return open.empty() ? "" : "<" + std::string(open.back()) + "> is never closed";
}

}  // namespace

std::string xml_shape_problem(std::string_view xml) {
  if (!xml.starts_with(declaration)) return "does not start with the XML declaration line";
  xml.remove_prefix(declaration.size());
  if (!xml.starts_with(doctype)) return "the DOCTYPE line does not follow";
  xml.remove_prefix(xml.find('\n') + 1);
  if (!xml.starts_with("<nvidia_smi_log>\n")) return "<nvidia_smi_log> is not alone on its line";
  if (!xml.ends_with("\n</nvidia_smi_log>\n")) return "</nvidia_smi_log> does not end it";
  return unbalanced_tag(xml);
}

bool xmllint_available() { return std::system("command -v xmllint >/dev/null 2>&1") == 0; }

std::string xmllint_problem(std::string_view xml) {
  if (!xmllint_available()) return {};
  const auto dir = std::filesystem::temp_directory_path();
  const auto path = dir / ("replayer-xml-" + std::to_string(::getpid()) + ".xml");
  const auto errors = dir / ("replayer-xml-" + std::to_string(::getpid()) + ".err");
  std::ofstream(path, std::ios::binary) << xml;
  // --nonet: the DOCTYPE names a DTD that is not fetched; only well-formedness is checked.
  const auto command = "xmllint --noout --nonet " + path.string() + " 2>" + errors.string();
  const int rc = std::system(command.c_str());
  std::ifstream in(errors);
  std::string problem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  std::filesystem::remove(errors);
  if (rc != 0 && problem.empty()) problem = "xmllint exited " + std::to_string(rc);
  return rc == 0 ? "" : problem;
}

}  // namespace smistat::test
