/*
 * discardRequeues: runs a lowering step inside Babel's main traversal without letting the
 * traversal revisit the intermediate paths the step created and threw away. Lowering rewrites a
 * function in many small replaceWith/insert steps; each one queues its paths into the traversal
 * contexts above, and Babel would later visit those (by then detached, with stale scopes): a
 * plugin such as block-scoping then renames bindings in code that is no longer in the tree, and
 * the references left in the real tree break. The function's final body is still visited
 * normally, since the traversal descends into it after the Function visitor returns.
 * Must never: drop a path that was queued before the step began, or change the tree.
 */
import type { NodePath } from '@babel/traverse';

/** The part of Babel's TraversalContext (7 and 8) that holds paths waiting to be visited. */
interface QueueHolder {
  queue?: unknown[] | null;
  priorityQueue?: unknown[] | null;
}

/** Runs `step`; afterwards every queue of the contexts above `path` is as long as it was before. */
export function discardRequeues<T>(path: NodePath, step: () => T): T {
  const saved: { holder: QueueHolder; queue: number; priority: number }[] = [];
  const seen = new Set<QueueHolder>();
  for (let current: NodePath | null = path; current; current = current.parentPath) {
    // (`contexts` is not in Babel's public types: it is the stack of contexts visiting this path)
    const contexts = (current as unknown as { contexts?: QueueHolder[] }).contexts ?? [];
    for (const holder of contexts) {
      if (seen.has(holder)) continue;
      seen.add(holder);
      saved.push({ holder, queue: holder.queue?.length ?? -1, priority: holder.priorityQueue?.length ?? -1 });
    }
  }
  const result = step();
  for (const { holder, queue, priority } of saved) {
    if (holder.queue && queue >= 0 && holder.queue.length > queue) holder.queue.length = queue;
    if (holder.priorityQueue && priority >= 0 && holder.priorityQueue.length > priority) holder.priorityQueue.length = priority;
  }
  return result;
}
