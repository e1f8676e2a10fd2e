import { onServer, TEMPLATE_DB_ENV } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const template = process.env[TEMPLATE_DB_ENV];
  if (serverUrl && template) await onServer(serverUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
}
