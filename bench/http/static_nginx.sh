# Sourced by the HTTP benchmarks: nginx as the baseline every smistat figure is set beside, one
# worker serving static files the way smistat serves its cached bodies (keep-alive without a
# request limit, no access log).
#
# start_static_nginx WORK PORT: serves WORK/www on 127.0.0.1:PORT until `kill $(cat
# WORK/nginx.pid)`; /gpu is WORK/www/gpu/index, so a folder /gpu/ can hold /gpu/stats beside it.
start_static_nginx() {
  local work=$1 port=$2
  chmod a+rx "$work"
  chmod -R a+rX "$work/www"  # nginx's workers run as an unprivileged user
  cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  default_type application/json;
  server {
    listen 127.0.0.1:$port;
    root $work/www;
    location = /gpu { try_files /gpu/index =404; }
  }
}
NGINX
  nginx -c "$work/nginx.conf" -p "$work"
}
