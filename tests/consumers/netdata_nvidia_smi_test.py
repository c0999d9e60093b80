#!/usr/bin/env python3
"""Debian's netdata collector (netdata-plugins-python, python.d/nvidia_smi.chart.py) run as netdata
runs it, against every machine folder with a -q -x answer, with the replayer as nvidia-smi on PATH:
check() (`nvidia-smi -x -q`), create(), then get_data() in its default loop mode, where a poller
thread reads `nvidia-smi -x -q -l 1` line by line and cuts it at `</nvidia_smi_log>`. Every value
it reports must be the one the recorded -q text holds (an independent reading of the recording:
the collector reads the XML). Exit 77 when the collector is not installed."""
import contextlib
import importlib.machinery
import io
import os
import sys
import tempfile
import time

# Installed, or unpacked from the package by run.sh.
PLUGIN_DIR = os.environ.get('SMISTAT_NETDATA_PLUGIN_DIR', '/usr/lib/netdata/python.d')
CHART = os.path.join(PLUGIN_DIR, 'nvidia_smi.chart.py')

# The collector's keys (per GPU, `gpu<N>_<key>`) -> the -q label it reads through the XML.
LABELS = {
    'rx_util': 'PCI/Rx Throughput',
    'tx_util': 'PCI/Tx Throughput',
    'fan_speed': 'Fan Speed',
    'gpu_util': 'Utilization/GPU',
    'memory_util': 'Utilization/Memory',
    'encoder_util': 'Utilization/Encoder',
    'decoder_util': 'Utilization/Decoder',
    'fb_memory_used': 'FB Memory Usage/Used',
    'fb_memory_free': 'FB Memory Usage/Free',
    'bar1_memory_used': 'BAR1 Memory Usage/Used',
    'bar1_memory_free': 'BAR1 Memory Usage/Free',
    'gpu_temp': 'Temperature/GPU Current Temp',
    'graphics_clock': 'Clocks/Graphics',
    'video_clock': 'Clocks/Video',
    'sm_clock': 'Clocks/SM',
    'mem_clock': 'Clocks/Memory',
}


