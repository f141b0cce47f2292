/**
 * Node sizing from an inventory of VMs (CSV): for each node shape, how many nodes hold the
 * containerisable VMs' measured load at a target utilisation, still hold it with nodes lost, and
 * how many exist during a rolling upgrade.
 *
 * The inventory is a CSV file with a header row. Columns (case and accents ignored; `;` or `,`
 * separated, a decimal comma accepted with `;`):
 * - name (or vm, hostname): the VM's name;
 * - vcpu (or cpu, vcpus): allocated virtual CPUs;
 * - memory (or ram, mem): allocated memory, `16Gi`, `16 GB`, `16384 MB`, or a number of GiB;
 * - cpu_used (or cpu_usage): measured use, in cores (`1.5`) or as a share of the vCPUs (`35%`);
 * - memory_used (or memory_usage, ram_used): measured use, like memory, or as a share (`60%`);
 * - containerisable (or containerizable, container): yes/no (oui/non, true/false, 1/0).
 * The measured columns may be empty for some VMs: their allocation counts instead (a warning says so).
 */
import type { Message, SizeResult } from '@quai/contracts';
import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { intValue, milliValue } from './quantity.js';

export interface Vm {
  readonly row: number;
  readonly name: string;
  readonly vcpu: number;
  /** Bytes. */
  readonly memory: number;
  /** Millicores, when measured. */
  readonly cpuUsed?: number;
  /** Bytes, when measured. */
  readonly memoryUsed?: number;
  readonly containerisable: boolean;
}

const GIB = 1024 ** 3;
const MAX_VCPU = 1024;
const MAX_MEMORY = 64 * 1024 * GIB;

type Column = 'name' | 'vcpu' | 'memory' | 'cpu_used' | 'memory_used' | 'containerisable';

const ALIASES: Readonly<Record<Column, readonly string[]>> = {
  name: ['name', 'vm', 'vm_name', 'hostname', 'host', 'nom'],
  vcpu: ['vcpu', 'vcpus', 'cpu', 'cpus', 'cores'],
  memory: ['memory', 'mem', 'ram', 'memory_gb', 'ram_gb', 'memoire'],
  cpu_used: ['cpu_used', 'cpu_usage', 'used_cpu', 'cpu_use', 'cpu_utilisation', 'cpu_utilization'],
  memory_used: [
    'memory_used',
    'memory_usage',
    'mem_used',
    'ram_used',
    'used_memory',
    'ram_usage',
    'memoire_utilisee',
  ],
  containerisable: [
    'containerisable',
    'containerizable',
    'container',
    'containerise',
    'containerize',
    'conteneurisable',
  ],
};

const REQUIRED: readonly Column[] = ['name', 'vcpu', 'memory', 'containerisable'];

function normaliseHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Splits CSV text into rows of fields (RFC 4180 quoting), with each row's line number. */
function parseCsv(text: string, delimiter: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f.trim() !== '')) rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += c;
  }
  fields.push(field);
  if (fields.some((f) => f.trim() !== '')) rows.push({ line: rowLine, fields });
  return rows;
}

interface Problem {
  readonly line: number;
  readonly column: string;
  readonly message: Message;
}

function number(text: string, decimalComma: boolean): number | undefined {
  const t = (decimalComma ? text.replace(',', '.') : text).trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}

/** Memory as written in inventories: quantities, `16 GB`, `16384 MB`, or a bare number of GiB. */
function memoryBytes(text: string, decimalComma: boolean): number | undefined {
  const t = text.trim().replace(/\s+/g, '');
  const n = number(t, decimalComma);
  if (n !== undefined) return Math.round(n * GIB);
  const m = /^([\d.,]+)(b|k|kb|kib|ki|m|mb|mib|mi|g|gb|gib|gi|t|tb|tib|ti)$/i.exec(t);
  if (m !== null) {
    const v = number(m[1] ?? '', decimalComma || (m[1] ?? '').includes(','));
    if (v === undefined) return undefined;
    const unit = (m[2] ?? '').toLowerCase()[0] as 'b' | 'k' | 'm' | 'g' | 't';
    return Math.round(v * { b: 1, k: 1024, m: 1024 ** 2, g: GIB, t: 1024 * GIB }[unit]);
  }
  return intValue(t);
}

function boolean(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (['yes', 'y', 'true', '1', 'oui', 'o', 'x'].includes(t)) return true;
  if (['no', 'n', 'false', '0', 'non', ''].includes(t)) return false;
  return undefined;
}

