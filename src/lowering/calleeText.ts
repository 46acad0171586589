/*
 * calleeText: how V8 names a callee in "X is not a function" (its call printer), rebuilt from the
 * source AST, so that a call whose function had to be read into a temporary before an await
 * (`o.m(await x)` → `state.call(_m, o, "o.m", [...])`) fails with the message the original call
 * would have given. Covers the shapes V8 prints by name; anything else is "(intermediate value)",
 * as V8 prints it.
 * Must never: evaluate or change the AST; it only reads it.
 */
import type * as BT from '@babel/types';

const INTERMEDIATE = '(intermediate value)';

/** V8's rendering of a computed key: string keys as `.key`, other literals and names in brackets. */
function keyText(key: BT.Node): string {
  switch (key.type) {
    case 'StringLiteral':
      return '.' + key.value;
    case 'TemplateLiteral':
      return key.expressions.length === 0 ? '.' + (key.quasis[0].value.cooked ?? key.quasis[0].value.raw) : '[' + INTERMEDIATE + ']';
    case 'NumericLiteral':
      return '[' + String(key.value) + ']';
    case 'NullLiteral':
      return '[null]';
    case 'BooleanLiteral':
      return '[' + String(key.value) + ']';
    case 'UnaryExpression':
      if (key.operator === '-' && key.argument.type === 'NumericLiteral') return '[-' + String(key.argument.value) + ']';
      return '[' + expressionText(key) + ']';
    default:
      return '[' + expressionText(key) + ']';
  }
}

function expressionText(node: BT.Node): string {
  switch (node.type) {
    case 'Identifier':
      return node.name;
    case 'ThisExpression':
      return 'this';
    case 'StringLiteral':
      return JSON.stringify(node.value);
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return String(node.value);
    case 'NullLiteral':
      return 'null';
    case 'SequenceExpression':
      return '(' + node.expressions.map(expressionText).join(' , ') + ')';
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const object = node.object.type === 'Super' ? INTERMEDIATE : expressionText(node.object);
      const link = node.type === 'OptionalMemberExpression' && node.optional ? '?.' : '.';
      if (node.property.type === 'PrivateName') return object + '[#' + node.property.id.name + ']';
      if (!node.computed && node.property.type === 'Identifier') return object + link + node.property.name;
      const key = keyText(node.property);
      return link === '?.' ? object + '?.' + (key.charAt(0) === '.' ? key.slice(1) : key) : object + key;
    }
    case 'CallExpression':
    case 'OptionalCallExpression':
      return node.callee.type === 'Super' || node.callee.type === 'Import' ? INTERMEDIATE : expressionText(node.callee) + '(...)';
    case 'ParenthesizedExpression':
      return expressionText(node.expression);
    default:
      return INTERMEDIATE;
  }
}

/** The text V8 puts before " is not a function" for a call of `callee`. */
export function calleeText(callee: BT.Node): string {
  return expressionText(callee);
}
