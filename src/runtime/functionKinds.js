/*
 * functionKinds: the intrinsics a native async function reaches through its [[Prototype]], and
 * mark(fn), which gives a rewritten async function (declaration, expression, arrow, method
 * made from one) that [[Prototype]] where it is created:
 *   %AsyncFunction.prototype%  an ordinary object inheriting from Function.prototype, with
 *                              `constructor` %AsyncFunction% and Symbol.toStringTag
 *                              "AsyncFunction" (both non-writable, configurable)
 *   %AsyncFunction%            named "AsyncFunction", length 1, [[Prototype]] %Function%, a
 *                              non-writable, non-configurable `prototype`. Natively it compiles
 *                              its string arguments; the runtime compiles nothing, so it throws.
 * The async generator intrinsics are made the same way (helpers below) in asyncGenerators.js.
 * Where Object.setPrototypeOf is missing (ES5 engines), the __proto__ setter of
 * Object.prototype captured at load is used; where neither exists, functions keep
 * Function.prototype (the README says so).
 * Must never: use syntax beyond ES5, define a global, keep state a user can change, or read
 * anything of the user's after load.
 */

var nativeSetPrototypeOf = NativeObject.setPrototypeOf;
var protoDescriptor = getOwnPropertyDescriptor(NativeObject.prototype, '__proto__');
var protoSetter = protoDescriptor !== undefined && typeof protoDescriptor.set === 'function' ? protoDescriptor.set : undefined;
var FunctionKindTypeError = global.TypeError;

// [[Prototype]] of `object` set to `prototype` (nothing where the engine cannot)
var setPrototype = typeof nativeSetPrototypeOf === 'function'
  ? function (object, prototype) { nativeSetPrototypeOf(object, prototype); }
  : protoSetter !== undefined
    ? function (object, prototype) { callFunction(protoSetter, object, prototype); }
    : function () {};

// (a descriptor of its own fields only: a getter on Object.prototype must not add `get`)
function defineHidden(object, key, value, writable, configurable) {
  var fields = objectCreate(null);
  fields.value = value;
  fields.writable = writable;
  fields.enumerable = false;
  fields.configurable = configurable;
  defineProperty(object, key, fields);
}

// `name` and `length` are configurable since ES2015 (an ES5 engine may refuse: then it keeps
// the ones the function was written with)
function defineNameAndLength(fn, name, length) {
  try {
    defineHidden(fn, 'name', name, false, true);
    defineHidden(fn, 'length', length, false, true);
  } catch (ignored) {
    // an ES5 engine: not configurable
  }
}

// %AsyncFunction.prototype% (or %AsyncGeneratorFunction.prototype%) and its constructor.
// `instancesPrototype`: the own `prototype` of %AsyncGeneratorFunction.prototype%, defined
// before `constructor` as natively (Reflect.ownKeys shows the order).
function functionKind(constructorName, tag, constructor, instancesPrototype) {
  var prototype = objectCreate(functionPrototype);
  defineNameAndLength(constructor, constructorName, 1);
  setPrototype(constructor, NativeFunction);
  defineHidden(constructor, 'prototype', prototype, false, false);
  if (instancesPrototype !== undefined) defineHidden(prototype, 'prototype', instancesPrototype, false, true);
  defineHidden(prototype, 'constructor', constructor, false, true);
  if (hasSymbols && NativeSymbol.toStringTag) defineHidden(prototype, NativeSymbol.toStringTag, tag, false, true);
  return prototype;
}

var asyncFunctionPrototype = functionKind('AsyncFunction', 'AsyncFunction', function (body) {
  throw new FunctionKindTypeError('AsyncFunction: the rewritten program cannot compile code from strings; write an async function instead');
});

// mark(fn): fn is a rewritten async function, just created.
function markAsyncFunction(fn) {
  setPrototype(fn, asyncFunctionPrototype);
  return fn;
}

// ES5 output: a rewritten async function is an ordinary function, constructible and with a
// `prototype` that cannot be deleted. markFunction(fn) makes that `prototype` one shared,
// frozen, null-prototype object, so that `new fn()` creates an object inheriting from it,
// which the function's first statement recognises (constructing(this)) to throw the TypeError
// native code throws. (`prototype` undefined instead would make `x instanceof fn` throw as
// natively, but `new fn()` could no longer be told from a call.)
var constructGuard = objectCreate(null);
NativeObject.freeze(constructGuard);
function markFunction(fn) {
  setPrototype(fn, asyncFunctionPrototype);
  fn.prototype = constructGuard;
  return fn;
}
// (A sloppy-mode call's `this` is most often the global object, which `new` never makes:
// answered before its prototype is read.)
function constructing(self) {
  return self !== global && isObject(self) && getPrototypeOf(self) === constructGuard;
}

// An async method written as a method (in a class: the class defines it on `holder`, its
// prototype or itself): its function, read as an own data property of that ordinary object
// (nothing a program can see), unless a later element of the class took the same key (those
// whose key is only known at run time come after `key`: a replaced method is left alone).
function ownMethod(holder, key, args) {
  for (var i = 2; i < args.length; i++) if (args[i] === key) return undefined;
  var found = getOwnPropertyDescriptor(holder, key);
  return found !== undefined && typeof found.value === 'function' ? found.value : undefined;
}
function markMethod(holder, key) {
  var fn = ownMethod(holder, key, arguments);
  if (fn !== undefined) setPrototype(fn, asyncFunctionPrototype);
}

asyncMachine.mark = markAsyncFunction;
asyncMachine.markMethod = markMethod;
asyncMachine.markFunction = markFunction;
asyncMachine.constructing = constructing;
