#include "src/contracts/nvgpu/nvgpu_table.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "src/common/python_float.hpp"

namespace smistat::render {
namespace {

enum class status_colour { green = 32, red = 31, blue = 34 };  // termcolor's ANSI codes

struct table_row {
  std::string position;
  std::vector<std::string> cells;  ///< visible text, without colour
  status_colour colour;
};

struct status {
  const char* mark;
  status_colour colour;
};

status status_of(const nvgpu_device& d) {
  // nvgpu's rule: only a lone unknown user is alarming; "alice,?" is merely busy.
  if (d.users == "?") return {"[!]", status_colour::red};
  if (d.is_available) return {"[ ]", status_colour::green};
  return {"[~]", status_colour::blue};
}

std::string number_or_na(const std::optional<std::int64_t>& v) {
  return v ? std::to_string(*v) : "N/A";
}

/** `'%03s %%' % u`: %s ignores the 0 flag, so it is right-aligned to 3 with spaces. */
std::string utilization_text(const std::optional<std::int64_t>& u) {
  if (!u) return "N/A";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%3lld %%", static_cast<long long>(*u));
  return buf;
}

/** `str(round(used_bytes / 1e9, 2)) + "GB"`: decimal gigabytes, Python's float repr. */
std::string memory_used_text(const std::optional<nvgpu_memory>& m) {
  if (!m) return "N/A";
  std::string out;
  common::append_python_float(out, common::python_round(static_cast<double>(m->used) / 1e9, 2));
  return out + "GB";
}

/** Which owner columns the table gets: only those some GPU has a value for. */
struct owner_columns {
  bool job = false;
  bool pod = false;
};

owner_columns owner_columns_of(std::span<const nvgpu_device> devices,
                               const nvgpu_table_options& o) {
  owner_columns c;
  if (!o.owner_columns) return c;
  for (const auto& d : devices) {
    c.job = c.job || !d.jobs.empty();
    c.pod = c.pod || !d.pods.empty();
  }
  return c;
}

std::vector<std::string> headers(const nvgpu_table_options& o, owner_columns owners) {
  std::vector<std::string> h{"status", "type", "util."};
  if (o.memory_column) h.emplace_back("mem. used");
  for (const char* c : {"temp.", "MHz", "users"}) h.emplace_back(c);
  if (owners.job) h.emplace_back("job");
  if (owners.pod) h.emplace_back("pod uid");
  for (const char* c : {"since", "pids", "cmd"}) h.emplace_back(c);
  return h;
}

table_row make_row(std::size_t position, const nvgpu_device& d, const nvgpu_table_options& o,
                   owner_columns owners) {
  const auto st = status_of(d);
  table_row r{std::to_string(position), {st.mark}, st.colour};
  r.cells.push_back(d.type.value_or(""));
  r.cells.push_back(utilization_text(d.utilization));
  if (o.memory_column) r.cells.push_back(memory_used_text(d.memory));
  r.cells.push_back(number_or_na(d.temperature));
  r.cells.push_back(number_or_na(d.clock_mhz));
  r.cells.push_back(d.users);
  if (owners.job) r.cells.push_back(d.jobs);
  if (owners.pod) r.cells.push_back(d.pods);
  r.cells.push_back(d.running_since.value_or(""));
  r.cells.push_back(d.pids);
  // A GPU that did not answer says why where the command would be.
  r.cells.push_back(d.lost ? *d.lost : d.cmd.value_or(""));
  return r;
}

/** tabulate's number test (Python float() on the text without colour codes). */
bool is_number(std::string_view s) {
  std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  bool digits = false, point = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      digits = true;
    } else if (s[i] == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digits;
}

/** Characters, not bytes: tabulate measures with len() of the text without escapes. */
std::size_t visible_width(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

struct column {
  std::size_t width = 0;
  bool numeric = false;
};

std::string padded(const std::string& text, const column& c) {
  const std::string pad(c.width - std::min(c.width, visible_width(text)), ' ');
  return c.numeric ? pad + text : text + pad;
}

std::string coloured(const std::string& text, status_colour colour) {
  return "\x1b[" + std::to_string(static_cast<int>(colour)) + "m" + text + "\x1b[0m";
}

/** tabulate's _build_simple_row: cells joined by two spaces, trailing whitespace removed. */
void append_line(std::string& out, const std::string& line) {
  if (!out.empty()) out += '\n';
  out.append(line, 0, line.find_last_not_of(' ') + 1);
}

std::vector<column> measure(const std::vector<std::string>& head,
                            const std::vector<table_row>& rows) {
  std::vector<column> cols(head.size() + 1);
  for (std::size_t c = 0; c < cols.size(); ++c) {
    // tabulate's minimum: the header plus two.
    cols[c].width = (c == 0 ? 0 : visible_width(head[c - 1])) + 2;
    cols[c].numeric = !rows.empty();
  }
  for (const auto& r : rows) {
    for (std::size_t c = 0; c < cols.size(); ++c) {
      const auto& text = c == 0 ? r.position : r.cells[c - 1];
      cols[c].width = std::max(cols[c].width, visible_width(text));
      cols[c].numeric = cols[c].numeric && is_number(text);
    }
  }
  return cols;
}

}  // namespace

std::string render_nvgpu_table(std::span<const nvgpu_device> devices,
                               const nvgpu_table_options& options) {
  const auto owners = owner_columns_of(devices, options);
  const auto head = headers(options, owners);
  std::vector<table_row> rows;
  for (std::size_t i = 0; i < devices.size(); ++i)
    rows.push_back(make_row(i, devices[i], options, owners));
  const auto cols = measure(head, rows);

  std::string out, header_line, rule_line;
  for (std::size_t c = 0; c < cols.size(); ++c) {
    const std::string sep = c == 0 ? "" : "  ";
    header_line += sep + padded(c == 0 ? "" : head[c - 1], cols[c]);
    rule_line += sep + std::string(cols[c].width, '-');
  }
  append_line(out, header_line);
  append_line(out, rule_line);
  for (const auto& r : rows) {
    // The DataFrame index is not coloured; every other cell is, padding outside the escapes.
    std::string line = padded(r.position, cols[0]);
    for (std::size_t c = 1; c < cols.size(); ++c) {
      const auto& text = r.cells[c - 1];
      line += "  ";
      if (!options.color) {
        line += padded(text, cols[c]);
        continue;
      }
      const std::string pad(cols[c].width - std::min(cols[c].width, visible_width(text)), ' ');
      line += cols[c].numeric ? pad + coloured(text, r.colour) : coloured(text, r.colour) + pad;
    }
    append_line(out, line);
  }
  return out;
}

}  // namespace smistat::render
