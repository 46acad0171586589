/*
 * asyncGenerators: `async function*` (AsyncGeneratorStart, AsyncGeneratorEnqueue and friends).
 *   asyncMachine.generator(step, self)  the generator object; its next/throw/return queue
 *                                       requests that the body answers in order
 *   return s.yield(value, next)         await value, answer the oldest request, suspend
 *   return s.delegate(iterable, next)   yield*: forward requests to the inner iterator
 *   return s.return(value)              in a generator, awaits value first (`return;` does not)
 * Must never: answer a request out of order, spend a tick native generators do not spend, or
 * keep requests where a setter on Array.prototype can see them.
 * Needs: core, iteration, asyncIteration.
 */

var GeneratorTypeError = global.TypeError;

// Requests queued on an async generator (next / throw / return).
var REQUEST_NEXT = 0;
var REQUEST_THROW = 1;
var REQUEST_RETURN = 2;

// Async generator states.
var SUSPENDED_START = 0;
var SUSPENDED_YIELD = 1;
var EXECUTING = 2;
var AWAITING_RETURN = 3;
var COMPLETED = 4;

// A generator's machine: the same driver, with yield, yield* and an awaiting return.
var generatorProto = objectCreate(proto);

generatorProto['return'] = function (value) {
  // in an async generator `return v` awaits v (a bare `return;` does not)
  if (arguments.length > 0) {
    this._op = OP_EXT;
    this._ext = returnAwaitOperation;
  } else {
    this._op = OP_RETURN;
  }
  this.sent = value;
};
generatorProto['yield'] = function (value, resumeLabel) {
  this._op = OP_EXT;
  this._ext = yieldOperation;
  this.sent = value;
  this.label = resumeLabel;
};
generatorProto.delegate = function (iterable, resumeLabel) {
  this._op = OP_EXT;
  this._ext = delegateOperation;
  this.sent = iterable;
  this.label = resumeLabel;
};

function yieldOperation(machine) {
  return machine._awaitThen(resumeYield, machine.sent);
}
function returnAwaitOperation(machine) {
  return machine._awaitThen(resumeReturn, machine.sent);
}
function delegateOperation(machine) {
  return startDelegate(machine, machine.sent);
}

function resumeYield(machine, fulfilled, value) {
  return fulfilled ? yieldValue(machine, value) : machine._throw(value);
}
function resumeReturn(machine, fulfilled, value) {
  return fulfilled ? machine._complete(COMPLETE_RETURN, value, -1) : machine._throw(value);
}
function resumeDelegate(machine, fulfilled, value) {
  return delegateResult(machine, fulfilled, value);
}
function resumeDelegateReturn(machine, fulfilled, value) {
  return fulfilled ? delegateStep(machine, REQUEST_RETURN, value) : delegateStep(machine, REQUEST_THROW, value);
}

// AsyncGeneratorYield: answer the oldest request, then go on with the next one queued,
// or suspend until one comes.
function yieldValue(machine, value) {
  machine._generator.completeStep(REQUEST_NEXT, value, false);
  return afterYield(machine);
}
function afterYield(machine) {
  var generator = machine._generator;
  var first = generator.first;
  if (first !== null) return resumeWith(machine, first.kind, first.value);
  generator.state = SUSPENDED_YIELD;
  return false;
}
// AsyncGeneratorUnwrapYieldResumption (a return request awaits its value first).
function resumeWith(machine, kind, value) {
  if (machine._delegate !== null) {
    if (kind === REQUEST_RETURN) return machine._awaitThen(resumeDelegateReturn, value);
    return delegateStep(machine, kind, value);
  }
  if (kind === REQUEST_NEXT) {
    machine.sent = value;
    return true;
  }
  if (kind === REQUEST_THROW) return machine._throw(value);
  return machine._awaitThen(resumeReturn, value);
}

