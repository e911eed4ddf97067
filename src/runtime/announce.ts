/**
 * Prints a newly generated administrator key, once, on stderr (stdout carries the JSON logs).
 * This is the only time the key exists outside the caller's hands: only its hash is stored.
 */
export function announceAdministratorKey(key: string): void {
  process.stderr.write(
    '\n' +
      '  Outcome Ledger: first start. Platform administrator API key (shown once, store it now):\n\n' +
      `    ${key}\n\n` +
      '  Use it as "Authorization: Bearer <key>" to register organisations and issue their keys.\n' +
      '  Lost it? Start with ADMIN_API_KEY=<a new secret of 32+ characters> to add another.\n\n',
  );
}
