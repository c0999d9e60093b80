#include "src/http/response_writer.hpp"

#include <exception>

#include "src/common/log.hpp"
#include "src/http/http_date.hpp"
#include "src/http/response_head.hpp"

namespace smistat::http {

bool response_writer::prepare(response res, const wire_framing& framing,
                              std::span<const header_field> extra) {
  for (const auto& h : extra) res.set_header(h.name, h.value);
  current_ = std::move(res);
  bool writable = true;
  try {
    write_response_head(current_, framing, current_http_date(), head_);
  } catch (const std::exception& e) {
    // An exception must not escape io_context::run.
    log::error(std::string("cannot serialise response: ") + e.what());
    current_ = text_response(500, "Internal Server Error");
    write_response_head(current_, {framing.version, false, framing.head}, current_http_date(),
                        head_);
    writable = false;
  }
  // Not a std::array: Asio writes a two-element array by offsetting both elements, which hands
  // the TLS layer an empty first buffer once the head is out, and Beast's flat_stream then
  // writes nothing and ends the write early. A sequence of its own skips what was written.
  buffers_.assign({net::buffer(head_)});
  if (!framing.head) {
    // A shared prefix goes out from where it is cached, not copied into this answer's body.
    for (const auto part : {current_.prefix_view(), current_.body_view()})
      if (!part.empty()) buffers_.push_back(net::buffer(part.data(), part.size()));
  }
  return writable;
}

void response_writer::prepare_stream_header(response res, unsigned version,
                                            std::span<const header_field> extra) {
  for (const auto& h : extra) res.set_header(h.name, h.value);
  auto& head = stream_head_.emplace();
  to_wire_stream_header(res, version, head.message);
  head.serializer.emplace(head.message);
  head.source = std::move(res.stream);
  head.chunked = version >= 11;
  current_ = std::move(res);
}

std::shared_ptr<stream_source> response_writer::take_stream_source() {
  if (!stream_head_) return nullptr;
  return std::move(stream_head_->source);
}

}  // namespace smistat::http
