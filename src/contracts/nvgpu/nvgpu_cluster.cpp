#include "src/contracts/nvgpu/nvgpu_cluster.hpp"

#include <boost/json/parse.hpp>

#include "src/contracts/kit/json_value.hpp"
#include "src/contracts/kit/json_writer.hpp"

namespace smistat::render {
namespace {

void write_error(json_writer& w, std::string_view text) {
  w.begin_object().key("error").string(text).end_object();
}

}  // namespace

std::string render_cluster_status(std::span<const agent_answer> answers) {
  std::string out;
  json_writer w(out, json_style{.ensure_ascii = true, .spaced = true});
  w.begin_array();
  for (const auto& a : answers) {
    if (a.error) {
      write_error(w, *a.error);
      continue;
    }
    boost::system::error_code ec;
    const auto value = boost::json::parse(a.body, ec);
    if (ec)
      write_error(w, invalid_json_error);
    else
      write_json_value(w, value);
  }
  w.end_array();
  out += '\n';
  return out;
}

}  // namespace smistat::render
