// The CA certificates an https client trusts: the machine's own store, wherever its
// distribution keeps it.
#pragma once

#include <boost/asio/ssl/context.hpp>

namespace smistat::http {

/** Makes `context` trust the machine's CA store. SSL_CERT_FILE and SSL_CERT_DIR decide when
 *  set, as everywhere OpenSSL is used. Otherwise the store is looked for where Debian, Ubuntu,
 *  Red Hat, SUSE and Alpine keep it, besides OpenSSL's compiled-in folder: the portable binaries
 *  carry Debian's OpenSSL, whose compiled-in /usr/lib/ssl does not exist on Red Hat systems. */
void trust_system_store(boost::asio::ssl::context& context);

}  // namespace smistat::http
