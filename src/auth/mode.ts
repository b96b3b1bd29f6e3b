/**
 * Team mode (sign-in required) is on with PostgreSQL, with ZHIZHI_AUTH=required, or whenever the server
 * listens beyond the loopback interface: an unauthenticated library is only ever reachable from this machine.
 */
export function isTeamMode(env: NodeJS.ProcessEnv = process.env, host = env.HOST || '127.0.0.1'): boolean {
  if (env.ZHIZHI_AUTH === 'required') return true;
  if (env.ZHIZHI_DATABASE_URL) return true;
  return !isLoopback(host);
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