/** Reads and checks an inventory; every problem names its line and column. */
export function parseInventory(text: string, file: string): Vm[] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const decimalComma = delimiter === ';';
  const rows = parseCsv(text, delimiter);
  const header = rows[0];
  if (header === undefined) {
    throw new QuaiError('INPUT_INVALID', msg('capacity.size.empty', { file }), {
      hint: msg('capacity.size.columnsHint'),
    });
  }
  const index = new Map<Column, number>();
  header.fields.forEach((h, i) => {
    const n = normaliseHeader(h);
    for (const [col, names] of Object.entries(ALIASES) as [Column, readonly string[]][]) {
      if (names.includes(n) && !index.has(col)) index.set(col, i);
    }
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0) {
    throw new QuaiError(
      'INPUT_INVALID',
      msg('capacity.size.missingColumns', {
        file,
        columns: missing.join(', '),
        found: header.fields.map((f) => f.trim()).join(', '),
      }),
      { hint: msg('capacity.size.columnsHint'), location: { file, line: header.line, column: 1 } },
    );
  }
  const problems: Problem[] = [];
  const vms: Vm[] = [];
  const names = new Map<string, number>();
  for (const row of rows.slice(1)) {
    const get = (c: Column): string => {
      const i = index.get(c);
      return i === undefined ? '' : (row.fields[i] ?? '').trim();
    };
    const problem = (column: Column, message: Message): void => {
      problems.push({ line: row.line, column, message });
    };
    const name = get('name');
    if (name === '') problem('name', msg('capacity.size.emptyName'));
    else if (names.has(name))
      problem('name', msg('capacity.size.duplicate', { name, line: names.get(name) ?? 0 }));
    else names.set(name, row.line);
    // An invalid allocation is reported once: the measured use is not compared with it.
    let vcpu = number(get('vcpu'), decimalComma);
    if (vcpu === undefined) problem('vcpu', msg('capacity.size.notNumber', { value: get('vcpu') }));
    else if (vcpu <= 0 || vcpu > MAX_VCPU) {
      problem('vcpu', msg('capacity.size.absurd', { value: get('vcpu'), max: String(MAX_VCPU) }));
      vcpu = undefined;
    }
    let memory = memoryBytes(get('memory'), decimalComma);
    if (memory === undefined) problem('memory', msg('capacity.size.notMemory', { value: get('memory') }));
    else if (memory <= 0 || memory > MAX_MEMORY) {
      problem('memory', msg('capacity.size.absurd', { value: get('memory'), max: '64Ti' }));
      memory = undefined;
    }
    const containerisable = boolean(get('containerisable'));
    if (containerisable === undefined)
      problem('containerisable', msg('capacity.size.notBoolean', { value: get('containerisable') }));
    let cpuUsed: number | undefined;
    const cu = get('cpu_used');
    if (cu !== '') {
      const pct = /%$/.test(cu) ? number(cu.slice(0, -1), decimalComma) : undefined;
      const cores = pct === undefined ? number(cu, decimalComma) : undefined;
      if (pct === undefined && cores === undefined)
        problem('cpu_used', msg('capacity.size.notNumber', { value: cu }));
      else if (pct !== undefined && (pct < 0 || pct > 100))
        problem('cpu_used', msg('capacity.size.badPercent', { value: cu }));
      else if (cores !== undefined && cores < 0)
        problem('cpu_used', msg('capacity.size.negative', { value: cu }));
      else if (vcpu !== undefined && cores !== undefined && cores > vcpu * 1.05) {
        problem('cpu_used', msg('capacity.size.moreThanAllocated', { used: cu, allocated: get('vcpu') }));
      } else if (vcpu !== undefined)
        cpuUsed = Math.round((pct !== undefined ? (pct / 100) * vcpu : (cores ?? 0)) * 1000);
    }
    let memoryUsed: number | undefined;
    const mu = get('memory_used');
    if (mu !== '') {
      const pct = /%$/.test(mu) ? number(mu.slice(0, -1), decimalComma) : undefined;
      const bytes = pct === undefined ? memoryBytes(mu, decimalComma) : undefined;
      if (pct === undefined && bytes === undefined)
        problem('memory_used', msg('capacity.size.notMemory', { value: mu }));
      else if (pct !== undefined && (pct < 0 || pct > 100))
        problem('memory_used', msg('capacity.size.badPercent', { value: mu }));
      else if (bytes !== undefined && bytes < 0)
        problem('memory_used', msg('capacity.size.negative', { value: mu }));
      else if (memory !== undefined && bytes !== undefined && bytes > memory * 1.05) {
        problem(
          'memory_used',
          msg('capacity.size.moreThanAllocated', { used: mu, allocated: get('memory') }),
        );
      } else if (memory !== undefined)
        memoryUsed = pct !== undefined ? Math.round((pct / 100) * memory) : (bytes ?? 0);
    }
    if (vcpu !== undefined && memory !== undefined && containerisable !== undefined && name !== '') {
      vms.push({
        row: row.line,
        name,
        vcpu,
        memory,
        containerisable,
        ...(cpuUsed === undefined ? {} : { cpuUsed }),
        ...(memoryUsed === undefined ? {} : { memoryUsed }),
      });
    }
  }
  if (problems.length > 0) {
    const first = problems[0] as Problem;
    const listed = problems.slice(0, 20).map((p) =>
      msg('capacity.size.problem', {
        line: p.line,
        column: p.column,
        problem: p.message,
      }),
    );
    throw new QuaiError(
      'INPUT_INVALID',
      msg('capacity.size.invalid', {
        file,
        count: problems.length,
        problems: listed.reduce<Message>(
          (acc, m) => msg('capacity.size.problemList', { first: acc, next: m }),
          msg('common.text', { text: '' }),
        ),
      }),
      {
        hint: msg('capacity.size.fixHint'),
        location: { file, line: first.line, column: (index.get(first.column as Column) ?? 0) + 1 },
      },
    );
  }
  if (vms.length === 0) {
    throw new QuaiError('INPUT_INVALID', msg('capacity.size.noVms', { file }), {
      hint: msg('capacity.size.columnsHint'),
    });
  }
  return vms;
}

