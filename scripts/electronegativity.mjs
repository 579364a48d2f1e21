// Runs Electronegativity over electron/ and fails on any finding that is not
// justified in security/electronegativity-allow.json. (The tool itself exits 0
// on findings, so its CSV output is parsed here.)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const out = 'test-results/electronegativity.csv';
const run = spawnSync('npx', ['electronegativity', '-i', 'electron', '-o', out, '-l', 'ts'], { encoding: 'utf8' });
if (run.status !== 0) {
  process.stderr.write(run.stdout + run.stderr);
  process.exit(1);
}
const allow = JSON.parse(readFileSync('security/electronegativity-allow.json', 'utf8'));
const rows = readFileSync(out, 'utf8').trim().split('\n').slice(1).filter(Boolean);
const findings = rows.map((row) => {
  const cells = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
  return { issue: cells[0], file: cells[1], line: cells[2] };
});
const unjustified = findings.filter((f) => !allow.some((a) => a.issue === f.issue && (!a.file || f.file.endsWith(a.file))));
for (const f of findings) {
  const justified = !unjustified.includes(f);
  process.stdout.write(`${justified ? 'allowed ' : 'FINDING '} ${f.issue} ${f.file}:${f.line}\n`);
}
process.stdout.write(`Electronegativity: ${findings.length} findings, ${unjustified.length} unjustified.\n`);
process.exit(unjustified.length ? 1 : 0);
