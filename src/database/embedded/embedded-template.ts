import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../connection/database-options';
import { IN_MEMORY, startEmbeddedPostgres } from './embedded-postgres';
import { runMigrationsLocked } from '../connection/migrator';

// Built by `npm run build` next to the compiled code: dist/embedded-template.tar.gz (also the one
// read when this file runs from its TypeScript source, as under Jest).
export const TEMPLATE_PATH = join(__dirname, '..', '..', '..', ...(__filename.endsWith('.ts') ? ['dist'] : []), 'embedded-template.tar.gz');

export function loadTemplate(path = TEMPLATE_PATH): Blob | null {
  return existsSync(path) ? new Blob([readFileSync(path)]) : null;
}

// An embedded database with every migration applied and nothing else (no superadmin: each data
// directory bootstraps its own), dumped as the starting point of new data directories. A data
// directory made from it still runs any migration the template lacks.
export async function buildTemplate(path = TEMPLATE_PATH): Promise<string[]> {
  const embedded = await startEmbeddedPostgres(IN_MEMORY, 1);
  try {
    const dataSource = new DataSource(buildDataSourceOptions(embedded.url, 1));
    await dataSource.initialize();
    const applied = await runMigrationsLocked(dataSource);
    await dataSource.destroy();
    writeFileSync(path, Buffer.from(await (await embedded.dump()).arrayBuffer()), { mode: 0o600 });
    return applied;
  } finally {
    await embedded.close();
  }
}

if (require.main === module) {
  buildTemplate().then(
    (applied) => process.stdout.write(`Embedded database template with ${applied.length} migrations: ${TEMPLATE_PATH}\n`),
    (error: unknown) => {
      process.stderr.write(`Could not build the embedded database template: ${String(error)}\n`);
      process.exit(1);
    },
  );
}