// yield*: GetIterator(value, async), then forward requests until the inner iterator is done.
function Delegation(record) {
  this.record = record;
  this.returning = false;
}
Delegation.prototype = objectCreate(null);
function startDelegate(machine, iterable) {
  var record;
  try {
    record = machine.asyncIterate(iterable);
  } catch (error) {
    return machine._throw(error);
  }
  machine._delegate = new Delegation(record);
  return delegateStep(machine, REQUEST_NEXT, undefined);
}
function delegateStep(machine, kind, value) {
  var delegate = machine._delegate;
  var iterator = delegate.record.iterator;
  var inner;
  delegate.returning = kind === REQUEST_RETURN;
  try {
    if (kind === REQUEST_NEXT) {
      inner = callFunction(delegate.record.next, iterator, value);
    } else {
      var method = iterator[kind === REQUEST_THROW ? 'throw' : 'return'];
      if (method == null) {
        if (kind === REQUEST_RETURN) {
          // no return(): the (already awaited) value is awaited once more, then returned
          machine._delegate = null;
          return machine._awaitThen(resumeReturn, value);
        }
        // no throw(): close the inner iterator, then complain
        machine._delegate = null;
        var noThrow = new GeneratorTypeError("The iterator does not provide a 'throw' method");
        var returnMethod = iterator['return'];
        if (returnMethod == null) return machine._throw(noThrow);
        inner = callFunction(returnMethod, iterator);
        machine._closing = new Closing(COMPLETE_THROW, noThrow, 0, true);
        machine._then = finishClose;
        awaitValue(machine, inner);
        return false;
      }
      inner = callFunction(method, iterator, value);
    }
  } catch (error) {
    machine._delegate = null;
    machine._closing = null;
    machine._then = null;
    return machine._throw(error);
  }
  var proceed = machine._awaitThen(resumeDelegate, inner);
  if (machine._then === null) machine._delegate = null;
  return proceed;
}
function delegateResult(machine, fulfilled, result) {
  var delegate = machine._delegate;
  if (!fulfilled) {
    machine._delegate = null;
    return machine._throw(result);
  }
  if (!isObject(result)) {
    machine._delegate = null;
    return machine._throw(notAnObjectError(result));
  }
  var done, value;
  try {
    done = result.done;
    if (done) {
      value = result.value;
      machine._delegate = null;
      if (delegate.returning) return machine._complete(COMPLETE_RETURN, value, -1);
      machine.sent = value;
      return true;
    }
    value = result.value;
  } catch (error) {
    machine._delegate = null;
    return machine._throw(error);
  }
  // AsyncGeneratorYield of the inner value (not awaited again)
  machine._generator.completeStep(REQUEST_NEXT, value, false);
  return afterYield(machine);
}

// A queued request; requests form a linked list (first .. last). A null prototype: its fields
// are written as own properties, so a `value` or `next` setter on Object.prototype never runs
// (natively, the request records are not objects at all).
function Request(kind, value, resolve, reject) {
  this.kind = kind;
  this.value = value;
  this.resolve = resolve;
  this.reject = reject;
  this.next = null;
}
Request.prototype = objectCreate(null);

