import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

const held = new Set<string>();

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid}. PGlite serves one process at a time: ` +
        'stop that process (the server, or another admin command) first.',
    );
    this.name = 'DataDirInUseError';
  }
}

// PGlite is one PostgreSQL session inside one process; two processes opening the same data
// directory would corrupt it. A lock file beside the directory (`<dir>.lock`, holding the pid) keeps
// a second server or the admin CLI out while one process has it open. A lock left by a process that
// no longer runs (a crash, kill -9) is taken over.
export class DataDirLock {
  private constructor(private readonly path: string) {}

  static acquire(dataDir: string): DataDirLock {
    const path = `${dataDir}.lock`;
    if (held.has(path)) throw new DataDirInUseError(dataDir, process.pid);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        try {
          writeSync(fd, `${process.pid}\n`);
        } finally {
          closeSync(fd);
        }
        held.add(path);
        return new DataDirLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(path);
      // Our own pid in a lock we do not hold: written before a restart that reused the pid.
      if (holder !== null && holder !== process.pid && isRunning(holder)) throw new DataDirInUseError(dataDir, holder);
      rmSync(path, { force: true });
    }
    throw new Error(`Could not take the lock ${path}`);
  }

  release(): void {
    if (!held.delete(this.path)) return;
    rmSync(this.path, { force: true });
  }
}

function readHolder(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
