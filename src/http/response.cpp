#include "src/http/response.hpp"

#include <algorithm>
#include <cctype>

namespace smistat::http {
namespace {

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

const std::string* response::find_header(std::string_view name) const noexcept {
  for (const auto& h : headers) {
    if (iequals(h.name, name)) return &h.value;
  }
  return nullptr;
}

std::string response::body_text() const {
  std::string text;
  text.reserve(body_size());
  text += prefix_view();
  text += body_view();
  return text;
}

void response::set_header(std::string_view name, std::string value) {
  for (auto& h : headers) {
    if (iequals(h.name, name)) {
      h.value = std::move(value);
      return;
    }
  }
  headers.push_back({std::string(name), std::move(value)});
}

response json_response(unsigned status, std::shared_ptr<const std::string> body) {
  response r;
  r.status = status;
  r.content_type = std::string(json_content_type);
  r.body = std::move(body);
  return r;
}

response json_response(unsigned status, std::string body) {
  return json_response(status, std::make_shared<const std::string>(std::move(body)));
}

response text_response(unsigned status, std::string body) {
  response r;
  r.status = status;
  r.content_type = std::string(text_content_type);
  r.body = std::make_shared<const std::string>(std::move(body));
  return r;
}

response detail_response(unsigned status, std::string_view detail) {
  std::string body = "{\"detail\":\"";
  body += detail;
  body += "\"}";
  return json_response(status, std::move(body));
}

}  // namespace smistat::http
