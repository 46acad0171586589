/*
 * jsxAwait.test: `await` inside JSX (attributes, children, nested elements and fragments,
 * member-expression tags) is rewritten, and the program run after the React JSX transform
 * logs the same events at the same ticks as the native program through the same transform.
 * Must never: compare against a typed log, or run the two sides through different presets.
 */
import { compareWithNative } from './support/nativeCompare';

const FACTORY = `var React = { Fragment: 'Fragment', createElement: function (type, props) {
  var children = Array.prototype.slice.call(arguments, 2);
  log('create', typeof type === 'string' ? type : type.name, JSON.stringify(props), children.length);
  return { type: type, props: props, children: children };
} };`;

const programs: Record<string, string> = {
  'a child': `async function f() { return <p>{await g()}</p>; }
function g() { log('g'); return 1; }
f().then((r) => log('done', r.children[0]));
Promise.resolve().then(() => log('tick'));`,
  'attributes and children in order, nested elements created before a later await': `function v(n, x) { log('eval', n); return x; }
function Comp() {}
const ns = { Item: function Item() {} };
async function f() {
  const x = <p id={v('id', 1)} {...v('spread', { a: 1 })} title={await v('title', 't')}>
    text {v('c1', 1)} <b>{v('b', 2)}</b> {await v('c2', 3)} <Comp k={await v('k', 4)} /> <ns.Item>{await v('n', 5)}</ns.Item>
    <>{v('frag', 6)}{await v('frag2', 7)}</>
  </p>;
  log(x.children.length);
}
f();
Promise.resolve().then(() => log('tick 1')).then(() => log('tick 2')).then(() => log('tick 3'));`,
  'a component replaced during the await is the one read before it': `let Comp = function First() {};
async function f() { const e = <Comp a={await 1} />; log(e.type.name); }
f();
Comp = function Second() {};`,
  'an element as an attribute value': `async function f() { const e = <p a={<b>{await 2}</b>} c={await 3} />; log(e.props.c); }
f();`,
};

describe('await inside JSX (preset-react)', () => {
  test.each(Object.entries(programs))('%s', async (_name, program) => {
    const result = await compareWithNative(program, { presets: ['@babel/preset-react'], prelude: FACTORY });
    if (result.status === 'transform-error') throw result.error;
    if (result.status === 'native-failed') throw new Error(`the native run failed: ${result.native.failure}`);
    if (result.status === 'different') throw new Error(`${result.difference}\n\n${result.rewritten}`);
    expect(result.native.events.length).toBeGreaterThan(1);
  });
});
