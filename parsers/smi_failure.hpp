#pragma once
// nvidia-smi's failure texts and exit codes, classified. nvidia-smi writes most errors to
// stdout, so both streams are read.

#include <string>
#include <string_view>

namespace smistat::parsers {

enum class smi_failure {
  none,                      ///< exit 0 and no error text
  driver_not_loaded,         ///< exit 9: "couldn't communicate with the NVIDIA driver"
  nvml_library_missing,      ///< exit 12: "couldn't find libnvidia-ml.so"
  no_devices,                ///< exit 6: "No devices were found"
  gpu_lost,                  ///< exit 15: "Unable to determine the device handle ... GPU is lost"
  invalid_field,             ///< exit 2: `Field "x" is not a valid field to query.`
  insufficient_permissions,  ///< "Insufficient Permissions"
  version_mismatch,          ///< "Driver/library version mismatch" or nvidia-smi/NVML mismatch
  nvml_unknown_error,        ///< "Failed to initialize NVML: Unknown Error"
  unknown,                   ///< non-zero exit with text we do not recognise
};

struct classified_failure {
  smi_failure kind = smi_failure::none;
  std::string message;  ///< the first meaningful line of the error text, trimmed
  std::string field;    ///< for invalid_field: the field name nvidia-smi rejected
};

classified_failure classify_failure(int exit_code, std::string_view stdout_text,
                                    std::string_view stderr_text);

/** Stable snake_case name ("driver_not_loaded", ...). */
std::string_view to_string(smi_failure f) noexcept;

}  // namespace smistat::parsers
