#include "src/contracts/prometheus/metrics_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

namespace smistat::render {
namespace {

std::string_view type_name(metric_type t) {
  switch (t) {
    case metric_type::gauge: return "gauge";
    case metric_type::counter: return "counter";
  }
  return "untyped";
}

// The appenders below write into the scrape's buffer directly: /metrics renders its own section
// on every scrape, and a temporary string per escaped value or number was most of that cost.

/** `text` with each character `escape_of` names (non-empty) written as that escape: the plain
 *  runs between them are appended whole, and most texts have none. */
template <class EscapeOf>
void append_escaped(std::string& out, std::string_view text, EscapeOf escape_of) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::string_view escape = escape_of(text[i]);
    if (escape.empty()) continue;
    out.append(text.substr(run, i - run));
    out += escape;
    run = i + 1;
  }
  out.append(text.substr(run));
}

void append_label_value(std::string& out, std::string_view value) {
  append_escaped(out, value, [](char c) -> std::string_view {
    return c == '\\' ? "\\\\" : c == '"' ? "\\\"" : c == '\n' ? "\\n" : "";
  });
}

void append_help(std::string& out, std::string_view help) {
  append_escaped(out, help, [](char c) -> std::string_view {
    return c == '\\' ? "\\\\" : c == '\n' ? "\\n" : "";
  });
}

void append_labels(std::string& out, const metric_labels& labels) {
  if (labels.empty()) return;
  out += '{';
  bool first = true;
  for (const auto& [name, value] : labels) {
    if (!first) out += ',';
    first = false;
    out += name;
    out += "=\"";
    append_label_value(out, value);
    out += '"';
  }
  out += '}';
}

void append_head(std::string& out, std::string_view name, metric_type type, std::string_view help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  append_help(out, help);
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type_name(type);
  out += '\n';
}

void append_sample(std::string& out, std::string_view name, const metric_labels& labels,
                   double value) {
  out += name;
  append_labels(out, labels);
  out += ' ';
  // Whole numbers below 1e6 (counts, most bytes and percents) print as their digits in Go's
  // 'g' form too: no shortest-digits search needed.
  if (std::trunc(value) == value && std::fabs(value) < 1e6) {
    char digits[24];
    const auto end =
        std::to_chars(digits, digits + sizeof digits, static_cast<long long>(value)).ptr;
    out.append(digits, end);
  } else {
    out += format_sample_value(value);
  }
  out += '\n';
}

/** Shortest round-trip digits and decimal exponent of a finite, non-zero |v|. */
struct decimal_digits {
  std::string digits;  ///< no leading zeros, no point
  int exponent = 0;    ///< of the first digit: v = 0.d1d2... * 10^(exponent + 1)
};

decimal_digits shortest_digits(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  const std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
  const auto e = s.find('e');
  decimal_digits d;
  for (const char c : s.substr(0, e))
    if (c >= '0' && c <= '9') d.digits += c;
  d.exponent = std::atoi(std::string(s.substr(e + 1)).c_str());
  return d;
}

std::string format_exponent_form(const decimal_digits& d, bool negative) {
  std::string out = negative ? "-" : "";
  out += d.digits.front();
  if (d.digits.size() > 1) out += "." + d.digits.substr(1);
  out += d.exponent < 0 ? "e-" : "e+";
  const int mag = std::abs(d.exponent);
  if (mag < 10) out += '0';
  out += std::to_string(mag);
  return out;
}

std::string format_fixed_form(const decimal_digits& d, bool negative) {
  std::string out = negative ? "-" : "";
  const int n = static_cast<int>(d.digits.size());
  if (d.exponent < 0) {
    out += "0." + std::string(static_cast<std::size_t>(-d.exponent - 1), '0') + d.digits;
  } else if (d.exponent + 1 >= n) {
    out += d.digits + std::string(static_cast<std::size_t>(d.exponent + 1 - n), '0');
  } else {
    const auto point = static_cast<std::size_t>(d.exponent + 1);
    out += d.digits.substr(0, point) + "." + d.digits.substr(point);
  }
  return out;
}

}  // namespace

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  append_label_value(out, value);
  return out;
}

std::string escape_help(std::string_view help) {
  std::string out;
  out.reserve(help.size());
  append_help(out, help);
  return out;
}

std::string format_sample_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == 0) return "0";
  const auto d = shortest_digits(std::fabs(v));
  // strconv.FormatFloat(v, 'g', -1, 64), which client_golang uses: the exponent form below
  // 1e-4 and from 1e6 on (`1.98e+09`), the plain form in between.
  if (d.exponent < -4 || d.exponent >= 6) return format_exponent_form(d, v < 0);
  return format_fixed_form(d, v < 0);
}

metric_family::metric_family(std::string name, metric_type type, std::string help)
    : name_(std::move(name)), type_(type), help_(std::move(help)) {}

void metric_family::add(const metric_labels& labels, double value) {
  append_sample(samples_, name_, labels, value);
}

void metric_family::write(std::string& out) const {
  if (empty()) return;
  append_head(out, name_, type_, help_);
  out += samples_;
}

void append_single(std::string& out, std::string_view name, metric_type type, std::string_view help,
                   const metric_labels& labels, double value) {
  append_head(out, name, type, help);
  append_sample(out, name, labels, value);
}

}  // namespace smistat::render
