#include "src/system/os_reader.hpp"

#include "src/system/proc_text.hpp"

namespace smistat::system {
namespace {

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

}  // namespace

std::string python_platform(std::string_view system, std::string_view release,
                            std::string_view machine, std::string_view glibc_version) {
  // platform._platform(): join the non-empty parts with '-', then scrub the characters that
  // are awkward in file names, drop "unknown", fold "--" and strip trailing '-'. The empty
  // processor part of Linux hosts is one of the skipped parts.
  const std::string libc = glibc_version.empty() ? "" : "glibc" + std::string(glibc_version);
  std::string out;
  for (const std::string_view part :
       {system, release, machine, std::string_view("with"), std::string_view(libc)}) {
    const std::string_view piece = trim(part);
    if (part.empty()) continue;
    if (!out.empty()) out.push_back('-');
    out.append(piece);
  }
  replace_all(out, " ", "_");
  for (const char* bad : {"/", "\\", ":", ";", "\"", "(", ")"}) replace_all(out, bad, "-");
  replace_all(out, "unknown", "");
  while (out.find("--") != std::string::npos) replace_all(out, "--", "-");
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

os_info read_os_info(const std::filesystem::path& root, const host_facts& facts) {
  const std::filesystem::path kernel = root / "proc/sys/kernel";
  os_info info;
  info.os = read_line(kernel / "ostype");
  info.os_release = read_line(kernel / "osrelease");
  info.os_version = read_line(kernel / "version");
  info.hostname = read_line(kernel / "hostname");
  info.architecture = facts.machine;
  info.processor = "";  // platform.processor() runs `uname -p`, "unknown" on Linux, shown as ""
  info.platform = python_platform(info.os, info.os_release, info.architecture, facts.glibc_version);
  return info;
}

}  // namespace smistat::system
