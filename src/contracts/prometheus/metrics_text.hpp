#pragma once
// Prometheus text exposition format 0.0.4: families with one HELP and TYPE each, escaped label
// values, and numbers printed the way Go's client libraries print them, so scrapes of smistat
// and of the exporters it replaces read alike.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smistat::render {

/** The content type of the exposition. */
inline constexpr std::string_view metrics_content_type = "text/plain; version=0.0.4; charset=utf-8";

/** Prometheus metric types used here. */
enum class metric_type { gauge, counter };

/** One label: name and unescaped value. */
using metric_label = std::pair<std::string, std::string>;
/** Labels in the order they are written. */
using metric_labels = std::vector<metric_label>;

/** Escapes a label value: backslash, double quote and newline. */
std::string escape_label_value(std::string_view value);
/** Escapes HELP text: backslash and newline. */
std::string escape_help(std::string_view help);
/** A sample value as Go's strconv 'g' shortest form (`700`, `631.95`, `1.98e+09`); NaN and
 *  infinities as `NaN`, `+Inf`, `-Inf` (callers never publish them). */
std::string format_sample_value(double v);

/** Collects one family's samples and writes HELP and TYPE only when it has any, so a family
 *  whose values were all placeholders disappears entirely. */
class metric_family {
 public:
  /** A family named `name`; `help` is written escaped. */
  metric_family(std::string name, metric_type type, std::string help);

  /** Adds one sample of this family. */
  void add(const metric_labels& labels, double value);
  /** True when no sample was added. */
  bool empty() const noexcept { return samples_.empty(); }
  /** Appends HELP, TYPE and the samples to `out`; nothing when empty. */
  void write(std::string& out) const;

 private:
  std::string name_;
  metric_type type_;
  std::string help_;
  std::string samples_;
};

/** Appends a whole single-sample family (HELP, TYPE, sample). */
void append_single(std::string& out, std::string_view name, metric_type type, std::string_view help,
                   const metric_labels& labels, double value);

}  // namespace smistat::render
