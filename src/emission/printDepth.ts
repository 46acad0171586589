/*
 * printDepth: refuses, with a code frame, a rewritten program nested too deeply for Babel's
 * recursive traversal and code generator to get through on this stack. Each lowered function
 * nests its step function and runtime call inside it, so 200 nested async arrows (which Babel
 * itself parses and prints) came out several times deeper and crashed the generator with a bare
 * RangeError after the plugin had finished.
 * Must never: change the tree, recurse (the tree is walked with an explicit stack), or refuse a
 * program the stack can print.
 */
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';
import type { Types } from '../lowering/emitter';

/**
 * Stack frames of a trivial recursive function that Babel's traverse + generator use per level
 * of nesting (Node 20, Babel 7.29, measured by printing ever deeper trees of one node type):
 * 14.7 for nested calls, 11 for arrays and arrow bodies, 6 to 7 for member, binary, sequence
 * and conditional chains; 200 nested async arrows rewritten (calls and arrows alternating) used
 * 12.6. Calls count 15, every other node 12, and a tenth of the stack is kept in reserve.
 */
const FRAMES_PER_CALL = 15;
const FRAMES_PER_NODE = 12;
const RESERVE = 0.9;

function framesFor(node: BT.Node): number {
  return node.type === 'CallExpression' || node.type === 'NewExpression' || node.type === 'OptionalCallExpression' ? FRAMES_PER_CALL : FRAMES_PER_NODE;
}

/** How many more frames of a trivial function fit on the stack from here. */
function remainingFrames(): number {
  let depth = 0;
  const descend = (): void => {
    depth++;
    descend();
  };
  try {
    descend();
  } catch {
    // the RangeError is the measurement
  }
  return depth;
}

interface Deepest {
  /** nodes on the path to the deepest point */
  depth: number;
  /** the frames that path needs */
  frames: number;
  /** the innermost node with a source location around the deepest point */
  located: BT.Node | null;
}

function deepestPoint(t: Types, root: BT.Node): Deepest {
  interface Entry { node: BT.Node; depth: number; frames: number; located: BT.Node | null }
  const stack: Entry[] = [{ node: root, depth: 1, frames: framesFor(root), located: null }];
  const deepest: Deepest = { depth: 0, frames: 0, located: null };
  while (stack.length > 0) {
    const { node, depth, frames: above, located } = stack.pop() as Entry;
    const here = node.loc ? node : located;
    if (above > deepest.frames) {
      deepest.depth = depth;
      deepest.frames = above;
      deepest.located = here;
    }
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof (item as BT.Node).type === 'string') stack.push({ node: item as BT.Node, depth: depth + 1, frames: above + framesFor(item as BT.Node), located: here });
      } else if (child && typeof (child as BT.Node).type === 'string') {
        stack.push({ node: child as BT.Node, depth: depth + 1, frames: above + framesFor(child as BT.Node), located: here });
      }
    }
  }
  return deepest;
}

export function assertPrintable(t: Types, program: NodePath<BT.Program>): void {
  const deepest = deepestPoint(t, program.node);
  const available = remainingFrames() * RESERVE;
  if (deepest.frames <= available) return;
  const message = `babel-plugin-async-state-machine: the rewritten program would be nested ${deepest.depth} levels deep, more than Babel's code generator can print on this stack (about ${Math.floor((available / deepest.frames) * deepest.depth)} here): each rewritten async function nests a step function and a runtime call inside it. Flatten the nesting around here (fewer async functions nested in one another), or give Node a larger stack (node --stack-size=...).`;
  const node = deepest.located ?? program.node;
  throw program.hub.buildError(node, message, RangeError);
}
