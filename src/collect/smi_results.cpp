#include "src/collect/smi_results.hpp"

#include <algorithm>

#include "parsers/banner.hpp"
#include "parsers/list_gpus.hpp"
#include "parsers/query_csv.hpp"
#include "parsers/smi_failure.hpp"
#include "parsers/version.hpp"
#include "src/collect/memory_derivation.hpp"
#include "src/collect/smi_commands.hpp"

namespace smistat::collect {

namespace {

constexpr parsers::csv_format sample_csv{.header = false, .units = false};

collection_failure failure_of(parsers::smi_failure f) {
  using parsers::smi_failure;
  switch (f) {
    case smi_failure::driver_not_loaded: return collection_failure::driver_not_loaded;
    case smi_failure::nvml_library_missing: return collection_failure::nvml_library_missing;
    case smi_failure::no_devices: return collection_failure::no_devices;
    case smi_failure::gpu_lost: return collection_failure::gpu_lost;
    case smi_failure::invalid_field: return collection_failure::invalid_field;
    case smi_failure::insufficient_permissions: return collection_failure::insufficient_permissions;
    case smi_failure::version_mismatch: return collection_failure::version_mismatch;
    case smi_failure::nvml_unknown_error: return collection_failure::nvml_unknown_error;
    // A non-zero exit without any error text is still a failure, of a kind nobody recognised.
    case smi_failure::none:
    case smi_failure::unknown: return collection_failure::unknown;
  }
  return collection_failure::unknown;
}

collection_error from_classified(int exit_code, const parsers::classified_failure& c) {
  return {failure_of(c.kind), exit_code, c.message};
}

collection_error parse_failure(std::string_view what, const boost::system::error_code& ec) {
  return {collection_failure::parse_error, 0, std::string(what) + ": " + ec.message()};
}

/** `text` without its lost-GPU lines, into `kept`; false when it has none. */
bool without_lost_gpu_lines(std::string_view text, std::string& kept) {
  kept.clear();
  bool any_lost = false;
  for (std::size_t start = 0; start < text.size();) {
    const auto nl = text.find('\n', start);
    const auto end = nl == std::string_view::npos ? text.size() : nl + 1;
    const auto line = text.substr(start, end - start);
    if (parsers::parse_lost_gpu_line(line)) {
      any_lost = true;
    } else {
      kept += line;
    }
    start = end;
  }
  return any_lost;
}

}  // namespace

std::optional<collection_error> run_error(const runner::run_result& r) {
  using runner::run_outcome;
  switch (r.outcome) {
    case run_outcome::spawn_failed:
      return collection_error{collection_failure::nvidia_smi_missing, 0, r.spawn_error};
    case run_outcome::timed_out:
      return collection_error{collection_failure::timed_out, 0,
                              "nvidia-smi did not finish before the timeout"};
    case run_outcome::output_too_large:
      return collection_error{collection_failure::output_too_large, 0,
                              "nvidia-smi wrote more than the output cap"};
    case run_outcome::killed_by_signal:
      return collection_error{collection_failure::killed_by_signal, 0,
                              "nvidia-smi was killed by signal " + std::to_string(r.signal)};
    case run_outcome::exited: break;
  }
  if (r.exit_code == 0) return std::nullopt;
  return from_classified(r.exit_code, parsers::classify_failure(r.exit_code, r.out, r.err));
}

std::shared_ptr<const parsers::column_map> gpu_columns(
    std::span<const parsers::resolved_field> fields,
    std::shared_ptr<const parsers::column_map> last) {
  if (last && std::equal(fields.begin(), fields.end(), last->fields().begin(), last->fields().end(),
                         [](const auto& field, const auto& name) { return field.key == name; }))
    return last;
  std::vector<std::string> keys;
  keys.reserve(fields.size());
  for (const auto& f : fields) keys.push_back(f.key);
  return std::make_shared<const parsers::column_map>(std::move(keys));
}

gpu_query_outcome read_gpu_query(const runner::run_result& r,
                                 std::span<const parsers::resolved_field> fields) {
  return read_gpu_query(r, gpu_columns(fields));
}

gpu_query_outcome read_gpu_query(const runner::run_result& r,
                                 std::shared_ptr<const parsers::column_map> columns) {
  gpu_query_outcome result;
  result.error = run_error(r);
  if (r.outcome != runner::run_outcome::exited) return result;
  if (r.exit_code != 0) {
    auto c = parsers::classify_failure(r.exit_code, r.out, r.err);
    if (c.kind == parsers::smi_failure::invalid_field) result.rejected_field = c.field;
  }
  auto rows = read_gpu_rows(r.out, std::move(columns));
  // A lost GPU makes nvidia-smi exit non-zero, yet the other GPUs' rows are good data.
  const bool partial = rows.table && !rows.table->lost.empty() && !rows.table->rows.empty();
  if (result.error && !partial) return result;
  if (rows.error) rows.error->exit_code = r.exit_code;
  result.table = std::move(rows.table);
  if (rows.error) result.error = std::move(rows.error);
  return result;
}

gpu_query_outcome read_gpu_rows(std::string_view rows,
                                std::shared_ptr<const parsers::column_map> columns) {
  gpu_query_outcome result;
  // Rows map to the fields by position, so the table is labelled with smistat's keys, which
  // renderers look columns up by, rather than the query names nvidia-smi was asked for.
  auto parsed = parsers::parse_query_csv(rows, std::move(columns), sample_csv);
  if (!parsed) {
    result.error = parse_failure("query-gpu", parsed.error());
    if (const auto c = parsers::classify_failure(2, rows, {});
        c.kind == parsers::smi_failure::invalid_field)
      result.rejected_field = c.field;
    return result;
  }
  if (!parsed->lost.empty())
    result.error = collection_error{collection_failure::gpu_lost, 0, parsed->lost.front().line};
  derive_memory_figures(*parsed);
  result.table = std::move(*parsed);
  return result;
}

namespace {

/** Rows of the sample format, lost-GPU lines already taken out. */
apps_outcome parse_app_rows(std::string_view rows) {
  apps_outcome result;
  const auto names = compute_app_fields();
  auto parsed = parsers::parse_compute_apps(rows, names, sample_csv);
  if (!parsed) {
    result.error = parse_failure("query-compute-apps", parsed.error());
    return result;
  }
  result.apps = std::move(*parsed);
  return result;
}

}  // namespace

apps_outcome read_compute_apps(const runner::run_result& r) {
  auto error = run_error(r);
  // A lost GPU's line stands among the processes (and nvidia-smi exits 15), yet the other GPUs'
  // processes are good: without them no GPU could ever be called free while one is lost.
  std::string kept;
  if (error && error->kind == collection_failure::gpu_lost && without_lost_gpu_lines(r.out, kept))
    return parse_app_rows(kept);
  if (error) return {std::nullopt, std::move(error)};
  return parse_app_rows(r.out);
}

apps_outcome read_compute_app_rows(std::string_view rows) {
  // A streamed batch has no exit code to announce a lost GPU: its line is dropped here.
  std::string kept;
  if (without_lost_gpu_lines(rows, kept)) rows = kept;
  return parse_app_rows(rows);
}

bool apply_version(static_facts& facts, const runner::run_result& r) {
  if (!r.ok()) return false;
  auto v = parsers::parse_version(r.out);
  if (!v) return false;
  facts.driver_version = v->driver_version;
  facts.cuda_version = v->cuda_version;
  facts.nvml_version = v->nvml_version;
  return true;
}

bool apply_banner(static_facts& facts, const runner::run_result& r) {
  // The banner is printed even when some GPU fails, so the exit code is not looked at.
  if (r.outcome != runner::run_outcome::exited) return false;
  auto b = parsers::parse_banner(r.out);
  if (!b) return false;
  facts.driver_version = b->driver_version;
  facts.cuda_version = b->cuda_version;
  facts.nvml_version.clear();
  return true;
}

bool apply_list_gpus(static_facts& facts, const runner::run_result& r) {
  if (!r.ok()) return false;
  facts.listed = parsers::parse_list_gpus(r.out).gpus;
  return true;
}

std::string sampled_driver_version(const parsers::query_table& table) {
  if (table.rows.empty()) return {};
  const auto* c = table.find(0, "driver_version");
  return c && c->has_value() ? std::string(c->raw) : std::string{};
}

}  // namespace smistat::collect
