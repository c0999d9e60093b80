#include "src/dotenv.hpp"
