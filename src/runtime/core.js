/*
 * core: the driver every rewritten async function needs. asyncMachine(step, self) runs the
 * step function (`switch (state.label) { ... }`) until it suspends or completes, and settles
 * the result promise exactly as a native async function does.
 * Must never: use syntax or built-ins beyond ES5 (plus a Promise), define a global, read a
 * user-changeable global or prototype after load, keep its state where a user-visible
 * prototype can reach it, or spend a microtask that native async functions do not spend.
 *
 * This file is one piece of the runtime: the build (scripts/buildRuntime.js) puts the pieces,
 * in the order of src/runtime/modules.json, inside one factory function whose parameter is the
 * global object; every piece sees the names the pieces before it declare.
 *
 * How an async function runs (tick = one microtask):
 *   the step function's cases end by handing control back here with one of
 *     return s.await(value, next)   suspend; resume at case `next` with s.sent = the value
 *     return s.goto(label, leave)   jump, leaving `leave` regions (try/finally, for-of: see
 *                                   tryRegions.js and iteration.js)
 *     return s.return(value)        complete, running every pending finally first
 *   and falling off the end of the switch completes with `undefined`.
 *
 * Tick accounting, the same as the ECMAScript Await and AsyncFunctionStart steps:
 *   await v     : PromiseResolve(%Promise%, v) then PerformPromiseThen. A native promise whose
 *                 constructor is %Promise% is used as is (1 tick); anything else is wrapped in
 *                 a new promise resolved with it (a thenable costs 1 more tick for its
 *                 NewPromiseResolveThenableJob, a subclass instance 2 more). The captured
 *                 `then` is used, so a patched Promise.prototype.then is never called, and
 *                 the promise's `constructor` is read exactly once.
 *   return v    : resolves the result promise with v at completion, exactly as native code
 *                 calls its capability's resolve function then. The promise itself is made
 *                 only when it is needed: at the first suspension, or at completion.
 */

// ---- intrinsics, captured once, when the runtime loads ----
var NativePromise = global.Promise;
var NativeObject = global.Object;
var NativeFunction = global.Function;
var NativeSymbol = global.Symbol;
var functionPrototype = NativeFunction.prototype;
var promisePrototype = NativePromise.prototype;
var promiseResolve = NativePromise.resolve;
var promiseThen = promisePrototype.then;
var bindFunction = functionPrototype.bind;
// Calls go through callFunction(fn, thisArg, ...args), bound once here, so that a patched
// Function.prototype.call (or Array.prototype.push) is never consulted later.
var callFunction = functionPrototype.bind.call(functionPrototype.call, functionPrototype.call);
var applyFunction = functionPrototype.bind.call(functionPrototype.call, functionPrototype.apply);
var hasOwnProperty = NativeObject.prototype.hasOwnProperty;
var getOwnPropertyDescriptor = NativeObject.getOwnPropertyDescriptor;
var getPrototypeOf = NativeObject.getPrototypeOf;
var defineProperty = NativeObject.defineProperty;
var isExtensible = NativeObject.isExtensible;
var objectCreate = NativeObject.create;
var hasSymbols = typeof NativeSymbol === 'function';
var speciesSymbol = hasSymbols ? NativeSymbol.species : undefined;
var speciesDescriptor = speciesSymbol ? getOwnPropertyDescriptor(NativePromise, speciesSymbol) : undefined;
var speciesGetter = speciesDescriptor !== undefined && callFunction(hasOwnProperty, speciesDescriptor, 'get') ? speciesDescriptor.get : undefined;
// The getter found at load is taken for the engine's (`get [Symbol.species]`, a built-in with no
// `prototype`) unless it plainly is not: an ordinary function, or another name, is a user's
// getter installed before the runtime loaded. Native await never reads the species, so such a
// getter is never trusted: subscribe() puts a stand-in that does what the built-in does
// (returns `this`) in its place for each then() call. A user's accessor method named
// `get [Symbol.species]` cannot be told from the built-in without calling it (inherent).
if (speciesGetter !== undefined && !(typeof speciesGetter === 'function' && !callFunction(hasOwnProperty, speciesGetter, 'prototype') && isDataValue(getOwnPropertyDescriptor(speciesGetter, 'name'), 'get [Symbol.species]'))) {
  speciesDescriptor = { get: function () { return this; }, enumerable: false, configurable: speciesDescriptor.configurable };
  speciesGetter = undefined;
}
// Annex B's __lookupGetter__ answers "which getter would a read call?" without calling it and
// without allocating a descriptor (the checks below run at every await)
var lookupGetter = NativeObject.prototype.__lookupGetter__;
function isObject(value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function');
}