function AsyncGeneratorRecord(machine) {
  this.state = SUSPENDED_START;
  this.first = null;
  this.last = null;
  this.machine = machine;
}
AsyncGeneratorRecord.prototype = objectCreate(null);
// AsyncGeneratorCompleteStep: settle the oldest request. The iterator result is an object
// literal: its value and done are defined (CreateIterResultObject), never [[Set]].
AsyncGeneratorRecord.prototype.completeStep = function (kind, value, done) {
  var request = this.first;
  this.first = request.next;
  if (this.first === null) this.last = null;
  if (kind === REQUEST_THROW) request.reject(value);
  else request.resolve({ value: value, done: done });
};
// The body has completed: answer what is queued.
AsyncGeneratorRecord.prototype.finish = function (kind, value) {
  this.state = COMPLETED;
  this.completeStep(kind, value, true);
  this.drainQueue();
};
AsyncGeneratorRecord.prototype.drainQueue = function () {
  while (this.first !== null) {
    var request = this.first;
    if (request.kind === REQUEST_RETURN) {
      this.state = AWAITING_RETURN;
      this.awaitReturn();
      return;
    }
    if (request.kind === REQUEST_THROW) this.completeStep(REQUEST_THROW, request.value, true);
    else this.completeStep(REQUEST_NEXT, undefined, true);
  }
};
// AsyncGeneratorAwaitReturn
AsyncGeneratorRecord.prototype.awaitReturn = function () {
  var record = this;
  var reaction = new ReturnReaction(
    function (value) {
      record.state = COMPLETED;
      record.completeStep(REQUEST_NEXT, value, true);
      record.drainQueue();
    },
    function (reason) {
      record.state = COMPLETED;
      record.completeStep(REQUEST_THROW, reason, true);
      record.drainQueue();
    }
  );
  try {
    awaitValue(reaction, this.first.value);
  } catch (error) {
    this.state = COMPLETED;
    this.completeStep(REQUEST_THROW, error, true);
    this.drainQueue();
  }
};

var generatorStateKey = hasSymbols ? NativeSymbol('asyncGenerator') : '@@asyncGeneratorState';

// AsyncGeneratorEnqueue + the next/throw/return entry points.
function enqueue(object, kind, value) {
  var promise = new NativePromise(captureResolvingFunctions);
  var resolve = capturedResolve;
  var reject = capturedReject;
  capturedResolve = capturedReject = null;
  var record = isObject(object) && callFunction(hasOwnProperty, object, generatorStateKey) ? object[generatorStateKey] : undefined;
  if (!(record instanceof AsyncGeneratorRecord)) {
    reject(new GeneratorTypeError('AsyncGenerator method called on incompatible receiver'));
    return promise;
  }
  var state = record.state;
  if (kind === REQUEST_THROW && state === SUSPENDED_START) record.state = state = COMPLETED;
  if (state === COMPLETED && kind !== REQUEST_RETURN) {
    if (kind === REQUEST_THROW) reject(value);
    else resolve({ value: undefined, done: true });
    return promise;
  }
  var request = new Request(kind, value, resolve, reject);
  if (record.last === null) record.first = request;
  else record.last.next = request;
  record.last = request;
  if (kind === REQUEST_RETURN && (state === SUSPENDED_START || state === COMPLETED)) {
    record.state = AWAITING_RETURN;
    record.awaitReturn();
  } else if (state === SUSPENDED_START || state === SUSPENDED_YIELD) {
    record.state = EXECUTING;
    var machine = record.machine;
    if (state === SUSPENDED_START) machine._run();
    else if (resumeWith(machine, kind, value)) machine._run();
  }
  return promise;
}

// %AsyncIteratorPrototype% and %AsyncGeneratorPrototype%: non-enumerable methods, as natively;
// the objects of a generator function inherit from its `prototype`, which inherits from
// asyncGeneratorPrototype.
function defineMethod(object, key, method) {
  defineProperty(object, key, descriptor({ value: method, writable: true, enumerable: false, configurable: true }));
}
var asyncIteratorPrototype = {};
defineMethod(asyncIteratorPrototype, asyncIteratorSymbol, { '[Symbol.asyncIterator]': function () {
  return this;
} }['[Symbol.asyncIterator]']);
var asyncGeneratorPrototype = objectCreate(asyncIteratorPrototype);

