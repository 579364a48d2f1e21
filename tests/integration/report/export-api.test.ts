/**
 * The export API handlers with a real workspace folder: progress events,
 * cancelling (no file, partial or whole, is left), downloads and workspace
 * saves that never overwrite an earlier export.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ApiEventName, ApiEventPayload } from '../../../shared/api/contract';
import { apiContract } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/dispatch';
import type { Casefile } from '../../../shared/model/schema';
import { ReportOptions } from '../../../shared/report/options';
import { createExportHandlers } from '../../../electron/services/export/api';
import { SCALES, generateCasefile } from '../../support/generate';
import { buildSeedCasefile } from '../../fixtures/report/seed-casefile';

let workspace: string;
let events: ApiEventPayload<'progress'>[];

function handlers(casefile: Casefile) {
  return createExportHandlers({
    version: '0.0.0-test',
    workspace,
    emit: <E extends ApiEventName>(event: E, payload: ApiEventPayload<E>) => {
      if (event === 'progress') events.push(payload as ApiEventPayload<'progress'>);
    },
    casefileOf: () => casefile,
  });
}

function args(jobId: string, format: 'html' | 'pdf' | 'csv', destination: 'download' | 'workspace') {
  return apiContract.exportReport.args.parse({ sessionId: 's1', jobId, format, destination, options: ReportOptions.parse({}) });
}

beforeEach(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-export-api-'));
  events = [];
});
afterEach(() => rmSync(workspace, { recursive: true, force: true }));

describe('exportReport', () => {
  test('returns the bytes for a download, with a safe file name and progress events', async () => {
    const h = handlers(buildSeedCasefile());
    const result = await h.exportReport(args('job-1', 'csv', 'download'));
    expect(result.fileName).toBe('Chinese attack drones for Russia.csv');
    expect(result.savedPath).toBeNull();
    expect(Buffer.from(result.dataBase64!, 'base64').toString('utf8').startsWith('\uFEFF"claim_ref"')).toBe(true);
    expect(events.every((e) => e.task === 'export:job-1')).toBe(true);
    expect(events.map((e) => e.label)).toContain('Writing rows');
    expect(events.at(-1)!.label).toBe('Finished');
  });

  test('saves into the workspace’s exports folder without replacing an earlier export', async () => {
    const h = handlers(buildSeedCasefile());
    const first = await h.exportReport(args('a', 'html', 'workspace'));
    const second = await h.exportReport(args('b', 'html', 'workspace'));
    expect(first.savedPath).toBe(path.join('exports', 'Chinese attack drones for Russia.html'));
    expect(second.savedPath).toBe(path.join('exports', 'Chinese attack drones for Russia (2).html'));
    expect(first.dataBase64).toBeNull();
    expect(readFileSync(path.join(workspace, first.savedPath!), 'utf8')).toContain('<!doctype html>');
  });

  test('cancelling a long PDF export stops it with code "cancelled" and leaves no file', async () => {
    const h = handlers(generateCasefile(SCALES.typical));
    const running = h.exportReport(args('long', 'pdf', 'workspace'));
    await expect.poll(() => events.length, { timeout: 30_000 }).toBeGreaterThan(1);
    expect(await h.cancelExport({ jobId: 'long' })).toEqual({ cancelled: true });
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('cancelled');
    const exportsDir = path.join(workspace, 'exports');
    expect(existsSync(exportsDir) ? readdirSync(exportsDir) : []).toEqual([]);
    expect(await h.cancelExport({ jobId: 'long' })).toEqual({ cancelled: false });
  });

  test('a scope that names nothing in the casefile is refused with a message', async () => {
    const h = handlers(buildSeedCasefile());
    const bad = apiContract.exportReport.args.parse({
      sessionId: 's1', jobId: 'x', format: 'md', options: { scope: { kind: 'article', articleId: 'a_gone' } },
    });
    await expect(h.exportReport(bad)).rejects.toThrow('The chosen article does not exist in this casefile.');
  });
});