// A property descriptor that is a data property holding `value` (its fields are read as own
// properties only: a descriptor object inherits from Object.prototype).
function isDataValue(descriptor, value) {
  return descriptor !== undefined && callFunction(hasOwnProperty, descriptor, 'value') && descriptor.value === value;
}

// A property descriptor for defineProperty with a null prototype and the own fields of
// `fields`: ToPropertyDescriptor looks up all six fields, and one that is missing from a plain
// object would be found on Object.prototype, where a user's `value` or `get` accessor runs.
var DESCRIPTOR_FIELDS = ['value', 'writable', 'get', 'set', 'enumerable', 'configurable'];
function descriptor(fields) {
  var result = objectCreate(null);
  for (var i = 0; i < DESCRIPTOR_FIELDS.length; i++) {
    var key = DESCRIPTOR_FIELDS[i];
    if (callFunction(hasOwnProperty, fields, key)) result[key] = fields[key];
  }
  return result;
}
// CreateDataProperty's descriptor: writable, enumerable, configurable.
function elementDescriptor(value) {
  var result = objectCreate(null);
  result.value = value;
  result.writable = true;
  result.enumerable = true;
  result.configurable = true;
  return result;
}

// ---- what the step function asked for when it returned ----
var OP_FINISH = 0;
var OP_AWAIT = 1;
var OP_GOTO = 2;
var OP_RETURN = 3;
// an operation of another piece: machine._ext(machine) says whether to run the step again
var OP_EXT = 4;
// the step threw (only asyncMachine's first run records it so; _run handles its own throws)
var OP_THROW = 5;
// s.awaitCall: OP_AWAIT of a promise that may be linked (see linkAwait)
var OP_AWAIT_CALL = 7;
// the entry segment is running in the user's function (asyncMachine.start): the operation that
// ends it runs the machine on from there (_end) and returns the promise
var OP_START = 6;
// the function has completed (set by _finish; no operation follows)
var OP_DONE = 8;

// Pending completion kinds carried through regions.
var COMPLETE_GOTO = 0;
var COMPLETE_RETURN = 1;
var COMPLETE_THROW = 2;
// what a region's leave/raise returns when it is gone and unwinding goes on outward
var CONTINUE_UNWINDING = 'continue';

// A machine is allocated for every call, and many wait a long time: only the fields that
// plain functions write (awaits, jumps, completion) are own properties from the start, so that
// those machines keep one shape, and there are as few of them as can be (each is 8 bytes of
// every pending call). The others, which only some functions write (a linked call, an awaited
// primitive, a catch, a finally, a wrapped thenable, `for await`, generators), start as
// defaults on the machine prototype below, a null-prototype object of the runtime's own, and
// become own data properties when first written.
var NO_SELF = objectCreate(null);
function Machine(step, hasSelf, self) {
  // Public fields read by the emitted code.
  this.label = 0;
  // the message slot between the step and the driver, both ways: what a settled await sent the
  // step (s.sent), and the value of the operation the step just asked for (s.await(value),
  // s.return(value), ...), which the driver takes at once. A primitive being awaited, or a
  // linked callee's outcome, waits here for its job too: a suspended step reads nothing.
  this.sent = undefined;
  // Private state, all own data properties from the start.
  this._step = step;
  // the step's `this` (else NO_SELF, the default: a plain call, for an arrow step or one that
  // does not use `this`)
  if (hasSelf) this._self = self;
  // the result promise and its resolving functions, made at the first suspension
  this._promise = null;
  this._resolve = null;
  this._reject = null;
  // the innermost open region (try/finally, for-of, ...); each links to the one around it
  this._region = null;
  this._op = OP_FINISH;
  // the reactions to settled awaits, made at the first await (many calls never await)
  this._onFulfilled = null;
  this._onRejected = null;
}

