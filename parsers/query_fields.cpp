#include "parsers/query_fields.hpp"
// implementation in progress
