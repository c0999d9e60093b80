#include "src/config/option_descriptions.hpp"

#include <boost/program_options/value_semantic.hpp>
#include <string>

#include "src/config/option_table.hpp"

namespace smistat::config_detail {

namespace po = boost::program_options;

po::options_description general_options() {
  po::options_description desc("General", 100, 50);
  desc.add_options()                             //
      ("help,h", "print this help and exit")     //
      ("version", "print the version and exit")  //
      ("config", po::value<std::string>()->value_name("FILE"),
       "read settings from an INI file (below .env, above the defaults)")  //
      ("no-access-log", "same as --access-log=false");
  return desc;
}

po::options_description settings_options() {
  // Values stay text here: the option table converts them, so every source gets one message.
  po::options_description desc("Settings (also in --config FILE as name = value)", 100, 50);
  for (const option_spec& s : option_table()) {
    auto* semantic = po::value<std::string>()->value_name(std::string(s.value_name));
    if (s.flag) semantic->implicit_value("true");
    desc.add_options()(std::string(s.name).c_str(), semantic, std::string(s.help).c_str());
  }
  return desc;
}

}  // namespace smistat::config_detail
