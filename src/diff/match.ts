import type { DocumentIndex, OperationEntry } from '../document-index/index.js';

/** An operation of NEW and the same operation in OLD. */
export interface OperationPair {
  old: OperationEntry;
  new: OperationEntry;
}

/**
 * Pairs each operation of NEW with the same operation of OLD, so a renamed path or a moved
 * component does not read as one operation removed and another added: by operationId where both
 * have one, then by method and path template with parameter names left out (`/users/{id}` is
 * `/users/{userId}`). Operations only one side has are not paired.
 */
export function matchOperations(old: DocumentIndex, current: DocumentIndex): OperationPair[] {
  const unpaired = new Set(old.operations);
  const byId = new Map<string, OperationEntry>();
  for (const op of old.operations) {
    const id = operationIdOf(op);
    if (id !== undefined && !byId.has(id)) byId.set(id, op);
  }
  const pairs: OperationPair[] = [];
  const rest: OperationEntry[] = [];
  for (const op of current.operations) {
    const id = operationIdOf(op);
    const match = id === undefined ? undefined : byId.get(id);
    if (match !== undefined && unpaired.has(match)) {
      unpaired.delete(match);
      pairs.push({ old: match, new: op });
    } else rest.push(op);
  }
  const byShape = new Map<string, OperationEntry>();
  for (const op of unpaired) if (!byShape.has(shapeOf(op))) byShape.set(shapeOf(op), op);
  for (const op of rest) {
    const match = byShape.get(shapeOf(op));
    if (match === undefined || !unpaired.has(match)) continue;
    unpaired.delete(match);
    pairs.push({ old: match, new: op });
  }
  return pairs;
}

const operationIdOf = (op: OperationEntry): string | undefined =>
  typeof op.operation.operationId === 'string' && op.operation.operationId !== '' ? op.operation.operationId : undefined;

/** `GET /users/{}`: the method and the path template with its parameter names left out. */
const shapeOf = (op: OperationEntry): string => `${op.method} ${op.pathKey.replace(/\{[^}]*\}/g, '{}')}`;