// %AsyncGeneratorFunction.prototype% (the [[Prototype]] of every async generator function,
// set by generatorFunction) and %AsyncGeneratorFunction%: their `prototype` links, as natively
// (non-writable, configurable), and the constructor that cannot compile strings.
var asyncGeneratorFunctionPrototype = functionKind('AsyncGeneratorFunction', 'AsyncGeneratorFunction', function (body) {
  throw new FunctionKindTypeError('AsyncGeneratorFunction: the rewritten program cannot compile code from strings; write an async generator function instead');
}, asyncGeneratorPrototype);
defineHidden(asyncGeneratorPrototype, 'constructor', asyncGeneratorFunctionPrototype, false, true);
// (its own properties in the native order: constructor, next, return, throw, the tag)
defineMethod(asyncGeneratorPrototype, 'next', { next: function (value) {
  return enqueue(this, REQUEST_NEXT, value);
} }.next);
defineMethod(asyncGeneratorPrototype, 'return', { 'return': function (value) {
  return enqueue(this, REQUEST_RETURN, value);
} }['return']);
defineMethod(asyncGeneratorPrototype, 'throw', { 'throw': function (value) {
  return enqueue(this, REQUEST_THROW, value);
} }['throw']);
if (hasSymbols && NativeSymbol.toStringTag) {
  defineProperty(asyncGeneratorPrototype, NativeSymbol.toStringTag, descriptor({ value: 'AsyncGenerator', writable: false, enumerable: false, configurable: true }));
}

function GeneratorMachine(step, hasSelf, self) {
  callFunction(Machine, this, step, hasSelf, self);
}
GeneratorMachine.prototype = generatorProto;

function createGenerator(prototype, step, hasSelf, self) {
  var machine = new GeneratorMachine(step, hasSelf, self);
  var record = new AsyncGeneratorRecord(machine);
  machine._generator = record;
  machine._resolve = function (value) { record.finish(REQUEST_NEXT, value); };
  machine._reject = function (error) { record.finish(REQUEST_THROW, error); };
  // a promise that is never handed out: the generator's requests carry the outcomes
  machine._promise = true;
  var object = objectCreate(prototype);
  defineProperty(object, generatorStateKey, descriptor({ value: record }));
  return object;
}

// A generator whose function is not known (an async generator method): its objects inherit
// from the shared prototype.
function asyncGenerator(step, self) {
  return createGenerator(asyncGeneratorPrototype, step, arguments.length > 1, self);
}

// generatorFor(fn, step, self): OrdinaryCreateFromConstructor(fn, %AsyncGeneratorPrototype%):
// fn.prototype is read once, after the parameters; a non-object falls back to the shared one.
function asyncGeneratorFor(fn, step, self) {
  var prototype = fn.prototype;
  return createGenerator(isObject(prototype) ? prototype : asyncGeneratorPrototype, step, arguments.length > 2, self);
}

// generatorFunction(fn): gives an async generator function its [[Prototype]]
// (%AsyncGeneratorFunction.prototype%) and its own `prototype`, which inherits from the shared
// AsyncGenerator prototype and has no `constructor`.
// generatorFunction(fn, name): fn's own binding is a fresh name; its `name` is the written one.
function asyncGeneratorFunction(fn, name) {
  setPrototype(fn, asyncGeneratorFunctionPrototype);
  if (arguments.length > 1) {
    try {
      defineHidden(fn, 'name', name, false, true);
    } catch (ignored) {
      // an ES5 engine: `name` is not configurable
    }
  }
  defineProperty(fn, 'prototype', descriptor({ value: objectCreate(asyncGeneratorPrototype), writable: true, enumerable: false, configurable: false }));
  return fn;
}

// generatorMethod(holder, key, ...laterKeys): an async generator method written as a method,
// just defined by its class (see markMethod): its [[Prototype]] and own `prototype`; returns
// it for the binding its body refers to itself by (undefined when another element replaced it).
function asyncGeneratorMethod(holder, key) {
  var fn = ownMethod(holder, key, arguments);
  if (fn !== undefined) asyncGeneratorFunction(fn);
  return fn;
}

asyncMachine.generator = asyncGenerator;
asyncMachine.generatorMethod = asyncGeneratorMethod;
asyncMachine.generatorFor = asyncGeneratorFor;
asyncMachine.generatorFunction = asyncGeneratorFunction;
