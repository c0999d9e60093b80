#include "parsers/parse_error.hpp"
// implementation in progress
