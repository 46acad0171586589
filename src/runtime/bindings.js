/*
 * bindings: the small helpers a rewrite needs around variables, destructuring and calls that
 * an await splits: temporal dead zones, const assignment, object rest, ToPropertyKey, calls
 * whose function was read before an awaited argument, tagged templates, and the unmapped
 * arguments object of a sloppy function whose written parameter list is not simple.
 * Must never: read a user-changeable global after load, or write through a prototype chain
 * (object rest defines its properties, as native code does).
 * Needs: core.
 */

var BindingTypeError = global.TypeError;
var NativeReferenceError = global.ReferenceError;
var propertyIsEnumerable = NativeObject.prototype.propertyIsEnumerable;
var getOwnPropertyNames = NativeObject.getOwnPropertyNames;
var getOwnPropertySymbols = NativeObject.getOwnPropertySymbols;

// The temporal dead zone of a `let`/`const` that became a variable of the outer function.
var UNINITIALIZED = objectCreate(null);
proto.uninitialized = UNINITIALIZED;

function tdzError(name) {
  return new NativeReferenceError("Cannot access '" + name + "' before initialization");
}

proto.check = function (value, name) {
  if (value === UNINITIALIZED) throw tdzError(name);
  return value;
};
// A write before the declaration: the value is computed first, then the check throws.
proto.checkWrite = function (current, name, value) {
  if (current === UNINITIALIZED) throw tdzError(name);
  return value;
};
// A destructuring target that may be in its temporal dead zone: checked when the value is put.
proto.writeTarget = function (current, name, write) {
  var target = objectCreate(null);
  defineProperty(target, 'value', descriptor({
    set: function (value) {
      if (current === UNINITIALIZED) throw tdzError(name);
      write(value);
    }
  }));
  return target;
};
// The target of an assignment to a `const`: reading gives its value, writing throws.
proto.readOnly = function (name, value) {
  var target = objectCreate(null);
  defineProperty(target, 'value', descriptor({
    get: function () {
      return value;
    },
    set: function () {
      throw new BindingTypeError('Assignment to constant variable.');
    }
  }));
  return target;
};

// Object destructuring spelled out because a default value awaits.
proto.coercible = function (value) {
  if (value == null) throw new BindingTypeError("Cannot destructure '" + value + "' as it is " + value + '.');
};
proto.rest = function (source, excluded) {
  var result = {};
  var from = NativeObject(source);
  var keys = getOwnPropertyNames(from);
  var symbols = getOwnPropertySymbols ? getOwnPropertySymbols(from) : [];
  var count = keys.length + symbols.length;
  outer: for (var i = 0; i < count; i++) {
    var key = i < keys.length ? keys[i] : symbols[i - keys.length];
    for (var e = 0; e < excluded.length; e++) if (excluded[e] === key) continue outer;
    if (callFunction(propertyIsEnumerable, from, key)) {
      defineProperty(result, key, elementDescriptor(from[key]));
    }
  }
  return result;
};

// A call whose function was read before an await in its arguments: `o.m(await x)` becomes
// s.call(_m, o, "o.m is not a function", [x]). Checks callability after the arguments, as the
// call does, and fails with the message the original call would have given.
proto.call = function (fn, thisValue, message, args) {
  if (typeof fn !== 'function') throw new BindingTypeError(message);
  return applyFunction(fn, thisValue, args);
};
// `obj.tag\`...${await x}\``: the method read before the await, called with this = obj.
proto.bindTag = function (method, receiver) {
  return function () {
    return applyFunction(method, receiver, arguments);
  };
};

// ToPropertyKey, for a computed key that must be converted before an await (s.key), or once
// where a method's computed key is written (asyncMachine.propertyKey: the method is then found
// by the converted key, see markMethod).
function toPropertyKey(key) {
  var holder = objectCreate(null);
  holder[key] = 0;
  var names = getOwnPropertyNames(holder);
  return names.length > 0 ? names[0] : getOwnPropertySymbols(holder)[0];
}
proto.key = toPropertyKey;
asyncMachine.propertyKey = toPropertyKey;

// unmapped(args): a copy of a sloppy function's arguments object that is not linked to its
// parameters, for a function whose written parameter list is not simple (natively its arguments
// object is unmapped) but whose ES5 wrapper's list is: a strict function's own arguments object.
function strictArguments() {
  return arguments;
}
asyncMachine.unmapped = function (args) {
  return applyFunction(strictArguments, undefined, args);
};

