/** `npm run audit:verify`: walks the whole audit chain; exits 1 and names the first broken record if any. */
import { loadConfig } from '../config';
import { openDatabase } from '../platform/db/database';
import { verifyChain } from '../modules/audit';

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  const result = await verifyChain(database.db, (n) => process.stderr.write(`\rchecked ${n} records…`));
  process.stderr.write('\n');
  if (result.ok) {
    process.stdout.write(`Audit chain OK: ${result.checked} records verified.\n`);
  } else {
    const b = result.firstBroken!;
    process.stdout.write(`Audit chain BROKEN at record seq=${b.seq} id=${b.id}: ${b.reason}\n(${result.checked} records before it verified.)\n`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
