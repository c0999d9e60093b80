#include "parsers/smi_failure.hpp"
// implementation in progress