function machineDefaults(prototype) {
  prototype._self = NO_SELF;
  // the job that resumes the machine with what `sent` holds: an awaited primitive, or a linked
  // callee's outcome (made at the first such await)
  prototype._onJob = null;
  // `await f()` of a pending async function: the caller waiting for this one
  prototype._awaiter = null;
  // goto: how many regions to leave (own once a jump leaves one; _afterStep puts it back to 0)
  prototype._leave = 0;
  // the outcome of a linked callee that `sent` holds: false once one rejected (until its job ran)
  prototype._linkedFulfilled = true;
  // the error a catch case reads (s.caught)
  prototype.caught = undefined;
  // an operation of another piece (OP_EXT)
  prototype._ext = null;
  // what a settled await resumes: null = the step, else a continuation(machine, fulfilled,
  // value) of a `for await` being closed or a generator
  prototype._then = null;
  // completed without suspending, fulfilled with the primitive in `sent`
  prototype._fulfilledPrimitive = false;
  // a `for await` being closed (asyncIteration.js), async generators (asyncGenerators.js)
  prototype._closing = null;
  prototype._generator = null;
  prototype._delegate = null;
}

// Bound to the machine, not closures over it: a bound function holds its `this` itself, so a
// suspended call keeps no context for them.
function fulfilledReaction(value) {
  this._resume(true, value);
}
function rejectedReaction(reason) {
  this._resume(false, reason);
}
function createReactions(machine) {
  machine._onFulfilled = callFunction(bindFunction, fulfilledReaction, machine);
  machine._onRejected = callFunction(bindFunction, rejectedReaction, machine);
}

// The machine's queued job: an awaited primitive, or the outcome of a linked callee. Made at the
// first such await, apart from the two reactions above (a machine often needs one kind only).
function jobOf(machine) {
  var job = machine._onJob;
  if (job === null) {
    job = machine._onJob = function () {
      var fulfilled = machine._linkedFulfilled;
      if (!fulfilled) machine._linkedFulfilled = true;
      machine._resume(fulfilled, machine.sent);
    };
  }
  return job;
}

// then() on a promise whose `constructor` is %Promise%, without the Promise[Symbol.species]
// read that native await never does: while that property is not the original getter, the
// original is put back for the duration of the call.
function subscribe(promise, onFulfilled, onRejected) {
  if (speciesGetter !== undefined && typeof lookupGetter === 'function' && callFunction(lookupGetter, NativePromise, speciesSymbol) === speciesGetter) {
    callFunction(promiseThen, promise, onFulfilled, onRejected);
    return;
  }
  if (speciesDescriptor !== undefined && speciesDescriptor.configurable) {
    var current = getOwnPropertyDescriptor(NativePromise, speciesSymbol);
    if (current === undefined || !callFunction(hasOwnProperty, current, 'get') || current.get !== speciesDescriptor.get) {
      if (current !== undefined && !current.configurable) {
        callFunction(promiseThen, promise, onFulfilled, onRejected);
        return;
      }
      withSpecies(speciesDescriptor, current, promise, onFulfilled, onRejected);
      return;
    }
  }
  callFunction(promiseThen, promise, onFulfilled, onRejected);
}

// then() with Promise[Symbol.species] defined as `species` for the call, then restored.
function withSpecies(species, current, promise, onFulfilled, onRejected) {
  defineProperty(NativePromise, speciesSymbol, descriptor(species));
  try {
    callFunction(promiseThen, promise, onFulfilled, onRejected);
  } finally {
    if (current === undefined) delete NativePromise[speciesSymbol];
    else defineProperty(NativePromise, speciesSymbol, descriptor(current));
  }
}

// A promise made here and never handed to user code: an own `constructor` of undefined
// makes then() use %Promise% without reading Promise.prototype.constructor or the species
// (native await reads neither on the promise it makes).
function internalPromise(promise) {
  defineProperty(promise, 'constructor', descriptor({ value: undefined }));
  return promise;
}

// One job in the engine's promise job queue, as a reaction to an internal promise that is
// already fulfilled (queueMicrotask may be a slower wrapper, or not share the queue with a
// polyfilled Promise). The job must never throw: its derived promise is never looked at.
var resolvedPromise = internalPromise(callFunction(promiseResolve, NativePromise, undefined));
function enqueueJob(job) {
  callFunction(promiseThen, resolvedPromise, job);
}

