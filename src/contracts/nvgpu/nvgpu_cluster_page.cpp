#include "src/contracts/nvgpu/nvgpu_cluster_page.hpp"

#include <stdexcept>
#include <vector>

#include "src/contracts/nvgpu/nvgpu_agent_reader.hpp"
#include "src/contracts/nvgpu/nvgpu_table_html.hpp"

namespace smistat::render {

std::string render_cluster_page(std::span<const std::string> agents,
                                std::span<const agent_answer> answers) {
  std::vector<std::string> sections;
  sections.reserve(answers.size());
  for (std::size_t i = 0; i < answers.size() && i < agents.size(); ++i) {
    const agent_answer& a = answers[i];
    if (a.error) {
      sections.push_back(nvgpu_error_section(agents[i], *a.error));
      continue;
    }
    try {
      const auto report = read_nvgpu_agent(a.body);
      sections.push_back(nvgpu_page_section(agents[i], report.hostname, report.devices));
    } catch (const std::runtime_error&) {
      sections.push_back(nvgpu_error_section(agents[i], invalid_json_error));
    }
  }
  return render_nvgpu_page(sections);
}

}  // namespace smistat::render
