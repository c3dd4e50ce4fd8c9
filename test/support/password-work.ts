/**
 * Watches the scrypt derivations the code under test starts, so a test can say "an unknown email costs the same
 * password work as a wrong password" by counting work instead of timing it (timings on a busy CI box are noise).
 * The real derivation still runs; only the calls are recorded.
 */
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { mock } from 'node:test';

export interface PasswordWork {
  /** The scrypt cost parameters ({N, r, p}) of each derivation since the last call. */
  take(): string[];
  stop(): void;
}

export function watchPasswordWork(): PasswordWork {
  const spy = mock.method(crypto, 'scrypt');
  // Modules that imported { scrypt } see the spy only once the named exports are re-synced.
  syncBuiltinESMExports();
  let seen = 0;
  return {
    take() {
      const calls = spy.mock.calls.slice(seen);
      seen = spy.mock.calls.length;
      return calls.map((call) => {
        const { N, r, p } = call.arguments[3] as crypto.ScryptOptions;
        return `N=${N} r=${r} p=${p}`;
      });
    },
    stop() {
      spy.mock.restore();
      syncBuiltinESMExports();
    },
  };
}
