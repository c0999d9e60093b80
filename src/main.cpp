// smistat: GPU statistics from nvidia-smi over HTTP. (Wiring in progress.)
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
    std::printf("smistat %s (%s)\n", SMISTAT_VERSION, SMISTAT_REVISION);
    return 0;
  }
  std::printf("usage: smistat [serve] [options]\n");
  return 0;
}
