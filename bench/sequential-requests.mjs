// N sequential keep-alive requests of one scenario against a server (bench/instructions-per-request.sh):
//   SEED_INFO=…/seed.json IDS_FILE=ids.txt node bench/sequential-requests.mjs PORT get-by-id|list-first|create N
// SEED_INFO is the perf harness's seed.json, IDS_FILE holds usr_<uuid> ids (one a line). A create's
// emails carry RUN_ID (default: the pid), so that two runs never collide. Fails on a non-2xx answer.
import http from 'node:http';
import { readFileSync } from 'node:fs';

const [port, scenario, count] = [Number(process.argv[2]), process.argv[3], Number(process.argv[4])];
const seed = JSON.parse(readFileSync(process.env.SEED_INFO, 'utf8'));
const ids = readFileSync(process.env.IDS_FILE, 'utf8').trim().split('\n');
const run = process.env.RUN_ID ?? String(process.pid);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request(i) {
  let method = 'GET';
  let path;
  let body;
  let key = seed.superadmin.key;
  if (scenario === 'get-by-id') path = `/v1/users/${ids[i % ids.length]}`;
  else if (scenario === 'list-first') {
    path = '/v1/users?limit=20';
    key = seed.regular.key;
  } else if (scenario === 'create') {
    method = 'POST';
    path = '/v1/users';
    body = JSON.stringify({ account_id: seed.create_account_id, email: `seq-${run}-${i}@example.com`, display_name: 'Sequential User' });
  } else throw new Error(`unknown scenario ${scenario}`);
  const headers = { 'leadr-api-key': key, accept: 'application/json' };
  if (body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  return new Promise((resolve, reject) => {
    const sent = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode < 300 ? resolve() : reject(new Error(`${response.statusCode} on ${method} ${path}`))));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

for (let i = 0; i < count; i++) await request(i);
agent.destroy();
