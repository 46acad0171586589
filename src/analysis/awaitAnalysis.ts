/*
 * awaitAnalysis: answers "does this subtree suspend?" (contains an `await` of the function
 * being lowered, not of a nested function), memoised per node.
 * Must never: change the AST, or import Babel (the visitor keys come from the plugin's `api.types`).
 */
import type * as BT from '@babel/types';

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod',
]);

export class AwaitAnalysis {
  private readonly memo = new WeakMap<BT.Node, boolean>();

  /**
   * @param returnSuspends in an async generator `return v` awaits v before leaving any
   *   construct, so it suspends like an await (a bare `return;` does not)
   */
  constructor(
    private readonly visitorKeys: Record<string, readonly string[] | undefined>,
    private readonly returnSuspends = false,
  ) {}

  /** The analysis for an async generator's body (same visitor keys, `return v` suspends). */
  forAsyncGenerator(): AwaitAnalysis {
    return new AwaitAnalysis(this.visitorKeys, true);
  }

  containsAwait(node: BT.Node | null | undefined): boolean {
    if (!node) return false;
    const known = this.memo.get(node);
    if (known !== undefined) return known;
    let result = false;
    // (a `yield` of an async generator suspends the same way)
    if (node.type === 'AwaitExpression' || node.type === 'YieldExpression') result = true;
    else if (node.type === 'ForOfStatement' && node.await) result = true;
    else if (this.returnSuspends && node.type === 'ReturnStatement' && node.argument) result = true;
    else if (FUNCTION_TYPES.has(node.type)) result = false;
    else if (node.type === 'ClassProperty' || node.type === 'ClassPrivateProperty' || node.type === 'ClassAccessorProperty') {
      // a field initialiser is its own function; only a computed key belongs to us
      result = (node as BT.ClassProperty).computed && this.containsAwait((node as BT.ClassProperty).key);
    } else if (node.type === 'StaticBlock') result = false;
    else {
      const keys = this.visitorKeys[node.type] ?? [];
      for (const key of keys) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (const item of child) if (item && typeof item === 'object' && this.containsAwait(item as BT.Node)) { result = true; break; }
        } else if (child && typeof child === 'object' && this.containsAwait(child as BT.Node)) result = true;
        if (result) break;
      }
    }
    // Methods and functions: their computed keys are evaluated outside their body.
    if (!result && (node.type === 'ObjectMethod' || node.type === 'ClassMethod' || node.type === 'ClassPrivateMethod')) {
      const method = node as BT.ObjectMethod;
      if (method.computed) result = this.containsAwait(method.key);
    }
    this.memo.set(node, result);
    return result;
  }
}
