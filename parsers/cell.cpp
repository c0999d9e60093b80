#include "parsers/cell.hpp"
// implementation in progress