export interface SizeOptions {
  readonly shapes: readonly { readonly cpu: string; readonly memory: string }[];
  readonly failures: number;
  readonly surge: number;
  readonly targetUtilisation: number;
  readonly peakFactor: number;
  readonly memoryFactor: number;
  readonly reserved: { readonly cpu: string; readonly memory: string };
  readonly maxPodsPerNode: number;
  readonly podsPerVm: number;
}

const DEFAULT_SHAPES = [
  { cpu: '4', memory: '16Gi' },
  { cpu: '8', memory: '32Gi' },
  { cpu: '16', memory: '64Gi' },
] as const;

interface Demand {
  readonly name: string;
  readonly cpu: number;
  readonly memory: number;
  readonly pods: number;
}

/** First-fit decreasing: how many bins of `capacity` hold the items (largest dimension first). */
function firstFitDecreasing(
  items: readonly Demand[],
  capacity: { cpu: number; memory: number; pods: number },
): number {
  const sorted = [...items].sort(
    (a, b) =>
      Math.max(b.cpu / capacity.cpu, b.memory / capacity.memory) -
      Math.max(a.cpu / capacity.cpu, a.memory / capacity.memory),
  );
  const bins: { cpu: number; memory: number; pods: number }[] = [];
  for (const it of sorted) {
    const bin = bins.find(
      (b) =>
        b.cpu + it.cpu <= capacity.cpu &&
        b.memory + it.memory <= capacity.memory &&
        b.pods + it.pods <= capacity.pods,
    );
    if (bin !== undefined) {
      bin.cpu += it.cpu;
      bin.memory += it.memory;
      bin.pods += it.pods;
    } else bins.push({ cpu: it.cpu, memory: it.memory, pods: it.pods });
  }
  return bins.length;
}

