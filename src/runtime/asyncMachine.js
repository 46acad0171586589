/*
 * asyncMachine: the runtime that drives the state machines emitted by
 * babel-plugin-async-state-machine. It is the only code that touches promises at run time.
 * Must never: use syntax or built-ins beyond ES5 (plus a global Promise), define a global,
 * read a user-changeable global after it has loaded, or spend a microtask that native
 * async functions do not spend.
 *
 * How an async function runs (tick = one microtask):
 *   asyncMachine(step, self) creates the result promise with the Promise captured when this
 *   file loaded, then calls step.call(self, s) synchronously. `step` is a `switch (s.label)`
 *   whose cases end by handing control back here with one of
 *     return s.await(value, next)   suspend; resume at case `next` with s.sent = the value
 *     return s.goto(label, leave)   jump, leaving `leave` try/loop regions (their finally
 *                                   blocks run first, for-of iterators are closed)
 *     return s.return(value)        complete, running every pending finally first
 *     return s.endFinally()         the end of a finally block: carry on with what was pending
 *   and falling off the end of the switch completes with `undefined`.
 *   s.enterTry(catchLabel, finallyLabel) opens a try region (-1 = no catch / no finally);
 *   a throw inside it (synchronous, or a rejected await) goes to the catch case with
 *   s.caught = the error, else to the finally case.
 *
 * Tick accounting, the same as the ECMAScript Await and AsyncFunctionStart steps:
 *   await v     : PromiseResolve(%Promise%, v) then PerformPromiseThen. A native promise whose
 *                 constructor is %Promise% is used as is (1 tick); anything else is wrapped in
 *                 a new promise resolved with it (a thenable costs 1 more tick for its
 *                 NewPromiseResolveThenableJob, a subclass instance 2 more). The captured
 *                 `then` is used, so a patched Promise.prototype.then is never called, and
 *                 the promise's `constructor` is read exactly once.
 *   return v    : calls the resolve function of the capability, exactly as native code does.
 */
'use strict';

