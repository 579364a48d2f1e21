/**
 * The API calls behind the REFI-QDA import dialog: read a project and show
 * its codes with the proposed mapping and what will not be carried over;
 * then make the new casefile with the mapping the analyst confirmed, save it
 * in the workspace under its title and open it.
 */
import type { ApiParsedArgs, QdpxImported, QdpxImportPreview } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/dispatch';
import { QdaFormatError } from '../../../shared/interchange/refi-qda/parse';
import { codeChoices, importedTaxonomy, projectToCasefile, type CodeTarget } from '../../../shared/interchange/refi-qda/to-casefile';
import { newId } from '../../../shared/model/ids';
import type { CasefileSessions } from '../casefile/sessions';
import { loadFastValidator } from '../casefile/fast-validate';
import { MAX_QDPX_FILE_BYTES, readQdpx } from './qdpx';
import { formatSize } from '../../../shared/articles/import-formats';

async function readUpload(upload: { name: string; dataBase64: string }) {
  const bytes = Buffer.from(upload.dataBase64, 'base64');
  if (bytes.length > MAX_QDPX_FILE_BYTES) throw new ApiError('too-large', `${upload.name} is ${formatSize(bytes.length)}; the limit for a .qdpx project is ${formatSize(MAX_QDPX_FILE_BYTES)}.`);
  try {
    return await readQdpx(bytes);
  } catch (error) {
    if (error instanceof QdaFormatError) throw new ApiError('bad-file', `${upload.name}: ${error.message}`);
    throw error;
  }
}

export function createQdpxHandlers(sessions: CasefileSessions, analystName: () => string) {
  const build = async (project: Awaited<ReturnType<typeof readUpload>>, mapping?: Map<string, CodeTarget>) =>
    projectToCasefile(project, { casefileId: newId('cf'), analyst: analystName(), now: new Date().toISOString(), mapping, fastValidate: await loadFastValidator() });
  return {
    previewQdpxImport: async ({ upload }: ApiParsedArgs<'previewQdpxImport'>): Promise<QdpxImportPreview> => {
      const project = await readUpload(upload);
      const result = await build(project);
      return {
        projectName: project.name, origin: project.origin,
        articles: result.counts.articles, claims: result.counts.claims,
        codes: codeChoices(project),
        types: importedTaxonomy(project).taxonomy.map(({ id, label, color }) => ({ id, label, color })),
        notCarried: result.notCarried,
      };
    },
    importQdpx: async ({ upload, mapping, clientId }: ApiParsedArgs<'importQdpx'>): Promise<QdpxImported> => {
      const project = await readUpload(upload);
      const result = await build(project, new Map(mapping.map((m) => [m.code, m.target])));
      const opened = await sessions.createFrom(result.casefile, clientId);
      return { opened, counts: result.counts, notCarried: result.notCarried };
    },
  };
}
