import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadConfig } from '@genio/hub';
import { describe, expect, it } from 'vitest';
import { speechChecks } from '../src/commands/doctor.js';

const haveTools =
  !spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).error &&
  existsSync('/usr/share/pocketsphinx/model/en-us/en-us/mdef');
if (!haveTools && process.env.CI) throw new Error('espeak-ng and pocketsphinx-en-us are required in CI');
if (!haveTools)
  console.warn(
    '\n[genio tests] espeak-ng / pocketsphinx-en-us missing: the doctor speech test is SKIPPED (apt-get install espeak-ng pocketsphinx pocketsphinx-en-us).\n',
  );

describe.skipIf(!haveTools)('genio doctor on speech', () => {
  it('says which languages this machine can hear and speak, and with which engine', async () => {
    const checks = await speechChecks(loadConfig({ env: {}, overrides: { dataDir: '/tmp' } }));
    expect(checks).toEqual([
      { name: 'Hearing', status: 'ok', detail: 'en (pocketsphinx: en)' },
      { name: 'Speaking', status: 'ok', detail: 'zh, en, it, fr (espeak-ng: zh, en, it, fr)' },
    ]);
  });

  it('warns with the way to enable it when a configured Wyoming server does not answer and no local engine serves', async () => {
    const checks = await speechChecks(
      loadConfig({ env: {}, overrides: { dataDir: '/tmp', sttWyomingUrl: 'tcp://127.0.0.1:9' } }),
    );
    // The dead Wyoming server adds nothing; pocketsphinx still hears English.
    expect(checks[0]).toMatchObject({ name: 'Hearing', status: 'ok', detail: 'en (pocketsphinx: en)' });
  });
});