// The Await steps 1-2: PromiseResolve(%Promise%, value), then PerformPromiseThen.
// Throws synchronously where native `await` throws synchronously.
//
// PromiseResolve is the engine's own (Promise.resolve with %Promise%): its IsPromise reads an
// internal slot, so a proxy's traps are never called and a revoked proxy rejects the await
// rather than throwing; a promise's `constructor` is read exactly once (a throwing getter
// throws at the await); anything else is wrapped in a new promise, whose resolve function
// reads `then`. It hands back the value itself only for a promise whose `constructor` gave
// %Promise%: that promise is subscribed to without its `constructor` being read again.
function awaitValue(machine, value, direct) {
  if (direct === true && value === lastPromise && value !== null && linkAwait(machine, value)) return;
  if (!isObject(value)) {
    // A primitive never has its `then` read: its reaction job is queued at once, which is
    // exactly one job in the same queue as promise jobs.
    machine.sent = value;
    enqueueJob(jobOf(machine));
    return;
  }
  if (machine._onFulfilled === null) createReactions(machine);
  var wrapped = callFunction(promiseResolve, NativePromise, value);
  if (wrapped !== value) callFunction(promiseThen, internalPromise(wrapped), machine._onFulfilled, machine._onRejected);
  else if (!callFunction(hasOwnProperty, value, 'constructor') && getPrototypeOf(value) === promisePrototype && promiseConstructorIsPlain()) subscribe(value, machine._onFulfilled, machine._onRejected);
  else subscribeUnread(value, machine._onFulfilled, machine._onRejected);
}

// then() on a promise whose `constructor` was just read through something other than a plain
// Promise.prototype.constructor (an own property, an accessor, another prototype) and gave
// %Promise%. An own `constructor` of undefined, for the duration of the call, keeps then() from
// reading it again (and from reading the species); the property is then put back as it was.
// The promise is an ordinary object, so none of this runs user code. A promise that cannot take
// the stand-in (not extensible, or a non-configurable own accessor) has its accessor read by
// then() a second time (inherent).
function subscribeUnread(promise, onFulfilled, onRejected) {
  var own = getOwnPropertyDescriptor(promise, 'constructor');
  if (own === undefined ? !isExtensible(promise) : !own.configurable) {
    subscribe(promise, onFulfilled, onRejected);
    return;
  }
  defineProperty(promise, 'constructor', descriptor({ value: undefined, writable: true, configurable: true }));
  try {
    callFunction(promiseThen, promise, onFulfilled, onRejected);
  } finally {
    if (own === undefined) delete promise.constructor;
    else defineProperty(promise, 'constructor', descriptor(own));
  }
}

// Regions form a linked list (region.outer), never an array: a setter for "0" on
// Array.prototype must not see them.
function pushRegion(machine, region) {
  region.outer = machine._region;
  machine._region = region;
}

// Null prototypes: a getter or setter that user code puts on Object.prototype (say for
// `label` or `sent`) never sees the runtime's objects.
var proto = Machine.prototype = objectCreate(null);
machineDefaults(proto);

// Each operation records what the step asked for; one that ends the entry segment (run by the
// user's function itself, see asyncMachine.start) carries it out at once and returns the promise.
proto['await'] = function (value, resumeLabel) {
  var starting = this._op === OP_START;
  this._op = OP_AWAIT;
  this.sent = value;
  this.label = resumeLabel;
  if (starting) return this._end();
};
// `await f()` where f is an async function of the same file (the plugin checked that the
// call returns f's own promise, which nothing else has seen): may link the two machines.
proto.awaitCall = function (value, resumeLabel) {
  var starting = this._op === OP_START;
  this._op = OP_AWAIT_CALL;
  this.sent = value;
  this.label = resumeLabel;
  if (starting) return this._end();
};
proto['goto'] = function (label, leave) {
  var starting = this._op === OP_START;
  this._op = OP_GOTO;
  this.sent = label;
  if (leave) this._leave = leave;
  if (starting) return this._end();
};
proto['return'] = function (value) {
  var starting = this._op === OP_START;
  this._op = OP_RETURN;
  this.sent = value;
  if (starting) return this._end();
};
// The entry segment threw (the user's function catches it for the machine): a rejection, or a
// catch region of the segment. An error thrown while the machine ran on (_end: only a stack
// overflow can) goes on to the caller, as it does from asyncMachine.
proto.fail = function (error) {
  if (this._op !== OP_START) throw error;
  this._op = OP_THROW;
  this.sent = error;
  return this._end();
};

