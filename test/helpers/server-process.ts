import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { transformFile } from '@swc/core';

const ROOT = join(__dirname, '..', '..');

// The server compiled to JavaScript, as `nest build` would, but in a second with swc (the
// decorator metadata Nest and TypeORM need included), into a directory under node_modules so
// the compiled code resolves the project's packages. Removed with `remove()`.
export interface CompiledServer {
  main: string;
  remove(): void;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

export async function compileServer(): Promise<CompiledServer> {
  const out = join(ROOT, 'node_modules', '.cache', 'leadr-test-server', `${process.pid}-${randomBytes(4).toString('hex')}`);
  await Promise.all(
    sources(join(ROOT, 'src')).map(async (file) => {
      const { code } = await transformFile(file, {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
        sourceMaps: false,
      });
      const target = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, code);
    }),
  );
  return { main: join(out, 'src', 'main.js'), remove: () => rmSync(out, { recursive: true, force: true }) };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

// One server process: started with its environment, stopped with a signal.
export class ServerProcess {
  output = '';
  base = '';
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;

  private constructor(main: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }));
    });
  }

  static async start(main: string, env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
    const server = new ServerProcess(main, env);
    const started = Date.now();
    for (;;) {
      const match = /listening on (http:\/\/[^\s"]+)/.exec(server.output);
      if (match) {
        server.base = match[1];
        return server;
      }
      if (server.child.exitCode !== null || Date.now() - started > timeoutMs) {
        server.child.kill('SIGKILL');
        throw new Error(`The server did not start:\n${server.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  signal(signal: NodeJS.Signals): number {
    this.child.kill(signal);
    return Date.now();
  }

  // For cleanup after a failed test.
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
