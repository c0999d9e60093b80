// The one translation unit that compiles Boost.Process v2 (BOOST_PROCESS_V2_SEPARATE_COMPILATION
// is defined for every user of smistat_runner).
#include <boost/process/v2/src.hpp>