// Drives the step function until it suspends or completes.
proto._run = function () {
  var step;
  for (;;) {
    this._op = OP_FINISH;
    try {
      if (this._self !== NO_SELF) callFunction(this._step, this._self, this);
      else {
        // a plain call: this step does not use `this`
        step = this._step;
        step(this);
      }
    } catch (error) {
      if (this._throw(error)) continue;
      return;
    }
    if (!this._afterStep()) return;
  }
};

// Carries out what the step function asked for when it returned (this._op). Returns true when
// the step function must run again.
proto._afterStep = function () {
  var op = this._op;
  if (op === OP_AWAIT || op === OP_AWAIT_CALL) {
    try {
      awaitValue(this, this.sent, op === OP_AWAIT_CALL);
      return false;
    } catch (error) {
      return this._throw(error);
    }
  }
  if (op === OP_GOTO) {
    var leave = this._leave;
    if (leave !== 0) this._leave = 0;
    return this._complete(COMPLETE_GOTO, this.sent, leave);
  }
  if (op === OP_THROW) return this._throw(this.sent);
  if (op === OP_RETURN) return this._complete(COMPLETE_RETURN, this.sent, -1);
  if (op === OP_EXT) {
    var ext = this._ext;
    this._ext = null;
    return ext(this);
  }
  return this._complete(COMPLETE_RETURN, undefined, -1);
};

// Leaves `leave` regions (-1: all of them), innermost first, then jumps or completes.
// Returns true when the step function must run again.
proto._complete = function (kind, value, leave) {
  while (leave !== 0 && this._region !== null) {
    var outcome = this._region.leave(this, kind, value, leave);
    if (outcome !== CONTINUE_UNWINDING) return outcome;
    leave--;
  }
  if (kind === COMPLETE_GOTO) {
    this.label = value;
    return true;
  }
  this._finish(true, value);
  return false;
};

// A throw at the current point: the innermost region that handles it takes it, else the
// promise rejects. Returns true when the step function must run again.
proto._throw = function (error) {
  while (this._region !== null) {
    var outcome = this._region.raise(this, error);
    if (outcome !== CONTINUE_UNWINDING) return outcome;
  }
  this._finish(false, error);
  return false;
};

// The function has completed. An async function awaited directly by another one
// (`await f()`, see linkAwait) hands its outcome straight to the awaiting machine: one
// queued job, exactly the reaction job native code would queue, and no reaction object.
proto._finish = function (fulfilled, value) {
  this._op = OP_DONE;
  var awaiter = this._awaiter;
  if (awaiter === null) {
    if (this._promise === null) {
      // completed without suspending: the promise is made now, already settled
      this._promise = settledPromise(fulfilled, value);
      if (fulfilled && !isObject(value)) {
        this._fulfilledPrimitive = true;
        this.sent = value;
      }
      return;
    }
    if (fulfilled) this._resolve(value);
    else this._reject(value);
    return;
  }
  this._awaiter = null;
  if (fulfilled && isObject(value)) {
    // may be a thenable: resolve as native code does, and let the awaiter react to it.
    // Native await read this promise's `constructor` once, at the await (PromiseResolve),
    // and then() reads nothing more; linking skipped that read while it was unobservable.
    // then() here would read it again, now, through Promise.prototype where a getter put
    // there since can see it: the promise (seen by nothing but the link) is made internal.
    this._resolve(value);
    if (awaiter._onFulfilled === null) createReactions(awaiter);
    callFunction(promiseThen, internalPromise(this._promise), awaiter._onFulfilled, awaiter._onRejected);
    return;
  }
  if (!fulfilled) awaiter._linkedFulfilled = false;
  awaiter.sent = value;
  enqueueJob(jobOf(awaiter));
};

// A settled await: continue the step function or the runtime continuation waiting for it.
proto._resume = function (fulfilled, value) {
  var then = this._then;
  var proceed;
  if (then === null) {
    if (fulfilled) {
      this.sent = value;
      proceed = true;
    } else {
      proceed = this._throw(value);
    }
  } else {
    this._then = null;
    proceed = then(this, fulfilled, value);
  }
  if (proceed) this._run();
};

// Await `value`, then resume with `then` (the step when the await throws).
proto._awaitThen = function (then, value) {
  this._then = then;
  try {
    awaitValue(this, value);
    return false;
  } catch (error) {
    this._then = null;
    return this._throw(error);
  }
};

// The promise the last async function call returned while still pending, and its machine.
// Awaiting it right away (nothing else can have seen it: it came straight from the call)
// links the two machines; anything else in between clears the slot.
var lastPromise = null;
var lastMachine = null;

