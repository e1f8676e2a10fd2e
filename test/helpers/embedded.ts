import { Client } from 'pg';

// What another client gets when it tries the embedded database's address.
export async function strangerConnects(url: string): Promise<'connected' | 'refused'> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    await client.end();
    return 'connected';
  } catch {
    return 'refused';
  }
}
