#include "parsers/query_csv.hpp"
// implementation in progress
