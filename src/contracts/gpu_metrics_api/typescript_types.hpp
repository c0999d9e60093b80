#pragma once
// Contract 001's `GET /types`: the TypeScript declarations of the `/gpu` response, served as
// `application/typescript` with `Content-Disposition: attachment; filename="gpu-metrics-types.ts"`.

#include <string_view>

namespace smistat::render {

/** The file name the original offers the download under. */
inline constexpr std::string_view typescript_types_filename = "gpu-metrics-types.ts";

/** The fixed TypeScript text: GPUProcess ... GPUResponse and GPUStreamEvent. */
std::string_view typescript_types();

}  // namespace smistat::render
