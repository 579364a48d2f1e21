/**
 * `corroborate team …`: the admin's side of a team server, through its
 * admin HTTP API (docs/team-sync.md): teams, analysts, tokens, roles.
 * `reset-admin-token` works offline on the data folder instead.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { resetAdminToken } from '../services/team-server/tokens';
import { oneLine } from './one-line';
import { DEFAULT_DATA_DIR, DEFAULT_PORT } from './serve';

const HELP = `Usage: corroborate team <command> [arguments] [--server URL] [--admin-token T]

Sets up a team server's teams, analysts and roles (the server must be running).

Commands:
  add-team <id> <name>                     make a team (id: lowercase letters, digits, "-")
  add-analyst <id> <name> --team <team>    add an analyst to a team; prints their token (shown once)
  new-token <analyst>                      a new token for an analyst (the old ones keep working)
  revoke <analyst>                         revoke all of an analyst's tokens; their open
                                           connections are closed
  grant <team> <casefileId> <analyst> <role>
                                           set a role on a published casefile: owner, editor, reviewer
  list                                     teams, analysts, casefiles and roles
  reset-admin-token --data DIR             make a new admin token for a data folder (offline;
                                           the old one stops working)

Options:
      --server URL         the team server (default: $CORROBORATE_SERVER or http://127.0.0.1:${DEFAULT_PORT})
      --admin-token T      the admin token (default: $CORROBORATE_ADMIN_TOKEN)
      --team TEAM          add-analyst: the analyst's team
      --data DIR           reset-admin-token: the server's data folder (default: ./${DEFAULT_DATA_DIR})
  -h, --help               show this help

Exit status: 0 done, 1 the server refused or could not be reached, 2 wrong options.
Examples:
  corroborate team add-team desk "News desk"
  corroborate team add-analyst anna "Anna Berg" --team desk
  corroborate team grant desk cf_drones ben editor
`;

export class TeamUsageError extends Error {}

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

type Values = { server?: string; 'admin-token'?: string; team?: string; data?: string };

const ARITY: Record<string, number> = { 'add-team': 2, 'add-analyst': 2, 'new-token': 1, revoke: 1, grant: 4, list: 0, 'reset-admin-token': 0 };

export async function team(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      server: { type: 'string' },
      'admin-token': { type: 'string' },
      team: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  const arity = ARITY[command];
  if (arity === undefined) throw new TeamUsageError(`Unknown team command "${command}".`);
  if (rest.length !== arity) throw new TeamUsageError(`"team ${command}" takes ${arity} argument${arity === 1 ? '' : 's'}, got ${rest.length}.`);
  if (command === 'reset-admin-token') {
    const token = await resetAdminToken(path.resolve(values.data ?? DEFAULT_DATA_DIR));
    io.stdout.write(`New admin token (shown once, keep it safe): ${token}\n`);
    return 0;
  }
  return runAdminCall(command, rest, values, io);
}

async function runAdminCall(command: string, rest: string[], values: Values, io: Io): Promise<number> {
  const admin = adminClient(values);
  const [a = '', b = '', c = '', d = ''] = rest;
  if (command === 'add-team') {
    await admin.post('/admin/teams', { id: a, name: b });
    io.stdout.write(`Added team ${a}.\n`);
  } else if (command === 'add-analyst') {
    if (!values.team) throw new TeamUsageError('add-analyst needs --team TEAM.');
    const { token } = Reply.Token.parse(await admin.post('/admin/analysts', { id: a, name: b, team: values.team }));
    io.stdout.write(`Added ${a} to team ${values.team}.\nToken for ${a} (shown once; give it to them privately): ${token}\n`);
  } else if (command === 'new-token') {
    const { token } = Reply.Token.parse(await admin.post('/admin/tokens', { analyst: a }));
    io.stdout.write(`New token for ${a} (shown once): ${token}\n`);
  } else if (command === 'revoke') {
    const { revoked } = Reply.Revoked.parse(await admin.post('/admin/revoke', { analyst: a }));
    io.stdout.write(`Revoked ${revoked} token${revoked === 1 ? '' : 's'} of ${a}; their connections are closed.\n`);
  } else if (command === 'grant') {
    await admin.post('/admin/roles', { team: a, casefileId: b, analyst: c, role: d });
    io.stdout.write(`${c} is now ${d} of ${a}/${b}.\n`);
  } else {
    io.stdout.write(listing(Reply.Listing.parse(await admin.get('/admin/list'))));
  }
  return 0;
}

const Reply = {
  Token: z.object({ token: z.string() }),
  Revoked: z.object({ revoked: z.number() }),
  Listing: z.object({
    teams: z.array(z.object({ id: z.string(), name: z.string() })),
    analysts: z.array(z.object({ id: z.string(), name: z.string(), teams: z.array(z.string()), tokens: z.number() })),
    casefiles: z.array(z.object({ team: z.string(), casefileId: z.string(), title: z.string() })),
    roles: z.array(z.object({ team: z.string(), casefileId: z.string(), analyst: z.string(), role: z.string() })),
  }),
};

function listing(list: z.infer<typeof Reply.Listing>): string {
  const lines = ['Teams:'];
  for (const t of list.teams) lines.push(`  ${t.id}\t${oneLine(t.name)}`);
  lines.push('', 'Analysts (id, name, teams, active tokens):');
  for (const a of list.analysts) lines.push(`  ${a.id}\t${oneLine(a.name)}\t${a.teams.join(',') || '—'}\t${a.tokens}`);
  lines.push('', 'Casefiles (team/id, title):');
  for (const c of list.casefiles) lines.push(`  ${c.team}/${c.casefileId}\t${oneLine(c.title)}`);
  lines.push('', 'Roles (team/casefile, analyst, role):');
  for (const r of list.roles) lines.push(`  ${r.team}/${r.casefileId}\t${r.analyst}\t${r.role}`);
  return `${lines.join('\n')}\n`;
}

/** An error the server answered with: printed as its message, exit 1. */
export class TeamServerError extends Error {}

function adminClient(values: Values) {
  const server = (values.server ?? process.env.CORROBORATE_SERVER ?? `http://127.0.0.1:${DEFAULT_PORT}`).replace(/\/+$/, '');
  const token = values['admin-token'] ?? process.env.CORROBORATE_ADMIN_TOKEN;
  if (!token) throw new TeamUsageError('Give the admin token: --admin-token T or CORROBORATE_ADMIN_TOKEN.');
  if (!/^https?:\/\//.test(server)) throw new TeamUsageError(`--server must be an http:// or https:// address (got "${server}").`);
  const send = async (method: string, route: string, body?: unknown): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${server}${route}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new TeamServerError(`cannot reach the team server at ${server} (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}).`);
    }
    const reply = (await response.json().catch(() => ({}))) as { error?: string };
    if (!response.ok) throw new TeamServerError(`the server refused (${response.status}): ${oneLine(String(reply.error ?? response.statusText))}`);
    return reply;
  };
  return { post: (route: string, body: unknown) => send('POST', route, body), get: (route: string) => send('GET', route) };
}
