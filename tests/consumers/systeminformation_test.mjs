// npm systeminformation's graphics() on every recorded machine, with the replayer as nvidia-smi
// and a fake lspci listing the recorded GPUs: each controller's NVIDIA values are the recording's.
import { Checker, installShims, recordedQuery, recordings, replay, requireDep, setLspci } from './lib.mjs';

installShims();
const si = requireDep('systeminformation');

// systeminformation's own query, in its order: controller property -> the recorded column
// (clocks.gr and clocks.mem are aliases of the recorded clocks.current.* columns).
const columns = {
  driverVersion: 'driver_version',
  subDeviceId: 'pci.sub_device_id',
  name: 'name',
  pciBus: 'pci.bus_id',
  fanSpeed: 'fan.speed',
  memoryTotal: 'memory.total',
  memoryUsed: 'memory.used',
  memoryFree: 'memory.free',
  utilizationGpu: 'utilization.gpu',
  utilizationMemory: 'utilization.memory',
  temperatureGpu: 'temperature.gpu',
  temperatureMemory: 'temperature.memory',
  powerDraw: 'power.draw',
  powerLimit: 'power.limit',
  clockCore: 'clocks.current.graphics',
  clockMemory: 'clocks.current.memory',
};
const textual = new Set(['driverVersion', 'subDeviceId', 'name', 'pciBus']);

// What systeminformation keeps of a recorded cell: it drops cells containing N/A, reads numbers
// with parseFloat, and merges only truthy values (a recorded 0 leaves the property unset).
function kept(property, cell) {
  if (cell === undefined || cell.includes('N/A')) return undefined;
  const value = textual.has(property) ? cell : parseFloat(cell);
  return value ? value : undefined;
}

// One `lspci -vvv` entry per recorded GPU: its bus address (lspci drops a zero domain and
// prints hex in lower case) and NVIDIA's vendor name, which is what systeminformation matches.
function lspciFor(rows) {
  return rows
    .map((row) => {
      // `00000000:18:00.0` -> `18:00.0`; `00001580:00:00.0` -> `1580:00:00.0`.
      const [domain, ...rest] = row['pci.bus_id'].toLowerCase().split(':');
      const shortDomain = parseInt(domain, 16) ? `${domain.slice(-4)}:` : '';
      const address = shortDomain + rest.join(':');
      const device = (row['pci.device_id'] || '0x0000').slice(2, 6).toLowerCase();
      return `${address} 3D controller: NVIDIA Corporation Device ${device} (rev a1)\n` +
        `\tSubsystem: NVIDIA Corporation Device 0000\n\tKernel driver in use: nvidia\n\n`;
    })
    .join('');
}

const check = new Checker();
const passing = new Set();
for (const recording of recordings()) {
  const where = `${recording.name} ${recording.state}`;
  const before = check.failures.length;
  const rows = recordedQuery(recording);
  replay(recording);
  setLspci(lspciFor(rows));
  const { controllers } = await si.graphics();
  check.equal(`${where} controllers`, controllers.length, rows.length);
  // A driver without one of the columns answers the whole query with an error, as the real
  // one would, and systeminformation then merges nothing.
  const answered = Object.values(columns).every((column) => column in rows[0]);
  rows.forEach((row, i) => {
    const controller = controllers[i] || {};
    check.equal(`${where} gpu${i} vendor`, controller.vendor, 'NVIDIA Corporation');
    for (const [property, column] of Object.entries(columns)) {
      const expected = answered ? kept(property, row[column]) : undefined;
      check.equal(`${where} gpu${i} ${property}`, controller[property], expected);
    }
  });
  if (check.failures.length === before) passing.add(recording.name);
}
console.log(`folders passing: ${[...passing].join(' ')}`);
check.finish('systeminformation graphics()');
