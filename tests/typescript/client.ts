// A client written against the original GPU Metrics API's /types. It must compile, unchanged,
// with `tsc --strict --noEmit` against the declarations smistat serves: it reads every member
// into a variable of the type the original declared (a member made optional, widened or turned
// into a union fails), builds every interface as an object literal (a member smistat added as
// required fails), and unwraps stream events the way the original's GPUStreamEvent is shaped.
import {
  CPUStats,
  DiskIO,
  GPU,
  GPUClocks,
  GPUDebugInfo,
  GPUMemory,
  GPUPCIe,
  GPUPeakValues,
  GPUPower,
  GPUProcess,
  GPURateOfChange,
  GPUResponse,
  GPUStreamEvent,
  GPUSummary,
  GPUThrottling,
  GPUUtilization,
  MemoryStats,
  SystemInfo,
} from "./gpu-metrics-types";

const process0: GPUProcess = {
  pid: 4242,
  name: "python3",
  memory_mb: 812.4,
  memory_percent: 0.99,
  username: "alice",
  cpu_percent: 12.5,
};
const memory: GPUMemory = {
  total_mb: 81559.0,
  used_mb: 11125.0,
  free_mb: 69956.0,
  utilization_percent: 13.6,
  bandwidth_utilization_percent: 0.1,
};
const utilization: GPUUtilization = { gpu_percent: 100, memory_percent: 40, sm_percent: 100 };
const power: GPUPower = { usage_watts: 433.8, limit_watts: 700000, budget_watts: 266.2, efficiency_percent: 62 };
const rate: GPURateOfChange = { temperature_delta_per_sec: 0.0, power_delta_per_sec: 0.0 };
const peaks: GPUPeakValues = { gpu_utilization_percent: 100.0, power_watts: 433.8, temperature_celsius: 53.0 };
const clocks: GPUClocks = {
  graphics_mhz: 1980,
  memory_mhz: 2619,
  max_graphics_mhz: 1980,
  max_memory_mhz: 2619,
  efficiency_percent: 100,
};
const pcie: GPUPCIe = {
  generation: 5,
  width: 16,
  tx_throughput_mbps: 1.0,
  rx_throughput_mbps: 2.0,
  total_throughput_mbps: 3.0,
  max_bandwidth_mbps: 63008.0,
  utilization_percent: 0,
};
const throttling: GPUThrottling = { reasons: 0, is_throttled: false, bottlenecks: [] };
const debug: GPUDebugInfo = {
  gpu_util_threshold: "100.0% >= 5.0%",
  power_threshold: "433.8W > 10.0W",
  memory_util_threshold: "13.6% >= 5.0%",
  clock_threshold: "1980MHz > 594MHz",
  temp_threshold: "53.0°C > 40.0°C",
  is_active: true,
};
const gpu: GPU = {
  id: 0,
  timestamp: "2026-07-14T08:12:53Z",
  name: "NVIDIA H100 80GB HBM3",
  compute_capability: "9.0",
  performance_state: 0,
  memory,
  utilization,
  temperature_celsius: 53,
  power,
  rate_of_change: rate,
  peak_values: peaks,
  clocks,
  pcie,
  throttling,
  fan_speed_rpm: 0,
  status: "active",
  top_processes: [process0],
  debug_info: debug,
};
const cpu: CPUStats = {
  cpu_count_physical: 8,
  cpu_count_logical: 16,
  cpu_percent: 25.5,
  cpu_per_core_percent: [20.1, 30.2],
  cpu_freq_current_mhz: 3200.0,
  cpu_freq_min_mhz: 800.0,
  cpu_freq_max_mhz: 4200.0,
};
const hostMemory: MemoryStats = {
  total_mb: 32768,
  available_mb: 16384,
  used_mb: 16384,
  percent: 50.0,
  cached_mb: 4096,
  buffers_mb: 512,
  top_processes: [{ pid: 1, name: "init", memory_mb: 12.0, memory_percent: 0.04, username: "root" }],
};
const diskIo: DiskIO = {
  read_bytes_per_sec: 0.0,
  write_bytes_per_sec: 0.0,
  read_ops_per_sec: 0.0,
  write_ops_per_sec: 0.0,
  total_read_bytes: 0,
  total_write_bytes: 0,
  total_read_ops: 0,
  total_write_ops: 0,
};
const system: SystemInfo = {
  os: "Linux",
  os_release: "6.1.0",
  os_version: "#1 SMP",
  architecture: "x86_64",
  processor: "",
  hostname: "node01",
  python_version: "",
  platform: "Linux-6.1.0-x86_64",
  driver_version: "590.48.01",
  cuda_version: "13.1",
  nvml_version: "13.590.48",
  cpu,
  memory: hostMemory,
  disk_used_gb: 500.5,
  disk_available_gb: 199.5,
  disk_io: diskIo,
  temperature_celsius: 45.0,
};
const summary: GPUSummary = {
  total_memory_mb: 81559,
  total_used_memory_mb: 11125,
  memory_utilization_percent: 13.6,
  average_gpu_utilization_percent: 100.0,
  average_temperature_celsius: 53,
  total_power_usage_watts: 433.8,
};
const response: GPUResponse = {
  timestamp: "2026-07-14T08:12:53Z",
  system_info: system,
  gpu_count: 1,
  gpus: [gpu],
  summary,
  status: "ok",
};

// What a dashboard does with the members: each read at exactly the original's type.
function describeGpu(g: GPU): string {
  const m: GPUMemory = g.memory;
  const free: number = m.free_mb;
  const state: "active" | "idle" = g.status;
  const heaviest: GPUProcess | undefined = g.top_processes[0];
  const reasons: string[] = g.throttling.bottlenecks;
  const active: boolean = g.debug_info.is_active;
  const perf: number = g.performance_state;
  const cc: string = g.compute_capability;
  const peak: number = g.peak_values.power_watts;
  const delta: number = g.rate_of_change.temperature_delta_per_sec;
  const mhz: number = g.clocks.graphics_mhz;
  const lanes: number = g.pcie.width;
  const watts: number = g.power.usage_watts;
  const busy: number = g.utilization.gpu_percent;
  return `${g.id} ${g.name} ${free.toFixed(1)} ${state} ${heaviest?.name ?? "-"} ${reasons.join()} ${active} ${perf} ${cc} ${peak} ${delta} ${mhz} ${lanes} ${watts} ${busy}`;
}

function describeHost(info: SystemInfo): string {
  const c: CPUStats = info.cpu;
  const hm: MemoryStats = info.memory;
  const io: DiskIO = info.disk_io;
  const top: { pid: number; name: string }[] = hm.top_processes;
  return `${info.hostname} ${c.cpu_percent.toFixed(1)} ${hm.percent} ${io.read_bytes_per_sec} ${top.length}`;
}

// The original's stream helper: an event carries the response in `data`, with optional SSE
// fields beside it.
function onStreamEvent(event: GPUStreamEvent): string[] {
  const body: GPUResponse = event.data;
  const name: string | undefined = event.event;
  const id: string | undefined = event.id;
  const status: "ok" | "error" = body.status;
  const total: number = body.summary.total_memory_mb;
  return [name ?? "message", id ?? "", status, String(total), ...body.gpus.map(describeGpu)];
}

const wrapped: GPUStreamEvent = { data: response };
const named: GPUStreamEvent = { data: response, event: "metrics", id: "1" };
export const lines: string[] = [...onStreamEvent(wrapped), ...onStreamEvent(named), describeHost(response.system_info)];
