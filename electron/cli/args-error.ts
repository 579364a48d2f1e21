/**
 * Node's parseArgs errors in one sentence each, for the command line and for
 * `npm run web`: its own messages leave a quote unclosed ("Unknown option
 * '--x'. To specify a positional argument … '-- "--x"").
 */
export function argsErrorMessage(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (!(error instanceof Error) || typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return null;
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option "${quoted}".`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Unexpected argument "${quoted}".`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const long = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
    return /argument missing/.test(error.message) ? `${long} needs a value.` : `${long} does not take a value.`;
  }
  return error.message;
}
