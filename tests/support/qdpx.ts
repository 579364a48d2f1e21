/**
 * The outside checks of a .qdpx file: xmllint (libxml2) against the vendored
 * QDA-XML schema, and the Python reader (tests/support/qdpx_reader.py, on the
 * xmlschema package's own XSD engine and Python's zipfile).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { FIXTURES_DIR } from './fixtures';

export const REFI_QDA_DIR = path.join(FIXTURES_DIR, 'vendor', 'refi-qda');
export const QDA_SCHEMA = path.join(REFI_QDA_DIR, 'Project-mrt2019.xsd');
export const ATLAS_SAMPLES = ['blank-atlas-project.qdpx', 'target-atlas-project.qdpx'].map((f) => path.join(REFI_QDA_DIR, 'samples', f));
const READER = path.join(__dirname, 'qdpx_reader.py');
/** Debian's interpreter, which has python3-xmlschema and python3-lxml (a pyenv one on PATH may not). */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** xmllint's verdict on the project.qde of `qdpx` (written beside it): exit status and messages. */
export async function xmllintProject(qdpx: Uint8Array, dir: string): Promise<{ status: number | null; output: string }> {
  const zip = await JSZip.loadAsync(qdpx);
  const qde = path.join(dir, 'project.qde');
  writeFileSync(qde, await zip.file('project.qde')!.async('uint8array'));
  const r = spawnSync('xmllint', ['--noout', '--schema', QDA_SCHEMA, qde], { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint could not run (install libxml2-utils): ${r.error.message}`);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

export interface PythonProject {
  valid: boolean;
  errors: string[];
  name: string;
  users: string[];
  codes: string[];
  sources: {
    name: string;
    length: number;
    selections: { text: string; start: number; end: number; user: string | null; codes: string[][]; notes: { name: string; text: string }[] }[];
  }[];
}

export function readWithPython(file: string): PythonProject {
  const out = execFileSync(PYTHON, [READER, 'read', file, QDA_SCHEMA], { encoding: 'utf8', maxBuffer: 512 << 20 });
  return JSON.parse(out) as PythonProject;
}

export function writeWithPython(file: string): void {
  execFileSync(PYTHON, [READER, 'write', file], { encoding: 'utf8' });
}
