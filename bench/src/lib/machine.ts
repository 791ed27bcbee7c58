import { cpus, freemem, totalmem } from 'node:os';

/** What the figures were measured on. */
export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryTotalMiB: number;
  memoryFreeMiBAtStart: number;
  node: string;
  platform: string;
  loadAverageAtStart: number[];
}

/** The machine this process runs on. */
export async function describeMachine(): Promise<MachineInfo> {
  const { availableParallelism, loadavg } = await import('node:os');
  return {
    nproc: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryTotalMiB: Math.round(totalmem() / 1024 ** 2),
    memoryFreeMiBAtStart: Math.round(freemem() / 1024 ** 2),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}
