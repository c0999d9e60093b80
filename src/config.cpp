#include "src/config.hpp"
// implementation in progress