def recorded_gpus(q_text):
    """Per GPU of a -q text: labels by path ('FB Memory Usage/Used'), and its processes' memory."""
    gpus = []
    parents = []
    for line in q_text.split('\n'):
        if line.startswith('GPU 0'):
            gpus.append({'labels': {}, 'processes': {}})
            parents = []
            continue
        if not gpus or not line.strip():
            continue
        indent = len(line) - len(line.lstrip(' '))
        label, _, value = line.strip().partition(' : ')
        label = label.rstrip(' :')
        level = max(0, indent // 4 - 1)
        parents = parents[:level]
        key = '/'.join(parents + [label])
        parents.append(label)
        gpu = gpus[-1]
        if value and key not in gpu['labels']:
            gpu['labels'][key] = value.strip()
        if key == 'Processes/Process ID':
            gpu['last_pid'] = value.strip()
        if key == 'Processes/Process ID/Used GPU Memory':
            gpu['processes'][gpu['last_pid']] = int(value.split()[0])
    return gpus


def is_int(text):
    try:
        int(text)
    except (TypeError, ValueError):
        return False
    return True


def expected_data(gpus):
    """What the collector should report, read from the -q text, with its own rules: the first word
    of each value, kept when it is an integer; `Power Readings` (renamed `GPU Power Readings` by
    the 530-era drivers, which the 1.37 collector does not know) for power draw and P-state."""
    out = {}
    for n, gpu in enumerate(gpus):
        labels = gpu['labels']
        data = {}
        for key, label in LABELS.items():
            if label in labels and is_int(labels[label].split()[0]):
                data[key] = labels[label].split()[0]
        draw = labels.get('Power Readings/Power Draw', 'N/A').split()[0]
        if draw != 'N/A':
            data['power_draw'] = float(draw) * 100
        for p in range(16):
            data['power_state_p{0}'.format(p)] = 0
        if 'Power Readings/Power State' in labels:
            data['power_state_' + labels['Power Readings/Power State'].lower()] = 1
        for pid, memory in gpu['processes'].items():
            data['process_mem_{0}'.format(pid)] = memory
        out.update(('gpu{0}_{1}'.format(n, k), v) for k, v in data.items())
    return out


def without_users(data):
    # user_mem_* and user_num name the local owners of the recorded PIDs: not part of a recording.
    return {k: v for k, v in data.items() if '_user_' not in k}


def main():
    if not os.path.exists(CHART):
        print('SKIPPED: {0} is missing (run.sh unpacks netdata-plugins-python with apt-get download)'.format(CHART))
        return 77
    fixtures = os.environ['SMISTAT_FIXTURES_DIR']
    replayer = os.path.join(os.environ['SMISTAT_BIN_DIR'], 'nvidia-smi-replay')
    shims = tempfile.mkdtemp(prefix='smistat-netdata-')
    env_file = os.path.join(shims, 'replay.env')
    with open(os.path.join(shims, 'nvidia-smi'), 'w') as shim:
        shim.write('#!/bin/sh\n. "{0}"\nexec "{1}" "$@"\n'.format(env_file, replayer))
    os.chmod(os.path.join(shims, 'nvidia-smi'), 0o755)
    # The collector reads PATH once, when its modules load.
    os.environ['PATH'] = shims + ':' + os.environ['PATH']
    sys.path[:0] = [os.path.join(PLUGIN_DIR, 'python_modules')]
    chart = importlib.machinery.SourceFileLoader('nvidia_smi_chart', CHART).load_module()

    failures, compared, passing = [], 0, []
    for name in sorted(os.listdir(fixtures)):
        # netdata runs on Linux only; on Windows the processes' memory reads "Not available in
        # WDDM driver model", which the collector's int() would not survive.
        if '-windows' in name:
            continue
        for state in ('idle', 'load'):
            folder = os.path.join(fixtures, name)
            q_path = os.path.join(folder, 'q.{0}.txt'.format(state))
            if not os.path.exists(os.path.join(folder, 'q-x.{0}.xml'.format(state))):
                continue
            with open(env_file, 'w') as env:
                env.write("export NVIDIA_SMI_REPLAY_DIR='{0}' NVIDIA_SMI_REPLAY_STATE='{1}'\n".format(folder, state))
            where = '{0} {1}'.format(name, state)
            with open(q_path) as q:
                expected = expected_data(recorded_gpus(q.read()))
            service = chart.Service(configuration={
                'job_name': '', 'override_name': None, 'priority': 90000, 'chart_cleanup': 10,
                'update_every': 1, 'penalty': True, 'poll_seconds': 1}, name='nvidia_smi')
            with contextlib.redirect_stdout(io.StringIO()):  # create() prints chart definitions
                if not (service.check() and service.create()):
                    failures.append(where + ': check() or create() failed')
                    continue
                data = None
                deadline = time.monotonic() + 60
                while not data and time.monotonic() < deadline:
                    data = service.get_data()
                    time.sleep(0.05)
            service.poller.shutdown()
            service.poller.smi.kill()
            if not data:
                failures.append(where + ': the -l 1 poller delivered no document')
                continue
            got = without_users(data)
            before = len(failures)
            for key in sorted(set(got) | set(expected)):
                compared += 1
                if got.get(key) != expected.get(key):
                    failures.append('{0} {1}: got {2!r}, recorded {3!r}'.format(
                        where, key, got.get(key), expected.get(key)))
            if len(failures) == before and name not in passing:
                passing.append(name)
    print('folders passing: ' + ' '.join(passing))
    if failures or not compared:
        print('\n'.join(failures), file=sys.stderr)
        print('netdata nvidia_smi: {0} mismatches of {1} values'.format(len(failures), compared),
              file=sys.stderr)
        return 1
    print('netdata nvidia_smi: {0} values match the recordings'.format(compared))
    return 0


if __name__ == '__main__':
    sys.exit(main())
