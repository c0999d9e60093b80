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

/** The executor a server connection runs on: its io_context's, named concretely so no handler
 *  of the request path goes through any_io_executor's type erasure. Each such io_context is run
 *  by one thread (see io_threads), which is what keeps a connection's handlers serial. */
using connection_executor = boost::asio::io_context::executor_type;
/** An accepted connection's socket, on its connection_executor. */
using connection_socket = boost::asio::basic_stream_socket<tcp, connection_executor>;

}  // namespace smistat::http
