/**
 * A real RFC 3161 time-stamping authority on localhost, made of `openssl ts -reply` behind a tiny HTTP server,
 * with its own throw-away CA. `verify` runs `openssl ts -verify` against that CA.
 *
 *   const tsa = await startLocalTsa();  // tsa.url, tsa.verify(dataFile, tsrFile), tsa.close()
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';

export interface LocalTsa {
  url: string;
  dir: string;
  /** `openssl ts -verify`; returns openssl's output (contains `Verification: OK` on success). */
  verify(dataFile: string, tsrFile: string): { ok: boolean; output: string };
  close(): Promise<void>;
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

export async function startLocalTsa(): Promise<LocalTsa> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-tsa-'));
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=ReviewGuard Test CA', '-days', '2',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/CN=ReviewGuard Test TSA'], dir);
  writeFileSync(path.join(dir, 'tsa-ext.cnf'), 'extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\n');
  openssl(['x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'tsa.pem', '-days', '2', '-extfile', 'tsa-ext.cnf'], dir);
  writeFileSync(path.join(dir, 'tsaserial'), '01\n');
  writeFileSync(
    path.join(dir, 'tsa.cnf'),
    `[ tsa ]
default_tsa = tsa_config1
[ tsa_config1 ]
dir = ${dir}
serial = $dir/tsaserial
crypto_device = builtin
signer_cert = $dir/tsa.pem
certs = $dir/ca.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`,
  );
  let n = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = ++n;
      const query = path.join(dir, `q${id}.tsq`);
      const reply = path.join(dir, `r${id}.tsr`);
      writeFileSync(query, Buffer.concat(chunks));
      const result = spawnSync('openssl', ['ts', '-reply', '-config', path.join(dir, 'tsa.cnf'), '-queryfile', query, '-out', reply], { cwd: dir });
      if (result.status !== 0) {
        res.writeHead(500).end(result.stderr);
        return;
      }
      // Extensions fetch from their pages; a TSA needs no CORS for them, but it costs nothing here.
      res.writeHead(200, { 'content-type': 'application/timestamp-reply', 'access-control-allow-origin': '*' }).end(readFileSync(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    dir,
    verify(dataFile, tsrFile) {
      const r = spawnSync('openssl', ['ts', '-verify', '-data', dataFile, '-in', tsrFile, '-CAfile', path.join(dir, 'ca.pem'), '-untrusted', path.join(dir, 'tsa.pem')], {
        encoding: 'utf8',
      });
      const output = `${r.stdout}${r.stderr}`;
      return { ok: r.status === 0 && output.includes('Verification: OK'), output };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