// Promise.prototype.constructor is a data property holding %Promise%: reading it, as native
// await does once per promise, is unobservable.
function promiseConstructorIsPlain() {
  if (typeof lookupGetter === 'function') {
    return callFunction(lookupGetter, promisePrototype, 'constructor') === undefined && promisePrototype.constructor === NativePromise;
  }
  return isDataValue(getOwnPropertyDescriptor(promisePrototype, 'constructor'), NativePromise);
}

// Native await reads the promise's constructor once (PromiseResolve); so does the link, itself,
// before anything else: the promise has no own property and inherits from Promise.prototype
// (nobody else has seen it), so that one read sees what native code's sees, a getter there
// included. Then no then() reads it again. %Promise%: the callee hands its outcome over (a callee
// that already completed with a primitive is awaited as its fulfilled promise would be: one
// job); anything else: the promise is wrapped, as PromiseResolve does. Returns false, having read
// nothing, when the callee cannot be linked (awaitValue then awaits the promise).
function linkAwait(machine, promise) {
  var callee = lastMachine;
  lastPromise = null;
  lastMachine = null;
  var done = callee._op === OP_DONE;
  if (done ? !callee._fulfilledPrimitive : callee._awaiter !== null || callee._generator !== null) return false;
  if (promise.constructor !== NativePromise) {
    if (machine._onFulfilled === null) createReactions(machine);
    callFunction(promiseThen, internalPromise(new NativePromise(function (resolve) { resolve(promise); })), machine._onFulfilled, machine._onRejected);
    return true;
  }
  if (done) {
    machine.sent = callee.sent;
    enqueueJob(jobOf(machine));
    return true;
  }
  callee._awaiter = machine;
  return true;
}

// One executor for every promise made here: it runs synchronously inside the constructor.
var capturedResolve = null;
var capturedReject = null;
function captureResolvingFunctions(resolve, reject) {
  capturedResolve = resolve;
  capturedReject = reject;
}

function newCapability(machine) {
  machine._promise = new NativePromise(captureResolvingFunctions);
  machine._resolve = capturedResolve;
  machine._reject = capturedReject;
  capturedResolve = capturedReject = null;
}

// A promise already settled with value: what a native async function that completed
// without suspending returns (a thenable is resolved the way its resolve function does).
function settledPromise(fulfilled, value) {
  if (fulfilled && !isObject(value)) return callFunction(promiseResolve, NativePromise, value);
  var promise = new NativePromise(captureResolvingFunctions);
  var settle = fulfilled ? capturedResolve : capturedReject;
  capturedResolve = capturedReject = null;
  settle(value);
  return promise;
}

// The call of a rewritten async function whose entry segment (case 0) the plugin put in the
// function itself: `var state = asyncMachine.start(step); try { ...case 0... } catch (e) {
// return state.fail(e); }`, each of the segment's exits `return state.await(...)` (or goto,
// return). While the segment runs (and calls the next async function), the stack holds the
// user's function alone: no runtime frame, no step frame. `self`: the step's `this`, when it is
// a plain function that uses it (a step called with undefined is called plainly: the same).
asyncMachine.start = function (step, self) {
  var machine = new Machine(step, self !== undefined, self);
  machine._op = OP_START;
  return machine;
};

// The entry segment has ended (machine._op says how): run on until the machine suspends or
// completes, then hand out the promise, as asyncMachine does after its first step.
proto._end = function () {
  if (this._afterStep()) this._run();
  if (this._promise === null) newCapability(this);
  lastPromise = this._promise;
  lastMachine = this;
  return this._promise;
};

// The call of a rewritten async function. Its first step runs right here rather than from
// _run: while the body runs synchronously (and calls the next async function), the stack holds
// the user's function, this one and the step, and nothing else of the runtime's.
// (Few locals: each one is a slot of this frame, which sits below every synchronous call.)
function asyncMachine(step, self) {
  var machine = new Machine(step, arguments.length > 1, self);
  try {
    if (machine._self === NO_SELF) step(machine);
    else callFunction(step, self, machine);
  } catch (error) {
    machine._op = OP_THROW;
    machine.sent = error;
  }
  if (machine._afterStep()) machine._run();
  if (machine._promise === null) newCapability(machine);
  lastPromise = machine._promise;
  lastMachine = machine;
  return machine._promise;
}
