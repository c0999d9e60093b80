#include "parsers/list_gpus.hpp"
// implementation in progress
