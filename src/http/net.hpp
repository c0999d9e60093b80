#pragma once
// Namespace aliases for the HTTP layer, declared once (as in Beast's chat-multi net.hpp/beast.hpp).

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace smistat::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

}  // namespace smistat::http
