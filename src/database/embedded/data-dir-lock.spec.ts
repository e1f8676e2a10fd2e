import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUseError, DataDirLock } from './data-dir-lock';

describe('DataDirLock', () => {
  let root: string;
  let dataDir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'leadr-lock-'));
    dataDir = join(root, 'pglite');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes the pid beside the data directory and removes it on release', () => {
    const lock = DataDirLock.acquire(dataDir);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('refuses a second opener in the same process until the first releases', () => {
    const lock = DataDirLock.acquire(dataDir);
    expect(() => DataDirLock.acquire(dataDir)).toThrow(DataDirInUseError);
    lock.release();
    DataDirLock.acquire(dataDir).release();
  });

  it('refuses while another running process holds it, naming that process', () => {
    // The parent of this test (jest's runner or npm) is a process that certainly runs.
    writeFileSync(`${dataDir}.lock`, `${process.ppid}\n`);
    expect(() => DataDirLock.acquire(dataDir)).toThrow(`in use by process ${process.ppid}`);
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(`${dataDir}.lock`, `${gone}\n`);
    const lock = DataDirLock.acquire(dataDir);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
  });

  it('takes over a lock that holds no pid', () => {
    writeFileSync(`${dataDir}.lock`, 'garbage');
    DataDirLock.acquire(dataDir).release();
  });
});
