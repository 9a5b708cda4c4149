import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config';

describe('configuration from the environment', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'zhixing-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when nothing is set, then the documented defaults apply and a secret is generated once into DATA_DIR', () => {
    const a = loadConfig({ DATA_DIR: dataDir });
    expect(a).to.include({ port: 3000, databaseUrl: undefined, databasePoolSize: 10, demoData: true });
    expect(a.appSecret).to.have.length.of.at.least(32);
    expect(loadConfig({ DATA_DIR: dataDir }).appSecret).to.equal(a.appSecret);
  });

  it('when the pool size is set, then it is used; when it is not a positive whole number, then start-up names the variable', () => {
    expect(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://db/zhixing', DATABASE_POOL_SIZE: '40' })).to.include({
      databaseUrl: 'postgres://db/zhixing',
      databasePoolSize: 40,
    });
    for (const bad of ['0', '2.5', 'many']) {
      expect(() => loadConfig({ DATA_DIR: dataDir, DATABASE_POOL_SIZE: bad }), bad).to.throw(/Invalid configuration:\n {2}DATABASE_POOL_SIZE: /);
    }
  });
});
