/*
 * iteration: for-of loops and array destructuring spelled out because they contain an await.
 *   record = s.iterate(iterable, source)   GetIterator once (source: V8's name for the operand)
 *   s.nextValue(record, head)             IteratorStep + IteratorValue; opens the loop's region
 *   s.enterPattern / patternStep / patternRest / exitPattern   array destructuring
 *   copy = s.spread([...a])               `[...a, await b]`: a spread iterated before an await,
 *                                         spread again after it without running user code
 * Leaving a loop abruptly closes its iterator (IteratorClose), except for a `continue` of
 * that very loop (a jump to its head).
 * Must never: call a method through a user-patchable Function.prototype.call, write through
 * a prototype chain ([[Set]] on an array index or a missing field), or close an iterator twice.
 * Needs: core.
 */

var NativeTypeError = global.TypeError;
var NativeString = global.String;
var stringSlice = NativeString.prototype.slice;
var iteratorSymbol = hasSymbols ? NativeSymbol.iterator : undefined;

function notAnObjectError(result) {
  return new NativeTypeError('Iterator result ' + NativeString(result) + ' is not an object');
}

// A for-of iteration in progress, or a destructuring pattern's (its iterator is closed only
// if not exhausted).
function IterationRegion(iterator, headLabel, pattern) {
  this.outer = null;
  this.iterator = iterator;
  this.headLabel = headLabel;
  this.pattern = pattern;
}
IterationRegion.prototype = objectCreate(null);

IterationRegion.prototype.leave = function (machine, kind, value) {
  machine._region = this.outer;
  if (!(kind === COMPLETE_GOTO && value === this.headLabel)) {
    try {
      this.close();
    } catch (error) {
      return machine._throw(error);
    }
  }
  return CONTINUE_UNWINDING;
};

IterationRegion.prototype.raise = function (machine) {
  machine._region = this.outer;
  try {
    this.close();
  } catch (ignored) {
    // IteratorClose with a throw completion keeps the original error.
  }
  return CONTINUE_UNWINDING;
};

IterationRegion.prototype.close = function () {
  if (this.pattern !== null && this.pattern.done) return;
  closeIterator(this.iterator);
};

function closeIterator(iterator) {
  var returnMethod = iterator['return'];
  if (returnMethod === undefined || returnMethod === null) return;
  var result = callFunction(returnMethod, iterator);
  if (!isObject(result)) throw notAnObjectError(result);
}

function iteratorRecord(iterator) {
  return { iterator: iterator, next: iterator.next, value: undefined, done: false };
}

proto.iterate = function (iterable, source) {
  var method = iterable == null ? undefined : iteratorSymbol ? iterable[iteratorSymbol] : undefined;
  return iteratorFromMethod(iterable, method, source);
};
// GetIteratorFromMethod: the caller read the method, once.
function iteratorFromMethod(iterable, method, source) {
  var iterator;
  if (method === undefined && !iteratorSymbol && iterable != null && typeof iterable.length === 'number') {
    iterator = arrayLikeIterator(iterable);
  } else {
    if (typeof method !== 'function') throw new NativeTypeError(notIterableMessage(iterable, source));
    iterator = callFunction(method, iterable);
    if (!isObject(iterator)) throw new NativeTypeError('Result of the Symbol.iterator method is not an object');
  }
  return iteratorRecord(iterator);
}
// for (x of o.m(args)) where o.m may not be a function: the plugin evaluated o.m, o and the
// arguments in order; the call is made here so that a non-function fails as V8 reports it there.
proto.iterateCall = function (fn, thisValue, args, source) {
  if (typeof fn !== 'function') throw new NativeTypeError(notIterableMessage(undefined, source));
  return this.iterate(applyFunction(fn, thisValue, args), source);
};
// IteratorStep + IteratorValue; on a value, opens the iteration region and returns true.
proto.nextValue = function (record, headLabel) {
  var result = callFunction(record.next, record.iterator);
  if (!isObject(result)) throw notAnObjectError(result);
  if (result.done) return false;
  record.value = result.value;
  pushRegion(this, new IterationRegion(record.iterator, headLabel, null));
  return true;
};

