#include "parsers/compute_apps.hpp"
// implementation in progress
