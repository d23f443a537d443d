import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cpuTimes } from './report';

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU of one process over a measurement: % of one core, mean and worst second. */
export interface ProcessCpu {
  meanPercent: number;
  maxPercent: number;
}

/** A process's user and system time so far, in seconds; undefined once it has gone. */
function cpuSeconds(pid: number): number | undefined {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** The local stack's processes by name, from the pid files `npm start` writes (`<name>.pid`). */
export function stackProcesses(runDir: string): Map<string, number> {
  const processes = new Map<string, number>();
  if (!existsSync(runDir)) return processes;
  for (const file of readdirSync(runDir).filter((name) => name.endsWith('.pid'))) {
    const pid = Number(readFileSync(resolve(runDir, file), 'utf8').trim());
    if (pid > 0) processes.set(file.slice(0, -'.pid'.length), pid);
  }
  return processes;
}

/**
 * Samples the CPU of the given processes, and the machine's, every second until stopped: what the
 * server side spent during a load, and its worst second.
 */
export class CpuSampler {
  private readonly samples = new Map<string, number[]>();
  private readonly machineSamples: number[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly processes: Map<string, number>) {
    let last = this.read();
    this.timer = setInterval(() => {
      const now = this.read();
      for (const [name, seconds] of now.byProcess) {
        const before = last.byProcess.get(name);
        if (before === undefined) continue;
        const percent = ((seconds - before) / ((now.at - last.at) / 1000)) * 100;
        this.samples.set(name, [...(this.samples.get(name) ?? []), percent]);
      }
      const busy =
        (now.machine.busy - last.machine.busy) / (now.machine.total - last.machine.total);
      this.machineSamples.push(busy * 100);
      last = now;
    }, 1000);
  }

  private read() {
    const byProcess = new Map<string, number>();
    for (const [name, pid] of this.processes) {
      const seconds = cpuSeconds(pid);
      if (seconds !== undefined) byProcess.set(name, seconds);
    }
    return { at: Date.now(), byProcess, machine: cpuTimes() };
  }

  /** Stops sampling: each process's CPU, and the machine's busy share of all its cores. */
  stop(): { processes: Record<string, ProcessCpu>; machineBusy: ProcessCpu } {
    clearInterval(this.timer);
    const summary = (values: number[]): ProcessCpu => ({
      meanPercent: Math.round(values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length)),
      maxPercent: Math.round(Math.max(0, ...values)),
    });
    return {
      processes: Object.fromEntries(
        [...this.samples].map(([name, values]) => [name, summary(values)]),
      ),
      machineBusy: summary(this.machineSamples),
    };
  }
}
