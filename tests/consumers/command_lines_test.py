#!/usr/bin/env python3
"""The exact nvidia-smi command lines of monitoring tools, replayed against every machine folder
and state: each answer must be what the folder's recording says (cells of the recorded CSV, the
recorded -L, -q -x and help text). Prints the consumer x command line x folders table of
tools/replayer/README.md ("Real consumers"). Where a folder's driver lacks a queried field, the
answer must be a failure (exit non-zero), as on that driver; the table counts those folders
apart."""
import os
import re
import signal
import subprocess
import sys

FIXTURES = os.environ['SMISTAT_FIXTURES_DIR']
REPLAYER = os.path.join(os.environ['SMISTAT_BIN_DIR'], 'nvidia-smi-replay')
# Folders without their own help texts are answered from this one's (the replayer's built-in).
BUILTIN_HELP = os.path.join(FIXTURES, 'geforce-rtx-2080-super__610.57.04')


def query(fields, fmt, *extra):
    return ['--query-gpu=' + fields, '--format=' + fmt] + list(extra)


# (consumer, its source, command line); the command lines are copied from each project's code.
COMMAND_LINES = [
    ('GPUtil', 'GPUtil.py getGPUs()', query(
        'index,uuid,utilization.gpu,memory.total,memory.used,memory.free,driver_version,name,'
        'gpu_serial,display_active,display_mode,temperature.gpu', 'csv,noheader,nounits')),
    ('gpustat (0.x)', 'gpustat new_query()', query(
        'index,uuid,name,temperature.gpu,utilization.gpu,memory.used,memory.total',
        'csv,noheader,nounits')),
    ('gpustat (0.x)', 'gpustat running_processes()',
     ['--query-compute-apps=gpu_uuid,pid,used_memory', '--format=csv,noheader,nounits']),
    ('nvidia_gpu_exporter', 'AUTO field discovery', ['--help-query-gpu']),
    ('nvidia_gpu_exporter', 'every discovered field', 'ALL_FIELDS'),
    ('telegraf < 1.13', 'nvidia_smi pollSMI()', ['--format=noheader,nounits,csv',
     '--query-gpu=fan.speed,memory.total,memory.used,memory.free,pstate,temperature.gpu,name,'
     'uuid,compute_mode,utilization.gpu,utilization.memory,index,power.draw']),
    ('telegraf >= 1.13', 'nvidia_smi (XML)', ['-q', '-x']),
    ('Zabbix (plambe template)', 'gpu.number, gpu.discovery', ['-L']),
    ('Zabbix (plambe template)', 'gpu.temp[0]', query('temperature.gpu', 'csv,noheader,nounits', '-i', '0')),
    ('Zabbix (plambe template)', 'gpu.memused[0]', query('memory.used', 'csv,noheader,nounits', '-i', '0')),
    ('Zabbix (plambe template)', 'gpu.power[0]', query('power.draw', 'csv,noheader,nounits', '-i', '0')),
    ('Zabbix (plambe template)', 'gpu.utilization.enc.max[0]', ['-q', '-d', 'UTILIZATION', '-i', '0']),
    ('Beszel agent', 'collectNvidiaStats()', ['-l', '4'] + query(
        'index,name,temperature.gpu,memory.used,memory.total,utilization.gpu,power.draw',
        'csv,noheader,nounits')),
]


def read(path):
    with open(path) as f:
        return f.read()


def aliases(folder, help_name):
    """Every name in a help text -> its canonical (first) name."""
    path = os.path.join(folder, help_name)
    if not os.path.exists(path):
        path = os.path.join(BUILTIN_HELP, help_name)
    out = {}
    for line in read(path).split('\n'):
        # A field line is only quoted names (`"clocks.current.graphics" or "clocks.gr"`);
        # description lines may also start with a quote (`"0: Default"`).
        if re.fullmatch(r'"[\w.]+"( or "[\w.]+")*\s*', line):
            names = re.findall(r'"([^"]+)"', line)
            for name in names:
                out.setdefault(name, names[0])
    return out


def recorded_table(path):
    """(column names, units, rows of cells) of a recorded CSV with its ` [unit]` header."""
    lines = [line for line in read(path).split('\n') if line]
    header = lines[0].split(', ')
    names = [re.sub(r' \[.*\]$', '', h) for h in header]
    units = [(re.search(r' \[(.*)\]$', h) or [None, ''])[1] for h in header]
    return names, units, [line.split(', ') for line in lines[1:]]


def expected_csv(folder, state, args):
    """The CSV answer the recording implies, or None when a field is not in it."""
    option = next(a for a in args if a.startswith('--query-'))
    kind = 'gpu' if option.startswith('--query-gpu=') else 'compute-apps'
    fields = option.split('=', 1)[1].split(',')
    fmt = next(a for a in args if a.startswith('--format=')).split('=', 1)[1].split(',')
    ids = args[args.index('-i') + 1] if '-i' in args else None
    csv = 'query-gpu.{0}.csv' if kind == 'gpu' else 'compute-apps.{0}.csv'
    if kind == 'compute-apps' and not os.path.exists(os.path.join(folder, csv.format(state))):
        return ''  # a recording without processes runs none (tools/replayer/README.md)
    names, units, rows = recorded_table(os.path.join(folder, csv.format(state)))
    canonical = aliases(folder, 'help-query-gpu.txt' if kind == 'gpu' else 'help-query-compute-apps.txt')
    columns = []
    for field in fields:
        name = canonical.get(field, field)
        if name not in names:
            return None
        columns.append(names.index(name))
    if ids is not None:
        rows = [rows[int(ids)]]
    out = ''
    if 'noheader' not in fmt:
        header = read(os.path.join(folder, csv.format(state))).split('\n')[0].split(', ')
        out += ', '.join(header[c] for c in columns) + '\n'
    for row in rows:
        cells = []
        for c in columns:
            cell = row[c]
            if 'nounits' in fmt and units[c] and cell.endswith(' ' + units[c]):
                cell = cell[:-len(units[c]) - 1]
            cells.append(cell)
        out += ', '.join(cells) + '\n'
    return out


