/*
 * freshNames: hands out Babel-style unique names (`_e`, `_e2`, ... in generateUid's order) for
 * the bindings of one async function, in time independent of how deeply the binding is nested:
 * Scope#generateUid walks every enclosing scope for every candidate suffix, counting from the
 * first one each call, which made 400 nested `try`/`catch (e)` cubic.
 * Must never: return a name that the function mentions, that an enclosing scope binds, that is
 * a global or a uid Babel already handed out, or forget to register the names it returns.
 */
import type * as BT from '@babel/types';
import type { NodePath, Scope } from '@babel/traverse';
import type { Types } from './emitter';

/** The candidate for attempt `i`, in Scope#generateUid's order (`_x`, `_x2` ... `_x9`, `_x0`, `_x1`, `_x10` ...). */
function candidate(base: string, i: number): string {
  let uid = `_${base}`;
  if (i >= 11) uid += i - 1;
  else if (i >= 9) uid += i - 9;
  else if (i >= 1) uid += i + 1;
  return uid;
}

/** Babel 7 keeps uids and references in objects, Babel 8 in Sets; registers `name` in both shapes. */
function register(program: Scope, name: string): void {
  // (not in the public typings: the same bookkeeping Scope#generateUid does)
  const scope = program as unknown as { uidsSet?: Set<string>; referencesSet?: Set<string>; uids?: Record<string, boolean>; references?: Record<string, boolean> };
  if (scope.uidsSet instanceof Set) {
    scope.uidsSet.add(name);
    if (scope.referencesSet instanceof Set) scope.referencesSet.add(name);
    return;
  }
  if (scope.uids) scope.uids[name] = true;
  if (scope.references) scope.references[name] = true;
}

export class FreshNames {
  private used: Set<string> | null = null;
  private readonly nextAttempt = new Map<string, number>();

  constructor(private readonly t: Types, private readonly functionPath: NodePath<BT.Function>) {}

  fresh(hint: string): string {
    const t = this.t;
    if (!this.used) {
      const used = new Set<string>();
      t.traverseFast(this.functionPath.node, (node) => {
        if (node.type === 'Identifier') used.add(node.name);
      });
      this.used = used;
    }
    const base = t.toIdentifier(hint).replace(/^_+/, '').replace(/\d+$/g, '');
    const scope = this.functionPath.scope;
    // names only ever get taken, so the attempts made for this base before stay refused
    let i = this.nextAttempt.get(base) ?? 0;
    let name = candidate(base, i);
    while (this.used.has(name) || scope.hasLabel(name) || scope.hasBinding(name) || scope.hasGlobal(name) || scope.hasReference(name)) name = candidate(base, ++i);
    this.nextAttempt.set(base, i + 1);
    this.used.add(name);
    register(scope.getProgramParent(), name);
    return name;
  }
}