/** Sizes nodes for the containerisable VMs of an inventory. */
export function sizeNodes(vms: readonly Vm[], options: SizeOptions): SizeResult {
  const warnings: Message[] = [];
  const kept = vms.filter((v) => v.containerisable);
  const unmeasuredCpu = kept.filter((v) => v.cpuUsed === undefined).length;
  const unmeasuredMemory = kept.filter((v) => v.memoryUsed === undefined).length;
  if (unmeasuredCpu > 0)
    warnings.push(msg('capacity.size.unmeasured', { count: unmeasuredCpu, resource: 'cpu' }));
  if (unmeasuredMemory > 0)
    warnings.push(msg('capacity.size.unmeasured', { count: unmeasuredMemory, resource: 'memory' }));
  const demands: Demand[] = kept.map((v) => ({
    name: v.name,
    cpu: Math.ceil(v.cpuUsed === undefined ? v.vcpu * 1000 : Math.max(v.cpuUsed * options.peakFactor, 10)),
    memory: Math.ceil(
      v.memoryUsed === undefined ? v.memory : Math.max(v.memoryUsed * options.memoryFactor, 16 * 1024 ** 2),
    ),
    pods: options.podsPerVm,
  }));
  const demand = demands.reduce(
    (s, d) => ({ cpu: s.cpu + d.cpu, memory: s.memory + d.memory, pods: s.pods + d.pods }),
    {
      cpu: 0,
      memory: 0,
      pods: 0,
    },
  );
  const reserved = {
    cpu: milliValue(options.reserved.cpu) ?? 0,
    memory: intValue(options.reserved.memory) ?? 0,
  };
  const shapes = options.shapes.length > 0 ? options.shapes : DEFAULT_SHAPES;
  const result: SizeResult['options'] = shapes.map((s) => {
    const shape = { cpu: milliValue(s.cpu) ?? 0, memory: intValue(s.memory) ?? 0 };
    const allocatable = {
      cpu: Math.max(0, shape.cpu - reserved.cpu),
      memory: Math.max(0, shape.memory - reserved.memory),
    };
    const usable = {
      cpu: allocatable.cpu * options.targetUtilisation,
      memory: allocatable.memory * options.targetUtilisation,
      pods: options.maxPodsPerNode,
    };
    const tooBig = demands
      .filter((d) => d.cpu > allocatable.cpu || d.memory > allocatable.memory)
      .map((d) => d.name);
    const fitting = demands.filter((d) => d.cpu <= usable.cpu && d.memory <= usable.memory);
    // Workloads larger than the target share of a node still get a node of their own.
    const forLoad = firstFitDecreasing(fitting, usable) + (demands.length - fitting.length);
    const byResource = {
      cpu: allocatable.cpu > 0 ? demand.cpu / usable.cpu : Number.POSITIVE_INFINITY,
      memory: allocatable.memory > 0 ? demand.memory / usable.memory : Number.POSITIVE_INFINITY,
      pods: demand.pods / options.maxPodsPerNode,
    };
    const bottleneck = (Object.entries(byResource) as ['cpu' | 'memory' | 'pods', number][]).reduce((a, b) =>
      b[1] > a[1] ? b : a,
    )[0];
    const atFull = Math.max(
      Math.ceil(demand.cpu / Math.max(allocatable.cpu, 1)),
      Math.ceil(demand.memory / Math.max(allocatable.memory, 1)),
      Math.ceil(demand.pods / options.maxPodsPerNode),
    );
    // Draining a node in place (no surge) takes it away like a failure.
    const forFailures = atFull + options.failures + (options.surge === 0 ? 1 : 0);
    const nodes = Math.max(forLoad, forFailures, 1);
    const utilisation = (count: number): { cpu?: number; memory?: number } =>
      count <= 0
        ? {}
        : {
            ...(allocatable.cpu > 0 ? { cpu: demand.cpu / (count * allocatable.cpu) } : {}),
            ...(allocatable.memory > 0 ? { memory: demand.memory / (count * allocatable.memory) } : {}),
          };
    return {
      shape,
      allocatable,
      forLoad,
      forFailures,
      nodes,
      duringUpgrade: nodes + options.surge,
      bottleneck,
      utilisation: { normal: utilisation(nodes), degraded: utilisation(nodes - options.failures) },
      total: { cpu: nodes * shape.cpu, memory: nodes * shape.memory },
      tooBig,
    };
  });
  // The shape that provisions the least for the demand, among those that hold every VM.
  const cost = (o: (typeof result)[number]): number =>
    o.total.cpu / Math.max(demand.cpu, 1) +
    o.total.memory / Math.max(demand.memory, 1) +
    (o.tooBig.length > 0 ? 1e9 : 0);
  let recommended = 0;
  result.forEach((o, i) => {
    const best = result[recommended] as (typeof result)[number];
    if (cost(o) < cost(best) || (cost(o) === cost(best) && o.nodes < best.nodes)) recommended = i;
  });
  if (result.every((o) => o.tooBig.length > 0)) warnings.push(msg('capacity.size.nothingHoldsAll'));
  const largest = [...demands]
    .sort((a, b) => b.cpu + (b.memory / GIB) * 250 - (a.cpu + (a.memory / GIB) * 250))
    .slice(0, 5)
    .map((d) => ({ name: d.name, cpu: d.cpu, memory: d.memory }));
  return {
    inventory: {
      vms: vms.length,
      containerisable: kept.length,
      excluded: vms.length - kept.length,
      allocated: {
        vcpu: kept.reduce((s, v) => s + v.vcpu, 0),
        memory: kept.reduce((s, v) => s + v.memory, 0),
      },
      measured: {
        cpu: kept.reduce((s, v) => s + (v.cpuUsed ?? 0), 0),
        memory: kept.reduce((s, v) => s + (v.memoryUsed ?? 0), 0),
      },
    },
    demand,
    assumptions: {
      failures: options.failures,
      surge: options.surge,
      targetUtilisation: options.targetUtilisation,
      peakFactor: options.peakFactor,
      memoryFactor: options.memoryFactor,
      reserved,
      maxPodsPerNode: options.maxPodsPerNode,
      podsPerVm: options.podsPerVm,
    },
    options: result,
    recommended,
    largest,
    warnings,
  };
}
