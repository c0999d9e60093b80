#include "src/kubernetes/socket_access.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "tests/config/temp_dir.hpp"

namespace smistat::kubernetes {
namespace {

/** A bound unix socket at `path`, as the kubelet leaves one; the descriptor is closed again. */
void make_socket(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  ASSERT_LT(path.size(), sizeof(addr.sun_path));
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ::close(fd);
}

/** socket_problem(path) as the unprivileged user `nobody` sees it, from a forked child. */
std::string problem_as_nobody(const std::string& path) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return "pipe failed";
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(pipe_fds[0]);
    std::string out = "cannot become nobody";
    if (::setgid(65534) == 0 && ::setuid(65534) == 0) out = socket_problem(path);
    if (::write(pipe_fds[1], out.data(), out.size()) < 0) _exit(1);
    _exit(0);
  }
  ::close(pipe_fds[1]);
  std::string out;
  char buf[256];
  for (ssize_t n; (n = ::read(pipe_fds[0], buf, sizeof(buf))) > 0;)
    out.append(buf, static_cast<std::size_t>(n));
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return out;
}

TEST(kubernetes_socket, a_missing_path_or_another_file_is_named) {
  test::temp_dir dir;
  EXPECT_EQ(socket_problem((dir.path() / "kubelet.sock").string()),
            "socket missing: " + (dir.path() / "kubelet.sock").string());
  const auto file = dir.write("plain", "x").string();
  EXPECT_EQ(socket_problem(file), "not a socket: " + file);
}

TEST(kubernetes_socket, a_socket_this_process_may_open_has_no_problem) {
  test::temp_dir dir;
  const auto path = (dir.path() / "kubelet.sock").string();
  make_socket(path);
  EXPECT_EQ(socket_problem(path), "");
}

TEST(kubernetes_socket, a_socket_without_permission_is_not_readable) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to become nobody in a child";
  test::temp_dir dir;
  ::chmod(dir.path().c_str(), 0755);  // nobody may look inside, not open the socket
  const auto path = (dir.path() / "kubelet.sock").string();
  make_socket(path);
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  EXPECT_EQ(problem_as_nobody(path), "socket not readable: " + path + ": Permission denied");
}

}  // namespace
}  // namespace smistat::kubernetes
