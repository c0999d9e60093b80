#include "src/http/request_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace smistat::http {
namespace {

bool is_parse_error(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
}

}  // namespace

read_outcome request_reader::outcome_of(const beast::error_code& ec) {
  if (!ec) return read_outcome::request;
  if (ec == beast::error::timeout) return read_outcome::timed_out;
  if (ec == bhttp::error::header_limit) return read_outcome::header_too_large;
  if (ec == bhttp::error::body_limit) return read_outcome::body_too_large;
  // Checked before the other parse errors, which share their category.
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message)
    return read_outcome::client_gone;
  if (is_parse_error(ec)) return read_outcome::malformed;
  return read_outcome::failed;
}

void request_reader::start(const server_options& options) {
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(options.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
  parser_->body_limit(options.max_body_bytes);
}

}  // namespace smistat::http
