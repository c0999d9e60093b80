#include "tests/collect/smi_emulator.hpp"

#include <fstream>
#include <sstream>

#include "parsers/csv_dialect.hpp"

namespace smistat::test {

namespace {

std::vector<std::string> split_names(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string name; std::getline(in, name, ',');) out.push_back(name);
  return out;
}

std::string strip_unit(std::string_view value, const std::string& unit) {
  const auto suffix = " " + unit;
  if (!unit.empty() && value.ends_with(suffix)) value.remove_suffix(suffix.size());
  return std::string(value);
}

std::string option_value(const std::vector<std::string>& args, std::string_view option) {
  for (const auto& a : args)
    if (a.starts_with(option)) return a.substr(option.size());
  return {};
}

// Process fields by their header name; `name` and `used_memory` are the help's aliases.
std::string app_column_name(const std::string& name) {
  if (name == "name") return "process_name";
  if (name == "used_memory") return "used_gpu_memory";
  return name;
}

}  // namespace

std::string cut_columns(const std::string& csv, const std::vector<std::string>& names,
                        const std::string& format) {
  const auto lines = parsers::split_lines(csv);
  if (lines.empty()) return {};
  std::vector<parsers::returned_field> header;
  for (auto c : parsers::split_cells(lines.front()))
    header.push_back(parsers::parse_header_cell(c));
  std::vector<std::size_t> columns;
  for (const auto& n : names)
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i].name == n) columns.push_back(i);
  const bool with_header = format.find("noheader") == std::string::npos;
  const bool with_units = format.find("nounits") == std::string::npos;
  std::string out;
  auto emit = [&](auto cell_text) {
    for (std::size_t k = 0; k < columns.size(); ++k) out += (k ? ", " : "") + cell_text(columns[k]);
    out += '\n';
  };
  if (with_header)
    emit([&](std::size_t i) {
      const auto& h = header[i];
      return h.unit.empty() ? h.name : h.name + " [" + h.unit + "]";
    });
  for (std::size_t r = 1; r < lines.size(); ++r) {
    const auto cells = parsers::split_cells(lines[r]);
    emit([&](std::size_t i) {
      const std::string_view v = i < cells.size() ? cells[i] : std::string_view{};
      return with_units ? std::string(v) : strip_unit(v, header[i].unit);
    });
  }
  return out;
}

smi_emulator::smi_emulator(const std::filesystem::path& machine, std::string state)
    : dir_(machine),
      state_(std::move(state)),
      catalog_(parsers::parse_help_query_gpu(read("help-query-gpu.txt"))) {}

std::string smi_emulator::read(const std::string& name) const {
  std::ifstream in(dir_ / name, std::ios::binary);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

scripted_run smi_emulator::operator()(const std::vector<std::string>& args) const {
  const std::string first = args.empty() ? "" : args.front();
  if (args.empty()) {
    auto recorded = read("banner." + state_ + ".txt");
    return exited(0, recorded.empty() ? banner : recorded);
  }
  if (first == "--version") {
    auto text = read("version.txt");
    if (text.empty())
      return exited(
          255, "Invalid combination of input arguments. Please run 'nvidia-smi -h' for help.\n");
    return exited(0, text);
  }
  if (first == "-L") return exited(0, read("list-gpus.txt"));
  if (first == "--help-query-gpu") return exited(0, read("help-query-gpu.txt"));
  if (first == "-q") {
    auto text = read("q." + state_ + ".txt");
    if (!text.empty()) return exited(0, std::move(text));
  }
  const auto format = option_value(args, "--format=");
  if (first.starts_with("--query-gpu="))
    return query_gpu(option_value(args, "--query-gpu="), format);
  if (first.starts_with("--query-compute-apps="))
    return compute_apps(option_value(args, "--query-compute-apps="), format);
  return exited(255, "Invalid combination of input arguments.\n");
}

scripted_run smi_emulator::query_gpu(const std::string& names, const std::string& format) const {
  std::vector<std::string> canonical;
  for (const auto& n : split_names(names)) {
    const auto* known = catalog_.find(n);
    if (!known || rejected.count(n))
      return exited(2, "Field \"" + n + "\" is not a valid field to query.\n\n");
    canonical.push_back(known->name);
  }
  return exited(0, cut_columns(read("query-gpu." + state_ + ".csv"), canonical, format));
}

scripted_run smi_emulator::compute_apps(const std::string& names, const std::string& format) const {
  std::vector<std::string> columns;
  for (const auto& n : split_names(names)) columns.push_back(app_column_name(n));
  return exited(0, cut_columns(read("compute-apps." + state_ + ".csv"), columns, format));
}

std::string smi_emulator::value(std::size_t row, const std::string& field) const {
  const auto* known = catalog_.find(field);
  const auto text = cut_columns(read("query-gpu." + state_ + ".csv"), {known ? known->name : field},
                                "csv,noheader,nounits");
  const auto lines = parsers::split_lines(text);
  return row < lines.size() ? std::string(parsers::trim(lines[row])) : std::string{};
}

}  // namespace smistat::test