def run(args, env, first_lines=None):
    """Runs the replayer; with `first_lines`, reads that many lines of a loop and stops it."""
    if first_lines is None:
        done = subprocess.run([REPLAYER] + args, env=env, capture_output=True, text=True, timeout=60)
        return done.returncode, done.stdout
    proc = subprocess.Popen([REPLAYER] + args, env=env, stdout=subprocess.PIPE, text=True)
    lines = [proc.stdout.readline() for _ in range(first_lines)]
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    return 0, ''.join(lines)


def check(folder, state, args):
    """'pass', 'not in driver' (a failure, as the driver would fail) or a failure message."""
    env = dict(os.environ, NVIDIA_SMI_REPLAY_DIR=folder, NVIDIA_SMI_REPLAY_STATE=state)
    q_txt = os.path.join(folder, 'q.{0}.txt'.format(state))
    if args == 'ALL_FIELDS':
        recorded = read(os.path.join(folder, 'query-gpu.{0}.csv'.format(state)))
        help_fields = [n for n, c in aliases(folder, 'help-query-gpu.txt').items() if n == c]
        names = recorded_table(os.path.join(folder, 'query-gpu.{0}.csv'.format(state)))[0]
        if not os.path.exists(os.path.join(folder, 'help-query-gpu.txt')):
            help_fields = names  # the recording's own field list, as nvidia_gpu_exporter's fake
        code, out = run(query(','.join(help_fields), 'csv'), env)
        return 'pass' if code == 0 and out == recorded else 'differs from query-gpu.{0}.csv'.format(state)
    if args == ['--help-query-gpu']:
        path = os.path.join(folder, 'help-query-gpu.txt')
        code, out = run(args, env)
        if not os.path.exists(path):
            return 'not in driver' if code != 0 else 'answered a help text that was not recorded'
        return 'pass' if code == 0 and out == read(path) else 'differs from help-query-gpu.txt'
    if args == ['-L']:
        code, out = run(args, env)
        return 'pass' if code == 0 and out == read(os.path.join(folder, 'list-gpus.txt')) else 'differs'
    if args == ['-q', '-x']:
        path = os.path.join(folder, 'q-x.{0}.xml'.format(state))
        code, out = run(args, env)
        if not os.path.exists(path):
            return 'not recorded' if code == 3 else 'answered an XML that was not recorded'
        return 'pass' if code == 0 and out == read(path) else 'differs from the XML'
    if args[:2] == ['-q', '-d']:
        code, out = run(args, env)
        if not os.path.exists(q_txt):
            return 'not recorded' if code != 0 else 'answered a -q that was not recorded'
        recorded = read(q_txt)
        block = recorded[recorded.index('    Utilization\n'):]
        block = block[:re.search(r'\n    \S', block[4:]).start() + 5]
        ok = code == 0 and block in out and '    ENC Utilization Samples\n' in out
        return 'pass' if ok else 'lacks the recorded Utilization block'
    expected = expected_csv(folder, state, [a for a in args if a not in ('-l', '4')])
    loop = '-l' in args
    gpus = len(recorded_table(os.path.join(folder, 'query-gpu.{0}.csv'.format(state)))[2])
    if expected is None:
        code, _ = run(args if not loop else args[2:], env)
        return 'not in driver' if code != 0 else 'answered a field the recording lacks'
    code, out = run(args, env, first_lines=gpus if loop else None)
    return 'pass' if code == 0 and out == expected else 'got {0!r}, recorded {1!r}'.format(out, expected)


def main():
    # The recorded folders, then those derived from a recorded -q -x (from-xml/).
    folders = [os.path.join(base, d) for base in ('', 'from-xml')
               for d in sorted(os.listdir(os.path.join(FIXTURES, base)))
               if any(os.path.exists(os.path.join(FIXTURES, base, d, 'query-gpu.{0}.csv'.format(s)))
                      for s in ('idle', 'load'))]
    failures = []
    print('| consumer | command line | folders answering as recorded | not in the folder\'s driver or recording |')
    print('| --- | --- | --- | --- |')
    for consumer, source, args in COMMAND_LINES:
        passing, absent = [], []
        for name in folders:
            results = []
            for state in ('idle', 'load'):
                if os.path.exists(os.path.join(FIXTURES, name, 'query-gpu.{0}.csv'.format(state))):
                    results.append(check(os.path.join(FIXTURES, name), state, args))
            if all(r == 'pass' for r in results):
                passing.append(name)
            elif all(r in ('not in driver', 'not recorded') for r in results):
                absent.append(name)
            else:
                failures.append('{0} {1} {2}: {3}'.format(consumer, source, name, results))
        shown = 'every field of --help-query-gpu, csv' if args == 'ALL_FIELDS' else ' '.join(args)
        print('| {0} ({1}) | `nvidia-smi {2}` | {3}/{4} | {5} |'.format(
            consumer, source, shown, len(passing), len(folders), ', '.join(absent) or '-'))
    if failures:
        print('\n'.join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