var asyncMachine = (function (NativePromise) {
  'use strict';
  var promiseResolve = NativePromise.resolve;
  var promiseThen = NativePromise.prototype.then;
  // Calls go through callFunction(fn, thisArg, ...args), bound once here, so that a patched
  // Function.prototype.call (or Array.prototype.push) is never consulted later.
  var callFunction = Function.prototype.bind.call(Function.prototype.call, Function.prototype.call);
  var applyFunction = Function.prototype.bind.call(Function.prototype.call, Function.prototype.apply);
  var hasOwnProperty = Object.prototype.hasOwnProperty;
  var getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  var getPrototypeOf = Object.getPrototypeOf;
  var promisePrototype = NativePromise.prototype;
  var defineProperty = Object.defineProperty;
  // queueMicrotask shares the engine's job queue with native promises; with a polyfilled
  // Promise it would not, so it is used only when Promise is the engine's own.
  var enqueueJob = typeof queueMicrotask === 'function' && isNativeFunction(NativePromise) && isNativeFunction(queueMicrotask)
    ? queueMicrotask
    : null;
  var speciesSymbol = typeof Symbol === 'function' ? Symbol.species : undefined;
  var speciesDescriptor = speciesSymbol ? getOwnPropertyDescriptor(NativePromise, speciesSymbol) : undefined;
  var objectCreate = Object.create;
  var getOwnPropertyNames = Object.getOwnPropertyNames;
  var getOwnPropertySymbols = Object.getOwnPropertySymbols;
  var propertyIsEnumerable = Object.prototype.propertyIsEnumerable;
  var asyncIteratorSymbol = typeof Symbol === 'function' && Symbol.asyncIterator ? Symbol.asyncIterator : '@@asyncIterator';
  var iteratorSymbol = typeof Symbol === 'function' ? Symbol.iterator : undefined;

  // What the step function asked for when it returned.
  var OP_FINISH = 0;
  var OP_AWAIT = 1;
  var OP_GOTO = 2;
  var OP_RETURN = 3;
  var OP_END_FINALLY = 4;
  var OP_YIELD = 5;
  var OP_DELEGATE = 6;
  var OP_RETURN_AWAIT = 7;

  // Where control is inside a try region.
  var IN_TRY = 0;
  var IN_CATCH = 1;
  var IN_FINALLY = 2;

  // Pending completion kinds carried through a finally block.
  var COMPLETE_GOTO = 0;
  var COMPLETE_RETURN = 1;
  var COMPLETE_THROW = 2;
  var CONTINUE_UNWINDING = 'continue';

  // What a settled await resumes.
  var RESUME_STEP = 0;
  var RESUME_CLOSE = 1;
  var RESUME_YIELD = 2;
  var RESUME_RETURN = 3;
  var RESUME_DELEGATE = 4;
  var RESUME_DELEGATE_RETURN = 5;

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

  // The innermost region is the last element of machine._regions (a plain array used as a
  // stack without push/pop, which user code could patch).
  function TryRegion(catchLabel, finallyLabel) {
    this.iterator = null;
    this.catchLabel = catchLabel;
    this.finallyLabel = finallyLabel;
    this.phase = IN_TRY;
    this.pendingKind = COMPLETE_GOTO;
    this.pendingValue = undefined;
    this.pendingLeave = 0;
  }

  // A for-of iteration in progress: leaving it abruptly closes the iterator, except for a
  // `continue` of this very loop (a jump to its head).
  function IterationRegion(iterator, headLabel, pattern) {
    this.iterator = iterator;
    this.headLabel = headLabel;
    this.async = false;
    // a destructuring pattern's record: its iterator is closed only if not exhausted
    this.pattern = pattern || null;
  }

  // A `for await` iteration in progress: leaving it abruptly calls and awaits return().
  function AsyncIterationRegion(iterator, headLabel) {
    this.iterator = iterator;
    this.headLabel = headLabel;
    this.async = true;
  }

  function isNativeFunction(fn) {
    try {
      return /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(fn));
    } catch (notAFunction) {
      return false;
    }
  }

  function isObject(value) {
    return value !== null && (typeof value === 'object' || typeof value === 'function');
  }

  // The Await steps 1-2: PromiseResolve(%Promise%, value), then PerformPromiseThen.
  // Throws synchronously where native `await` throws synchronously.
  //
  // A native promise must be subscribed to with its `constructor` read exactly once, but
  // `then` itself reads it (SpeciesConstructor) after PromiseResolve has. So a promise whose
  // prototype is Promise.prototype is handed to `then` directly: then's read is the one
  // native await does, and on a non-promise `then` throws before touching anything. Only an
  // own `constructor` accessor can make that read yield something other than %Promise%;
  // then the species lookup tells whether it did, and if so the direct reaction is skipped
  // and the promise wrapped, as native await does. Everything else (subclass instances,
  // thenables, proxies, values) goes through PromiseResolve.
  // PerformPromiseThen on a promise this runtime made: `then` would read its `constructor`
  // (SpeciesConstructor, from Promise.prototype, where a user getter can observe it, then
  // Symbol.species) where native code reads nothing. An own `constructor` of undefined makes
  // `then` use %Promise% without reading anything more.
  function thenOwnPromise(promise, onFulfilled, onRejected) {
    defineProperty(promise, 'constructor', { value: undefined, writable: true, enumerable: false, configurable: true });
    callFunction(promiseThen, promise, onFulfilled, onRejected);
  }

  function awaitValue(machine, value) {
    if (machine._onFulfilled === null) createReactions(machine);
    if (machine._direct) {
      machine._direct = false;
      if (value === lastPromise && value !== null && linkAwait(machine)) return;
    }
    var onFulfilled = machine._onFulfilled;
    var onRejected = machine._onRejected;
    if (!isObject(value)) {
      // A primitive never has its `then` read: its reaction job is queued at once, which is
      // exactly one job in the same queue as promise jobs.
      if (enqueueJob !== null) {
        machine._primitive = value;
        enqueueJob(machine._onPrimitive);
      } else {
        thenOwnPromise(callFunction(promiseResolve, NativePromise, value), onFulfilled, onRejected);
      }
      return;
    }
    if (getPrototypeOf(value) === promisePrototype) {
      var own = callFunction(hasOwnProperty, value, 'constructor') ? getOwnPropertyDescriptor(value, 'constructor') : undefined;
      if (!own || (!own.get && !own.set && own.value === NativePromise)) {
        try {
          callFunction(promiseThen, value, onFulfilled, onRejected);
          return;
        } catch (notAPromise) {
          // not a promise (e.g. Object.create(Promise.prototype)): wrap it below
        }
      } else if (own.get && speciesSymbol && speciesDescriptor && speciesDescriptor.configurable) {
        var constructorIsIntrinsic = false;
        defineProperty(NativePromise, speciesSymbol, {
          configurable: true,
          get: function () {
            if (this === NativePromise) constructorIsIntrinsic = true;
            return this;
          }
        });
        var subscribed = false;
        try {
          callFunction(promiseThen, value, onFulfilled, onRejected);
          subscribed = true;
        } catch (ignored) {
          // a throwing getter: PromiseResolve below throws at the await
        } finally {
          defineProperty(NativePromise, speciesSymbol, speciesDescriptor);
        }
        if (subscribed) {
          if (constructorIsIntrinsic) return;
          machine._skip++;
          thenOwnPromise(new NativePromise(function (resolve) { resolve(value); }), onFulfilled, onRejected);
          return;
        }
      }
    }
    var resolved = callFunction(promiseResolve, NativePromise, value);
    // (PromiseResolve may hand back the user's own promise: that one is not touched)
    if (resolved === value) callFunction(promiseThen, resolved, onFulfilled, onRejected);
    else thenOwnPromise(resolved, onFulfilled, onRejected);
  }

  function closeRegionIterator(region) {
    if (region.pattern !== null && region.pattern.done) return;
    closeIterator(region.iterator);
  }

  function closeIterator(iterator) {
    var returnMethod = iterator['return'];
    if (returnMethod === undefined || returnMethod === null) return;
    var result = callFunction(returnMethod, iterator);
    if (!isObject(result)) throw new TypeError('Iterator result ' + String(result) + ' is not an object');
  }

  function Machine(step, hasSelf, self, resolve, reject) {
    // Public fields read by the emitted code.
    this.label = 0;
    this.sent = undefined;
    this.caught = undefined;
    // Private state.
    this._step = step;
    this._hasSelf = hasSelf;
    this._self = self;
    this._resolve = resolve;
    this._reject = reject;
    this._regions = [];
    this._op = OP_FINISH;
    this._value = undefined;
    this._leave = 0;
    // reactions to ignore: a promise subscribed to directly before it turned out to need a wrapper
    this._skip = 0;
    // what a settled await resumes: the step (default), or a runtime continuation
    this._resumeKind = RESUME_STEP;
    // a `for await` being closed: the completion to carry on with once return() settles
    this._closing = null;
    // the value of an awaited primitive (queued with queueMicrotask)
    this._primitive = undefined;
    // async generators: the generator record, and a `yield*` in progress
    this._generator = null;
    this._delegate = null;
    // the reactions to settled awaits, made at the first await (many calls never await)
    this._onFulfilled = null;
    this._onRejected = null;
    this._onPrimitive = null;
    this._onLinked = null;
    this._linkedFulfilled = true;
    // `await f()` of a pending async function: the caller waiting for this one, and its promise
    this._awaiter = null;
    this._promise = null;
    this._done = false;
    this._direct = false;
  }

  function createReactions(machine) {
    machine._onFulfilled = function (value) {
      if (machine._skip > 0) {
        machine._skip--;
        return;
      }
      machine._resume(true, value);
    };
    machine._onPrimitive = function () {
      machine._resume(true, machine._primitive);
    };
    machine._onRejected = function (reason) {
      if (machine._skip > 0) {
        machine._skip--;
        return;
      }
      machine._resume(false, reason);
    };
    machine._onLinked = function () {
      machine._resume(machine._linkedFulfilled, machine._primitive);
    };
  }

  var proto = Machine.prototype;

  proto['await'] = function (value, resumeLabel) {
    this._op = OP_AWAIT;
    this._value = value;
    this.label = resumeLabel;
  };
  // `await f()` where f is an async function of the same file (the plugin checked that the
  // call returns f's own promise, which nothing else has seen): may link the two machines.
  proto.awaitCall = function (value, resumeLabel) {
    this._op = OP_AWAIT;
    this._value = value;
    this.label = resumeLabel;
    this._direct = true;
  };
  proto['goto'] = function (label, leave) {
    this._op = OP_GOTO;
    this._value = label;
    this._leave = leave || 0;
  };
  proto['return'] = function (value) {
    // in an async generator `return v` awaits v (a bare `return;` does not)
    this._op = this._generator !== null && arguments.length > 0 ? OP_RETURN_AWAIT : OP_RETURN;
    this._value = value;
  };
  // async generators: `yield v` awaits v, then answers the oldest request;
  // `yield* v` delegates; `return v` awaits v.
  proto['yield'] = function (value, resumeLabel) {
    this._op = OP_YIELD;
    this._value = value;
    this.label = resumeLabel;
  };
  proto.delegate = function (iterable, resumeLabel) {
    this._op = OP_DELEGATE;
    this._value = iterable;
    this.label = resumeLabel;
  };
  proto.endFinally = function () {
    this._op = OP_END_FINALLY;
  };
  proto.enterTry = function (catchLabel, finallyLabel) {
    var regions = this._regions;
    regions[regions.length] = new TryRegion(catchLabel, finallyLabel);
  };

  // for (x of iterable): GetIterator once, then s.nextValue(record, head) per iteration.
  // `source` is how V8 would name the expression in its error message, when it can.
  proto.iterate = function (iterable, source) {
    var method = iterable == null ? undefined : iteratorSymbol ? iterable[iteratorSymbol] : undefined;
    return iteratorFromMethod(iterable, method, source);
  };
  // GetIteratorFromMethod: the method was read once, by the caller.
  function iteratorFromMethod(iterable, method, source) {
    var iterator;
    if (method === undefined && !iteratorSymbol && iterable != null && typeof iterable.length === 'number') {
      iterator = arrayLikeIterator(iterable);
    } else {
      if (typeof method !== 'function') throw new TypeError(notIterableMessage(iterable, source));
      iterator = callFunction(method, iterable);
      if (!isObject(iterator)) throw new TypeError('Result of the Symbol.iterator method is not an object');
    }
    return { iterator: iterator, next: iterator.next, value: undefined };
  }
  // for (x of o.m(args)) where o.m may not be a function: the plugin evaluated o.m, o and the
  // arguments in order; the call is made here so that a non-function fails as V8 reports it there.
  proto.iterateCall = function (fn, thisValue, args, source) {
    if (typeof fn !== 'function') throw new TypeError(notIterableMessage(undefined, source));
    return this.iterate(applyFunction(fn, thisValue, args), source);
  };
  // IteratorStep + IteratorValue; on a value, opens the iteration region and returns true.
  proto.nextValue = function (record, headLabel) {
    var result = callFunction(record.next, record.iterator);
    if (!isObject(result)) throw new TypeError('Iterator result ' + String(result) + ' is not an object');
    if (result.done) return false;
    record.value = result.value;
    var regions = this._regions;
    regions[regions.length] = new IterationRegion(record.iterator, headLabel);
    return true;
  };

  // for await (x of iterable): GetIterator(iterable, async), wrapping a sync iterator as
  // CreateAsyncFromSyncIterator does; then per iteration
  //   return s.await(s.callNext(record), L); case L: if (!s.asyncNextValue(record, head)) ...
  proto.asyncIterate = function (iterable, source) {
    if (iterable == null) {
      throw new TypeError('Cannot read properties of ' + iterable + " (reading 'Symbol(Symbol.asyncIterator)')");
    }
    var method = iterable[asyncIteratorSymbol];
    if (method == null) {
      var syncMethod = iteratorSymbol ? iterable[iteratorSymbol] : undefined;
      if (syncMethod == null && !(typeof iterable.length === 'number' && !iteratorSymbol)) {
        throw new TypeError(notAsyncIterableMessage(syncMethod, source));
      }
      if (syncMethod != null && typeof syncMethod !== 'function') throw new TypeError(notAsyncIterableMessage(syncMethod, source));
      return asyncFromSyncIterator(iteratorFromMethod(iterable, syncMethod, source));
    }
    if (typeof method !== 'function') throw new TypeError(notAsyncIterableMessage(method, source));
    var iterator = callFunction(method, iterable);
    if (!isObject(iterator)) throw new TypeError('Result of the Symbol.asyncIterator method is not an object');
    return { iterator: iterator, next: iterator.next, value: undefined };
  };
  proto.asyncIterateCall = function (fn, thisValue, args, source) {
    if (typeof fn !== 'function') throw new TypeError(notAsyncIterableMessage(undefined, source));
    return this.asyncIterate(applyFunction(fn, thisValue, args), source);
  };
  proto.callNext = function (record) {
    return callFunction(record.next, record.iterator);
  };
  // IteratorComplete + IteratorValue of an awaited next() result; opens the region.
  proto.asyncNextValue = function (record, headLabel) {
    var result = this.sent;
    if (!isObject(result)) throw new TypeError('Iterator result ' + String(result) + ' is not an object');
    if (result.done) return false;
    record.value = result.value;
    var regions = this._regions;
    regions[regions.length] = new AsyncIterationRegion(record.iterator, headLabel);
    return true;
  };

  // Array destructuring spelled out because a default value awaits:
  //   it = s.iterate(value); s.enterPattern(it); v = s.patternStep(it); ...; s.exitPattern(it)
  proto.enterPattern = function (record) {
    record.done = false;
    var regions = this._regions;
    regions[regions.length] = new IterationRegion(record.iterator, -1, record);
  };
  // IteratorStepValue, or undefined once the iterator is done (an error marks it done).
  proto.patternStep = function (record) {
    if (record.done) return undefined;
    var result;
    try {
      result = callFunction(record.next, record.iterator);
      if (!isObject(result)) throw new TypeError('Iterator result ' + String(result) + ' is not an object');
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
    for (;;) {
      var value = this.patternStep(record);
      if (record.done) return rest;
      rest[rest.length] = value;
    }
  };
  // The pattern is complete: close the iterator unless it is exhausted (IteratorClose).
  proto.exitPattern = function (record) {
    var regions = this._regions;
    regions.length--;
    if (!record.done) closeIterator(record.iterator);
  };

  // for (k in object): the keys are taken once, before the first iteration; a key deleted
  // meanwhile is skipped, as natively.
  proto.keys = function (object) {
    var list = [];
    // eslint-disable-next-line guard-for-in -- for-in order and filtering is what we want
    for (var key in object) list[list.length] = key;
    return { object: object, list: list, index: 0, key: undefined };
  };
  proto.nextKey = function (record) {
    while (record.index < record.list.length) {
      var key = record.list[record.index++];
      if (key in Object(record.object)) {
        record.key = key;
        return true;
      }
    }
    return false;
  };

  // The temporal dead zone of a `let`/`const` that became a variable of the outer function.
  var UNINITIALIZED = {};
  proto.uninitialized = UNINITIALIZED;
  proto.check = function (value, name) {
    if (value === UNINITIALIZED) throw new ReferenceError("Cannot access '" + name + "' before initialization");
    return value;
  };

  // A write before the declaration: the value is computed first, then the check throws.
  proto.checkWrite = function (current, name, value) {
    if (current === UNINITIALIZED) throw new ReferenceError("Cannot access '" + name + "' before initialization");
    return value;
  };
  // A destructuring target that may be in its temporal dead zone: checked when the value is put.
  proto.writeTarget = function (current, name, write) {
    return {
      set value(value) {
        if (current === UNINITIALIZED) throw new ReferenceError("Cannot access '" + name + "' before initialization");
        write(value);
      }
    };
  };

  // The target of an assignment to a `const`: reading gives its value, writing throws.
  proto.readOnly = function (name, value) {
    return {
      get value() {
        return value;
      },
      set value(ignored) {
        throw new TypeError('Assignment to constant variable.');
      }
    };
  };

  // Object destructuring spelled out because a default value awaits.
  proto.coercible = function (value) {
    if (value == null) throw new TypeError("Cannot destructure '" + value + "' as it is " + value + '.');
  };
  proto.rest = function (source, excluded) {
    var result = {};
    var from = Object(source);
    var keys = getOwnPropertyNames(from);
    var symbols = getOwnPropertySymbols ? getOwnPropertySymbols(from) : [];
    for (var s = 0; s < symbols.length; s++) keys[keys.length] = symbols[s];
    outer: for (var i = 0; i < keys.length; i++) {
      var key = keys[i];
      for (var e = 0; e < excluded.length; e++) if (excluded[e] === key) continue outer;
      if (callFunction(propertyIsEnumerable, from, key)) result[key] = from[key];
    }
    return result;
  };

  // `obj.tag\`...${await x}\``: the method read before the await, called with this = obj.
  // A call whose function was read before an await in its arguments: `o.m(await x)` becomes
  // s.call(_m, o, "o.m is not a function", [x]). Checks callability after the arguments, as the
  // call does, and fails with the message the original call would have given.
  proto.call = function (fn, thisValue, message, args) {
    if (typeof fn !== 'function') throw new TypeError(message);
    return applyFunction(fn, thisValue, args);
  };
  proto.bindTag = function (method, receiver) {
    return function () {
      return applyFunction(method, receiver, arguments);
    };
  };

  // ToPropertyKey, for a computed key that must be converted before an await.
  proto.key = function (key) {
    var holder = objectCreate(null);
    holder[key] = 0;
    var names = getOwnPropertyNames(holder);
    return names.length > 0 ? names[0] : getOwnPropertySymbols(holder)[0];
  };

  // Drives the step function until it suspends or completes.
  proto._run = function () {
    var step;
    for (;;) {
      this._op = OP_FINISH;
      try {
        if (this._hasSelf) callFunction(this._step, this._self, this);
        else {
          // a plain call: this step does not use `this`
          step = this._step;
          step(this);
        }
      } catch (error) {
        if (this._throw(error)) continue;
        return;
      }
      var op = this._op;
      if (op === OP_AWAIT) {
        try {
          awaitValue(this, this._value);
          return;
        } catch (error) {
          if (this._throw(error)) continue;
          return;
        }
      }
      var proceed;
      if (op === OP_YIELD) proceed = this._awaitThen(RESUME_YIELD, this._value);
      else if (op === OP_RETURN_AWAIT) proceed = this._awaitThen(RESUME_RETURN, this._value);
      else if (op === OP_DELEGATE) proceed = this._startDelegate(this._value);
      else if (op === OP_GOTO) proceed = this._complete(COMPLETE_GOTO, this._value, this._leave);
      else if (op === OP_RETURN) proceed = this._complete(COMPLETE_RETURN, this._value, -1);
      else if (op === OP_END_FINALLY) proceed = this._endFinally();
      else proceed = this._complete(COMPLETE_RETURN, undefined, -1);
      if (!proceed) return;
    }
  };

  // Leaves `leave` regions (-1: all of them), innermost first, then jumps or resolves.
  // Returns true when the step function must run again.
  proto._complete = function (kind, value, leave) {
    var regions = this._regions;
    while (leave !== 0 && regions.length > 0) {
      var region = regions[regions.length - 1];
      if (region.iterator === null) {
        if (region.finallyLabel >= 0 && region.phase !== IN_FINALLY) {
          region.phase = IN_FINALLY;
          region.pendingKind = kind;
          region.pendingValue = value;
          region.pendingLeave = leave - 1;
          this.label = region.finallyLabel;
          return true;
        }
        regions.length--;
      } else {
        regions.length--;
        if (!(kind === COMPLETE_GOTO && value === region.headLabel)) {
          if (region.async) {
            var closing = this._closeAsync(region.iterator, kind, value, leave - 1);
            if (closing !== CONTINUE_UNWINDING) return closing;
          } else {
            try {
              closeRegionIterator(region);
            } catch (error) {
              return this._throw(error);
            }
          }
        }
      }
      leave--;
    }
    if (kind === COMPLETE_GOTO) {
      this.label = value;
      return true;
    }
    this._finish(true, value);
    return false;
  };

  // A throw at the current point: the innermost catch or finally takes it, else the
  // promise rejects. Returns true when the step function must run again.
  proto._throw = function (error) {
    var regions = this._regions;
    while (regions.length > 0) {
      var region = regions[regions.length - 1];
      if (region.iterator !== null) {
        regions.length--;
        if (region.async) {
          var closing = this._closeAsync(region.iterator, COMPLETE_THROW, error, 0);
          if (closing !== CONTINUE_UNWINDING) return closing;
          continue;
        }
        try {
          closeRegionIterator(region);
        } catch (ignored) {
          // IteratorClose with a throw completion keeps the original error.
        }
        continue;
      }
      if (region.phase === IN_TRY && region.catchLabel >= 0) {
        region.phase = IN_CATCH;
        this.caught = error;
        this.label = region.catchLabel;
        return true;
      }
      if (region.phase !== IN_FINALLY && region.finallyLabel >= 0) {
        region.phase = IN_FINALLY;
        region.pendingKind = COMPLETE_THROW;
        region.pendingValue = error;
        this.label = region.finallyLabel;
        return true;
      }
      regions.length--;
    }
    this._finish(false, error);
    return false;
  };

  // AsyncIteratorClose: call return() and await its result before the pending completion
  // (a throw completion keeps its own error whatever return() does, but still awaits).
  // Returns CONTINUE_UNWINDING when there is no return() to call.
  proto._closeAsync = function (iterator, kind, value, leave) {
    var inner;
    try {
      var returnMethod = iterator['return'];
      if (returnMethod == null) return CONTINUE_UNWINDING;
      inner = callFunction(returnMethod, iterator);
    } catch (error) {
      return kind === COMPLETE_THROW ? this._throw(value) : this._throw(error);
    }
    this._closing = { kind: kind, value: value, leave: leave };
    this._resumeKind = RESUME_CLOSE;
    try {
      awaitValue(this, inner);
    } catch (error) {
      this._closing = null;
      this._resumeKind = RESUME_STEP;
      return kind === COMPLETE_THROW ? this._throw(value) : this._throw(error);
    }
    return false;
  };

  // The awaited return() result has settled: carry on with the pending completion.
  proto._finishClose = function (fulfilled, result) {
    var closing = this._closing;
    this._closing = null;
    if (closing.kind === COMPLETE_THROW && !closing.afterNormalClose) return this._throw(closing.value);
    if (!fulfilled) return this._throw(result);
    if (!isObject(result)) return this._throw(new TypeError('Iterator result ' + String(result) + ' is not an object'));
    if (closing.afterNormalClose) return this._throw(closing.value);
    return this._complete(closing.kind, closing.value, closing.leave);
  };

  // The function has completed. An async function awaited directly by another one
  // (`await f()`, see linkAwait) hands its outcome straight to the awaiting machine: one
  // queued job, exactly the reaction job native code would queue, and no reaction object.
  proto._finish = function (fulfilled, value) {
    this._done = true;
    var awaiter = this._awaiter;
    if (awaiter === null) {
      if (fulfilled) this._resolve(value);
      else this._reject(value);
      return;
    }
    this._awaiter = null;
    if (fulfilled && isObject(value)) {
      // may be a thenable: resolve as native code does, and let the awaiter react to it
      this._resolve(value);
      callFunction(promiseThen, this._promise, awaiter._onFulfilled, awaiter._onRejected);
      return;
    }
    awaiter._linkedFulfilled = fulfilled;
    awaiter._primitive = value;
    enqueueJob(awaiter._onLinked);
  };

  // A settled await: continue the step function or the runtime continuation waiting for it.
  proto._resume = function (fulfilled, value) {
    var kind = this._resumeKind;
    this._resumeKind = RESUME_STEP;
    var proceed;
    if (kind === RESUME_STEP) {
      if (fulfilled) {
        this.sent = value;
        proceed = true;
      } else {
        proceed = this._throw(value);
      }
    } else if (kind === RESUME_CLOSE) {
      proceed = this._finishClose(fulfilled, value);
    } else if (kind === RESUME_YIELD) {
      proceed = fulfilled ? this._yieldValue(value) : this._throw(value);
    } else if (kind === RESUME_RETURN) {
      proceed = fulfilled ? this._complete(COMPLETE_RETURN, value, -1) : this._throw(value);
    } else if (kind === RESUME_DELEGATE) {
      proceed = this._delegateResult(fulfilled, value);
    } else {
      proceed = fulfilled ? this._delegateStep(REQUEST_RETURN, value) : this._delegateStep(REQUEST_THROW, value);
    }
    if (proceed) this._run();
  };

  // Await `value`, then resume with `kind` (the step when the await throws).
  proto._awaitThen = function (kind, value) {
    this._resumeKind = kind;
    try {
      awaitValue(this, value);
      return false;
    } catch (error) {
      this._resumeKind = RESUME_STEP;
      return this._throw(error);
    }
  };

  proto._endFinally = function () {
    var regions = this._regions;
    var region = regions[regions.length - 1];
    regions.length--;
    if (region.pendingKind === COMPLETE_THROW) return this._throw(region.pendingValue);
    return this._complete(region.pendingKind, region.pendingValue, region.pendingLeave);
  };

  function rejected(reason) {
    return new NativePromise(function (resolve, reject) { reject(reason); });
  }

  // %AsyncFromSyncIteratorPrototype%: each value is awaited as Await does it (one read of a
  // promise's constructor), and the result promise resolves to { value, done }.
  function asyncFromSyncContinuation(result) {
    var promise = new NativePromise(captureResolvingFunctions);
    var resolve = capturedResolve;
    var reject = capturedReject;
    var done, value;
    try {
      done = !!result.done;
      value = result.value;
    } catch (error) {
      reject(error);
      return promise;
    }
    var reaction = new ReturnReaction(
      function (settled) { resolve({ value: settled, done: done }); },
      reject
    );
    try {
      awaitValue(reaction, value);
    } catch (error) {
      reject(error);
    }
    return promise;
  }
  function asyncFromSyncIterator(syncRecord) {
    var syncIterator = syncRecord.iterator;
    var wrapper = {
      next: function (value) {
        var result;
        try {
          result = arguments.length > 0 ? callFunction(syncRecord.next, syncIterator, value) : callFunction(syncRecord.next, syncIterator);
          if (!isObject(result)) throw new TypeError('Iterator result ' + String(result) + ' is not an object');
        } catch (error) {
          return rejected(error);
        }
        return asyncFromSyncContinuation(result);
      }
    };
    wrapper['return'] = function (value) {
      var result;
      try {
        var method = syncIterator['return'];
        if (method == null) {
          return callFunction(promiseResolve, NativePromise, { value: value, done: true });
        }
        result = arguments.length > 0 ? callFunction(method, syncIterator, value) : callFunction(method, syncIterator);
        if (!isObject(result)) throw new TypeError('Iterator result ' + String(result) + ' is not an object');
      } catch (error) {
        return rejected(error);
      }
      return asyncFromSyncContinuation(result);
    };
    wrapper['throw'] = function (value) {
      var result;
      try {
        var method = syncIterator['throw'];
        if (method == null) return rejected(value);
        result = callFunction(method, syncIterator, value);
        if (!isObject(result)) throw new TypeError('Iterator result ' + String(result) + ' is not an object');
      } catch (error) {
        return rejected(error);
      }
      return asyncFromSyncContinuation(result);
    };
    return { iterator: wrapper, next: wrapper.next, value: undefined };
  }

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
    if (value === null || type === 'number' || type === 'boolean') return type + ' ' + String(value);
    return type;
  }

  function notIterableMessage(value, source) {
    if (source) {
      var call = source.length > 2 && source.slice(-2) === '()';
      return call ? source.slice(0, -2) + ' is not a function or its return value is not iterable' : source + ' is not iterable';
    }
    return describeValue(value) + ' is not iterable (cannot read property Symbol(Symbol.iterator))';
  }

  // for await names its operand ("q is not async iterable"); yield* has no name for it, and V8
  // then reports the failed call of the missing or non-callable method ("undefined is not a function").
  function notAsyncIterableMessage(method, source) {
    if (source) {
      var call = source.length > 2 && source.slice(-2) === '()';
      return call ? source.slice(0, -2) + '(...) is not a function or its return value is not async iterable' : source + ' is not async iterable';
    }
    return describeValue(method) + ' is not a function';
  }

  // ---- async generators (AsyncGeneratorStart, AsyncGeneratorEnqueue and friends) ----

  // AsyncGeneratorYield: answer the oldest request, then go on with the next one queued,
  // or suspend until one comes.
  proto._yieldValue = function (value) {
    var generator = this._generator;
    generator.completeStep(REQUEST_NEXT, value, false);
    return this._afterYield();
  };
  proto._afterYield = function () {
    var generator = this._generator;
    if (generator.queue.length > 0) return this._resumeWith(generator.queue[0].kind, generator.queue[0].value);
    generator.state = SUSPENDED_YIELD;
    return false;
  };
  // AsyncGeneratorUnwrapYieldResumption (a return request awaits its value first).
  proto._resumeWith = function (kind, value) {
    if (this._delegate !== null) {
      if (kind === REQUEST_RETURN) return this._awaitThen(RESUME_DELEGATE_RETURN, value);
      return this._delegateStep(kind, value);
    }
    if (kind === REQUEST_NEXT) {
      this.sent = value;
      return true;
    }
    if (kind === REQUEST_THROW) return this._throw(value);
    return this._awaitThen(RESUME_RETURN, value);
  };

  // yield*: GetIterator(value, async), then forward requests until the inner iterator is done.
  proto._startDelegate = function (iterable) {
    var record;
    try {
      record = this.asyncIterate(iterable);
    } catch (error) {
      return this._throw(error);
    }
    this._delegate = { record: record, returning: false };
    return this._delegateStep(REQUEST_NEXT, undefined);
  };
  proto._delegateStep = function (kind, value) {
    var delegate = this._delegate;
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
            this._delegate = null;
            return this._awaitThen(RESUME_RETURN, value);
          }
          // no throw(): close the inner iterator, then complain
          this._delegate = null;
          var noThrow = new TypeError("The iterator does not provide a 'throw' method");
          var returnMethod = iterator['return'];
          if (returnMethod == null) return this._throw(noThrow);
          inner = callFunction(returnMethod, iterator);
          this._closing = { kind: COMPLETE_THROW, value: noThrow, leave: 0, afterNormalClose: true };
          this._resumeKind = RESUME_CLOSE;
          awaitValue(this, inner);
          return false;
        }
        inner = callFunction(method, iterator, value);
      }
    } catch (error) {
      this._delegate = null;
      this._closing = null;
      this._resumeKind = RESUME_STEP;
      return this._throw(error);
    }
    var proceed = this._awaitThen(RESUME_DELEGATE, inner);
    if (this._resumeKind === RESUME_STEP) this._delegate = null;
    return proceed;
  };
  proto._delegateResult = function (fulfilled, result) {
    var delegate = this._delegate;
    if (!fulfilled) {
      this._delegate = null;
      return this._throw(result);
    }
    if (!isObject(result)) {
      this._delegate = null;
      return this._throw(new TypeError('Iterator result ' + String(result) + ' is not an object'));
    }
    var done, value;
    try {
      done = result.done;
      if (done) {
        value = result.value;
        this._delegate = null;
        if (delegate.returning) return this._complete(COMPLETE_RETURN, value, -1);
        this.sent = value;
        return true;
      }
      value = result.value;
    } catch (error) {
      this._delegate = null;
      return this._throw(error);
    }
    // AsyncGeneratorYield of the inner value (not awaited again)
    this._generator.completeStep(REQUEST_NEXT, value, false);
    return this._afterYield();
  };

  function AsyncGeneratorRecord(machine) {
    this.state = SUSPENDED_START;
    this.queue = [];
    this.machine = machine;
  }
  // AsyncGeneratorCompleteStep: settle the oldest request.
  AsyncGeneratorRecord.prototype.completeStep = function (kind, value, done) {
    var queue = this.queue;
    var request = queue[0];
    for (var i = 1; i < queue.length; i++) queue[i - 1] = queue[i];
    queue.length--;
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
    var queue = this.queue;
    while (queue.length > 0) {
      var request = queue[0];
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
      awaitValue(reaction, this.queue[0].value);
    } catch (error) {
      this.state = COMPLETED;
      this.completeStep(REQUEST_THROW, error, true);
      this.drainQueue();
    }
  };

  // The reaction shape awaitValue expects, for an await that is not a machine's.
  function ReturnReaction(onFulfilled, onRejected) {
    var reaction = this;
    this._skip = 0;
    this._primitive = undefined;
    this._onFulfilled = function (value) {
      if (reaction._skip > 0) {
        reaction._skip--;
        return;
      }
      onFulfilled(value);
    };
    this._onRejected = function (reason) {
      if (reaction._skip > 0) {
        reaction._skip--;
        return;
      }
      onRejected(reason);
    };
    this._onPrimitive = function () {
      onFulfilled(reaction._primitive);
    };
  }

  var generatorStateKey = typeof Symbol === 'function' ? Symbol('asyncGenerator') : '@@asyncGeneratorState';

  // AsyncGeneratorEnqueue + the next/throw/return entry points.
  function enqueue(object, kind, value) {
    var resolve, reject;
    var promise = new NativePromise(function (resolveFunction, rejectFunction) {
      resolve = resolveFunction;
      reject = rejectFunction;
    });
    var record = isObject(object) ? object[generatorStateKey] : undefined;
    if (!(record instanceof AsyncGeneratorRecord)) {
      reject(new TypeError('AsyncGenerator method called on incompatible receiver'));
      return promise;
    }
    var state = record.state;
    if (kind === REQUEST_THROW && state === SUSPENDED_START) record.state = state = COMPLETED;
    if (state === COMPLETED && kind !== REQUEST_RETURN) {
      if (kind === REQUEST_THROW) reject(value);
      else resolve({ value: undefined, done: true });
      return promise;
    }
    var queue = record.queue;
    queue[queue.length] = { kind: kind, value: value, resolve: resolve, reject: reject };
    if (kind === REQUEST_RETURN && (state === SUSPENDED_START || state === COMPLETED)) {
      record.state = AWAITING_RETURN;
      record.awaitReturn();
    } else if (state === SUSPENDED_START || state === SUSPENDED_YIELD) {
      record.state = EXECUTING;
      var machine = record.machine;
      if (state === SUSPENDED_START) machine._run();
      else if (machine._resumeWith(kind, value)) machine._run();
    }
    return promise;
  }

  // %AsyncIteratorPrototype% and %AsyncGeneratorPrototype%: the methods are non-enumerable,
  // as natively; the generator objects of a function inherit from its `prototype`, which
  // inherits from asyncGeneratorPrototype.
  function defineMethod(object, key, method) {
    defineProperty(object, key, { value: method, writable: true, enumerable: false, configurable: true });
  }
  var asyncIteratorPrototype = {};
  defineMethod(asyncIteratorPrototype, asyncIteratorSymbol, { '[Symbol.asyncIterator]': function () {
    return this;
  } }['[Symbol.asyncIterator]']);
  var asyncGeneratorPrototype = objectCreate(asyncIteratorPrototype);
  defineMethod(asyncGeneratorPrototype, 'next', { next: function (value) {
    return enqueue(this, REQUEST_NEXT, value);
  } }.next);
  defineMethod(asyncGeneratorPrototype, 'return', { 'return': function (value) {
    return enqueue(this, REQUEST_RETURN, value);
  } }['return']);
  defineMethod(asyncGeneratorPrototype, 'throw', { 'throw': function (value) {
    return enqueue(this, REQUEST_THROW, value);
  } }['throw']);
  if (typeof Symbol === 'function' && Symbol.toStringTag) {
    defineProperty(asyncGeneratorPrototype, Symbol.toStringTag, { value: 'AsyncGenerator', writable: false, enumerable: false, configurable: true });
  }

  function createGenerator(prototype, step, hasSelf, self) {
    var record;
    var machine = new Machine(step, hasSelf, self,
      function (value) { record.finish(REQUEST_NEXT, value); },
      function (error) { record.finish(REQUEST_THROW, error); });
    record = new AsyncGeneratorRecord(machine);
    machine._generator = record;
    var object = objectCreate(prototype);
    object[generatorStateKey] = record;
    return object;
  }

  // A generator whose function is not known (an async generator method): objects inherit from
  // the shared prototype.
  function asyncGenerator(step, self) {
    return createGenerator(asyncGeneratorPrototype, step, arguments.length > 1, self);
  }

  // generatorFor(fn, step, self): OrdinaryCreateFromConstructor(fn, %AsyncGeneratorPrototype%):
  // fn.prototype is read once, after the parameters were evaluated; a non-object falls back
  // to the shared prototype.
  function asyncGeneratorFor(fn, step, self) {
    var prototype = fn.prototype;
    return createGenerator(isObject(prototype) ? prototype : asyncGeneratorPrototype, step, arguments.length > 2, self);
  }

  // generatorFunction(fn): gives an async generator function its own `prototype` object, which
  // inherits from the shared AsyncGenerator prototype and has no `constructor`.
  function asyncGeneratorFunction(fn) {
    defineProperty(fn, 'prototype', { value: objectCreate(asyncGeneratorPrototype), writable: true, enumerable: false, configurable: false });
    return fn;
  }

  // The promise the last async function call returned while still pending, and its machine.
  // Awaiting it right away (nothing else can have seen it: it came straight from the call)
  // links the two machines; anything else in between clears the slot.
  var lastPromise = null;
  var lastMachine = null;

  // Native await reads the promise's constructor once (from Promise.prototype, unobservably
  // unless someone redefined it there); linking skips that read, so it is only done while
  // Promise.prototype.constructor is still the original data property.
  function linkAwait(machine) {
    var callee = lastMachine;
    lastPromise = null;
    lastMachine = null;
    if (enqueueJob === null || callee._done || callee._awaiter !== null || callee._generator !== null) return false;
    var descriptor = getOwnPropertyDescriptor(promisePrototype, 'constructor');
    if (!descriptor || descriptor.get || descriptor.value !== NativePromise) return false;
    callee._awaiter = machine;
    return true;
  }

  // One executor for every call: it runs synchronously inside the Promise constructor.
  var capturedResolve, capturedReject;
  function captureResolvingFunctions(resolve, reject) {
    capturedResolve = resolve;
    capturedReject = reject;
  }

  function asyncMachine(step, self) {
    var promise = new NativePromise(captureResolvingFunctions);
    var machine = new Machine(step, arguments.length > 1, self, capturedResolve, capturedReject);
    machine._promise = promise;
    machine._run();
    if (machine._done) {
      lastPromise = null;
      lastMachine = null;
    } else {
      lastPromise = promise;
      lastMachine = machine;
    }
    return promise;
  }

  asyncMachine.generator = asyncGenerator;
  asyncMachine.generatorFor = asyncGeneratorFor;
  asyncMachine.generatorFunction = asyncGeneratorFunction;
  return asyncMachine;
})(Promise);

if (typeof module === 'object' && module && module.exports) {
  module.exports = asyncMachine;
  module.exports.asyncMachine = asyncMachine;
  module.exports['default'] = asyncMachine;
}
