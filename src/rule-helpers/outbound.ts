import type { OperationEntry } from '../document-index/index.js';
import { describeOperation } from '../rule-kit.js';

/** How messages name a callback or webhook: `Callback "onPaid" (POST {$request.body#/url}) of Operation POST /payments`, `Webhook "petAdded" (POST)`. */
export function describeOutbound(op: OperationEntry): string {
  const method = op.method.toUpperCase();
  if (op.kind === 'webhook') return `Webhook "${op.pathKey}" (${method})`;
  const callback = op.callback;
  const parent = callback?.parent ? ` of ${describeOperation(callback.parent)}` : '';
  return `Callback "${callback?.name ?? ''}" (${method} ${op.pathKey})${parent}`;
}
