/**
 * The processes a process has started (children, grandchildren…), read from
 * /proc (Linux): to check that what a test started is gone afterwards.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** The command line, arguments separated by spaces. */
  cmdline: string;
}

export function descendantsOf(root: number): ProcessInfo[] {
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return [{ pid: Number(d), ppid, cmdline: readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ') }];
    } catch {
      return []; // ended meanwhile
    }
  });
  const found: ProcessInfo[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}

/** The Chromium processes among them. */
export function chromiumProcessesOf(root: number): ProcessInfo[] {
  return descendantsOf(root).filter((p) => /chrom/i.test(p.cmdline));
}

/** True while a process with this id exists (and is not a zombie). */
export function isRunning(pid: number): boolean {
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
