#include "parsers/banner.hpp"
// implementation in progress
