/*
 * assumptions: reads the Babel compiler assumptions (the top-level `assumptions` option, Babel
 * 7.13+ and 8, through `api.assumption(name)`) that change what this plugin emits.
 *   ignoreFunctionLength  a wrapper whose parameter list is not simple keeps one placeholder per
 *                         parameter instead of a rest array or `arguments` reads that keep its
 *                         `length` (only where the function never names `arguments`)
 *   iterableIsArray       a for-of loop and an array destructuring pattern that await walk the
 *                         value by index (`v[i]`, `v.length`, `v.slice(i)`), as Babel's own
 *                         for-of and destructuring transforms do, with no iterator and no region;
 *                         a spread before an await is copied into a plain array (no runtime wrapper)
 *   noDocumentAll         `?.` and `??` split by an await test `x == null`; without it they test
 *                         `x === null || x === void 0`, as natively, where `document.all` (an
 *                         object that `== null` calls nullish) is not nullish
 * Every other assumption leaves the output unchanged (see the README's "Assumptions").
 * Must never: read an assumption Babel did not pass (a Babel without `api.assumption` gets
 * none), or turn an assumption on that the user did not set to true.
 */

export interface Assumptions {
  ignoreFunctionLength: boolean;
  iterableIsArray: boolean;
  noDocumentAll: boolean;
}

export const NO_ASSUMPTIONS: Assumptions = Object.freeze({ ignoreFunctionLength: false, iterableIsArray: false, noDocumentAll: false });

/** The part of Babel's plugin API that gives assumptions (7.13+ and 8; absent before). */
export interface AssumptionApi {
  assumption?: (name: string) => boolean | undefined;
}

export function readAssumptions(api: AssumptionApi): Assumptions {
  if (typeof api.assumption !== 'function') return NO_ASSUMPTIONS;
  // (Babel records each name read here in the plugin's cache key, so every name is read every time)
  const ignoreFunctionLength = api.assumption('ignoreFunctionLength') === true;
  const iterableIsArray = api.assumption('iterableIsArray') === true;
  const noDocumentAll = api.assumption('noDocumentAll') === true;
  if (!ignoreFunctionLength && !iterableIsArray && !noDocumentAll) return NO_ASSUMPTIONS;
  return { ignoreFunctionLength, iterableIsArray, noDocumentAll };
}
