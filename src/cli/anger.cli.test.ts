import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('./anger.cli.main.ts', import.meta.url));

/** Runs `stammkunde anger …` through tsx with the given standard input. */
function run(args: string[], input: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', main, 'anger', ...args], {
    input,
    encoding: 'utf8',
  });
}

describe('stammkunde anger', () => {
  it('prints one JSON object per input line', () => {
    const result = run(['--lang', 'de'], 'Das ist eine Frechheit!!\nDanke, alles bestens.\n');
    expect(result.status).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ escalate: true });
    expect(lines[0].signals.map((s: { kind: string }) => s.kind)).toContain('insult');
    expect(lines[1]).toMatchObject({ level: 0, escalate: false, signals: [] });
  });

  it('--threshold changes when a line escalates', () => {
    const input = 'I am disappointed.\n';
    expect(JSON.parse(run(['--lang', 'en'], input).stdout).escalate).toBe(false);
    expect(JSON.parse(run(['--lang', 'en', '--threshold', '0.2'], input).stdout).escalate).toBe(true);
  });

  it('a bad --lang exits with code 2 and explains the choices on stderr', () => {
    const result = run(['--lang', 'fr'], 'x\n');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--lang.*'fr'.*de, en/);
    expect(result.stdout).toBe('');
  });

  it('a threshold outside 0..1 exits with code 2', () => {
    expect(run(['--lang', 'de', '--threshold', '7'], 'x\n').status).toBe(2);
  });
});
