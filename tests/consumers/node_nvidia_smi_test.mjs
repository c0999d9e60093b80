// npm node-nvidia-smi (`nvidia-smi -q -x` through xml2js) on every machine with a -q recording,
// with the replayer as nvidia-smi: its values are those of the recorded -q text, label by label.
import { Checker, installShims, recordedDetails, recordings, replay, requireDep } from './lib.mjs';

installShims();
const nvidiaSmi = requireDep('node-nvidia-smi');
const run = () =>
  new Promise((resolve, reject) => nvidiaSmi((err, data) => (err ? reject(err) : resolve(data))));

// node-nvidia-smi's JSON path -> the `-q` label it comes from.
const perGpu = [
  [['$', 'id'], 'Bus Id'],
  [['product_name'], 'Product Name'],
  [['uuid'], 'GPU UUID'],
  [['performance_state'], 'Performance State'],
  [['fan_speed'], 'Fan Speed'],
  [['pci', 'pci_bus_id'], 'PCI/Bus Id'],
  [['pci', 'tx_util'], 'PCI/Tx Throughput'],
  [['pci', 'rx_util'], 'PCI/Rx Throughput'],
  [['fb_memory_usage', 'total'], 'FB Memory Usage/Total'],
  [['fb_memory_usage', 'used'], 'FB Memory Usage/Used'],
  [['fb_memory_usage', 'free'], 'FB Memory Usage/Free'],
  [['bar1_memory_usage', 'total'], 'BAR1 Memory Usage/Total'],
  [['utilization', 'gpu_util'], 'Utilization/GPU'],
  [['utilization', 'memory_util'], 'Utilization/Memory'],
  [['utilization', 'encoder_util'], 'Utilization/Encoder'],
  [['utilization', 'decoder_util'], 'Utilization/Decoder'],
  [['temperature', 'gpu_temp'], 'Temperature/GPU Current Temp'],
  [['gpu_power_readings', 'average_power_draw'], 'GPU Power Readings/Average Power Draw'],
  [['gpu_power_readings', 'instant_power_draw'], 'GPU Power Readings/Instantaneous Power Draw'],
  [['gpu_power_readings', 'current_power_limit'], 'GPU Power Readings/Current Power Limit'],
  [['clocks', 'graphics_clock'], 'Clocks/Graphics'],
  [['clocks', 'sm_clock'], 'Clocks/SM'],
  [['clocks', 'mem_clock'], 'Clocks/Memory'],
  [['clocks', 'video_clock'], 'Clocks/Video'],
  [['max_clocks', 'graphics_clock'], 'Max Clocks/Graphics'],
];

const check = new Checker();
const passing = new Set();
for (const recording of recordings()) {
  const details = recordedDetails(recording);
  if (!details) continue;
  const where = `${recording.name} ${recording.state}`;
  const before = check.failures.length;
  replay(recording);
  let log;
  try {
    ({ nvidia_smi_log: log } = await run());
  } catch (err) {
    check.fail(where, `node-nvidia-smi failed: ${err}`);
    continue;
  }
  check.equal(`${where} driver_version`, log.driver_version, details.head['Driver Version']);
  check.equal(`${where} attached_gpus`, log.attached_gpus, details.head['Attached GPUs']);
  const gpus = [].concat(log.gpu);
  check.equal(`${where} gpus`, gpus.length, details.gpus.length);
  details.gpus.forEach((recorded, i) => {
    for (const [jsonPath, label] of perGpu) {
      if (!(label in recorded)) continue;
      const got = jsonPath.reduce((node, key) => (node === undefined ? undefined : node[key]), gpus[i]);
      check.equal(`${where} gpu${i} ${jsonPath.join('.')}`, got, recorded[label]);
    }
  });
  if (check.failures.length === before) passing.add(recording.name);
}
console.log(`folders passing: ${[...passing].join(' ')}`);
check.finish('node-nvidia-smi');
