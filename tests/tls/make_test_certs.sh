#!/bin/sh
# Writes the certificates the TLS tests use into folder $1: a test CA, a server certificate for
# 127.0.0.1/localhost and a client certificate, both signed by it, and a client certificate from
# a second CA the server does not trust. Keys are throwaway: made at build time, never committed.
set -eu
out=$1
mkdir -p "$out"
cd "$out"
days=3650

make_ca() {  # name
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days $days -subj "/CN=smistat test $1" \
    -keyout "$1.key" -out "$1.crt" 2>/dev/null
}

make_signed() {  # name ca extensions
  openssl req -newkey rsa:2048 -nodes -sha256 -subj "/CN=$1" -keyout "$1.key" -out "$1.csr" \
    2>/dev/null
  printf '%s\n' "$3" > "$1.ext"
  openssl x509 -req -sha256 -days $days -in "$1.csr" -CA "$2.crt" -CAkey "$2.key" \
    -CAcreateserial -extfile "$1.ext" -out "$1.crt" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}

make_ca ca
make_ca other-ca
make_signed server ca "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"
make_signed client ca "extendedKeyUsage=clientAuth"
make_signed stranger other-ca "extendedKeyUsage=clientAuth"
