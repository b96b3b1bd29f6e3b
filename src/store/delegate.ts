import type { AuthStore } from './store.js';

const AUTH_METHODS: (keyof AuthStore)[] = [
  'createUser', 'getUser', 'findUserByName', 'listUsers', 'updateUser', 'countUsers', 'createSession', 'getSession', 'deleteSession',
  'createApiToken', 'findApiToken', 'listApiTokens', 'revokeApiToken', 'touchApiToken', 'countLoginFailure', 'loginFailures',
  'clearLoginFailures', 'appendAudit', 'listAudit',
];

/** Gives a store the AuthStore methods of a helper object, keeping the store class itself short. */
export function delegateAuth(target: object, auth: AuthStore): void {
  for (const m of AUTH_METHODS) Object.defineProperty(target, m, { value: (auth[m] as (...a: unknown[]) => unknown).bind(auth), enumerable: false });
}