// Array destructuring spelled out because a default value awaits:
//   it = s.iterate(value); s.enterPattern(it); v = s.patternStep(it); ...; s.exitPattern(it)
proto.enterPattern = function (record) {
  record.done = false;
  pushRegion(this, new IterationRegion(record.iterator, -1, record));
};
// IteratorStepValue, or undefined once the iterator is done (an error marks it done).
proto.patternStep = function (record) {
  if (record.done) return undefined;
  var result;
  try {
    result = callFunction(record.next, record.iterator);
    if (!isObject(result)) throw notAnObjectError(result);
    if (result.done) {
      record.done = true;
      return undefined;
    }
    return result.value;
  } catch (error) {
    record.done = true;
    throw error;
  }
};
proto.patternRest = function (record) {
  var rest = [];
  for (var length = 0; ; length++) {
    var value = this.patternStep(record);
    if (record.done) return rest;
    // CreateDataProperty, as the native rest element does (no setter on Array.prototype runs)
    defineProperty(rest, length, elementDescriptor(value));
  }
};
// The pattern is complete: close the iterator unless it is exhausted (IteratorClose).
proto.exitPattern = function (record) {
  this._region = this._region.outer;
  if (!record.done) closeIterator(record.iterator);
};

// A spread that comes before an await (`[...a, await b]`, `f(...a, await b)`, `new C(...a, await b)`)
// is iterated at its own position into a copy; the expression after the await spreads the copy.
// Spreading an array would run the array iterator (Array.prototype[Symbol.iterator] and
// %ArrayIteratorPrototype%.next, which a user may have patched) a second time, where native code
// iterates `a` once. So the copy is handed out as an iterable of the runtime's own: null
// prototypes and own data properties all the way, so the engine's second spread reads and calls
// nothing a user can see. Without symbols there is no spread syntax to feed: the copy is kept.
function SpreadCopy(elements) {
  this.elements = elements;
}
SpreadCopy.prototype = objectCreate(null);
function SpreadIterator(elements) {
  this.elements = elements;
  this.index = 0;
  // the iterator is its own result object: a spread reads done, then value, before calling next again
  this.done = false;
  this.value = undefined;
}
SpreadIterator.prototype = objectCreate(null);
SpreadIterator.prototype.next = function () {
  var elements = this.elements;
  if (this.index < elements.length) {
    this.value = elements[this.index++];
  } else {
    this.done = true;
    this.value = undefined;
  }
  return this;
};
if (iteratorSymbol) {
  SpreadCopy.prototype[iteratorSymbol] = function () {
    return new SpreadIterator(this.elements);
  };
}
proto.spread = function (elements) {
  return iteratorSymbol ? new SpreadCopy(elements) : elements;
};

function arrayLikeIterator(arrayLike) {
  var index = 0;
  return {
    next: function () {
      if (index < arrayLike.length) return { value: arrayLike[index++], done: false };
      return { value: undefined, done: true };
    }
  };
}

// How V8 names a value when it has no source text for it: "number 1", "object null", "object".
function describeValue(value) {
  var type = value === null ? 'object' : typeof value;
  if (type === 'string') return type + ' "' + value + '"';
  if (value === null || type === 'number' || type === 'boolean') return type + ' ' + NativeString(value);
  return type;
}

function endsWithCall(source) {
  return source.length > 2 && callFunction(stringSlice, source, -2) === '()';
}

function notIterableMessage(value, source) {
  if (source) {
    return endsWithCall(source) ? callFunction(stringSlice, source, 0, -2) + ' is not a function or its return value is not iterable' : source + ' is not iterable';
  }
  return describeValue(value) + ' is not iterable (cannot read property Symbol(Symbol.iterator))';
}
