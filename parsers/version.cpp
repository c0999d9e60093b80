#include "parsers/version.hpp"
// implementation in progress
