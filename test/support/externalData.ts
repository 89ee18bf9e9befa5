// How a test suite gets the data that lives outside the repository (the
// Compose corpus, the Compose JSON schema; scripts/external-data.mjs says
// where they are looked for):
//
//   withExternalData('corpus: diagnostics', ['corpus'], ({ corpus }) => {
//     before(...); test(...);   // declared only when the corpus is there
//   });
//
// When an input is missing the suite's tests are not declared; instead one
// test named after the suite is skipped, saying what is missing and how to
// get it, so `npm test` passes on a clone alone. Under CI=true (or when a
// DOCKHAND_* variable names nothing usable) that test fails with the same
// sentence instead: CI must run every tier.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locate, type ExternalInput } from '../../scripts/external-data.mjs';

export type { ExternalInput };
export type ExternalData<N extends ExternalInput> = { readonly [K in N]: string };

export function withExternalData<N extends ExternalInput>(suite: string, needs: readonly N[], define: (data: ExternalData<N>) => void): void {
  const found: Partial<Record<N, string>> = {};
  const missing: string[] = [];
  let badVariable = false;
  for (const name of needs) {
    const where = locate(name);
    if (where.path !== undefined) found[name] = where.path;
    else {
      missing.push(where.missing);
      badVariable ||= where.badVariable;
    }
  }
  if (missing.length === 0) {
    define(found as ExternalData<N>);
    return;
  }
  const why = missing.join(' ');
  if (process.env.CI === 'true' || badVariable) {
    test(suite, () => assert.fail(`${suite} cannot run: ${why}${badVariable ? '' : ' (CI=true: a tier without its data fails.)'}`));
  } else {
    test(suite, { skip: why }, () => {});
  }
}

