/*
 * asyncIteration: `for await` loops.
 *   record = s.asyncIterate(iterable, source)  GetIterator(iterable, async), wrapping a sync
 *                                             iterator as CreateAsyncFromSyncIterator does
 *   return s.await(s.callNext(record), L); case L: if (!s.asyncNextValue(record, head)) ...
 * Leaving the loop abruptly calls and awaits the iterator's return() (AsyncIteratorClose).
 * Must never: await anything native code does not await, read a promise's `constructor`
 * more often than native code, or keep its state where a user-visible prototype reaches it.
 * Needs: core, iteration.
 */

var asyncIteratorSymbol = hasSymbols && NativeSymbol.asyncIterator ? NativeSymbol.asyncIterator : '@@asyncIterator';

// A `for await` iteration in progress: leaving it abruptly calls and awaits return().
function AsyncIterationRegion(iterator, headLabel) {
  this.outer = null;
  this.iterator = iterator;
  this.headLabel = headLabel;
}
AsyncIterationRegion.prototype = objectCreate(null);

AsyncIterationRegion.prototype.leave = function (machine, kind, value, leave) {
  machine._region = this.outer;
  if (kind === COMPLETE_GOTO && value === this.headLabel) return CONTINUE_UNWINDING;
  return closeAsync(machine, this.iterator, kind, value, leave - 1);
};
AsyncIterationRegion.prototype.raise = function (machine, error) {
  machine._region = this.outer;
  return closeAsync(machine, this.iterator, COMPLETE_THROW, error, 0);
};

// What a `for await` being closed carries on with once return() has settled.
function Closing(kind, value, leave, afterNormalClose) {
  this.kind = kind;
  this.value = value;
  this.leave = leave;
  this.afterNormalClose = afterNormalClose;
}
// (a `value` setter on Object.prototype must not see the pending completion)
Closing.prototype = objectCreate(null);

// AsyncIteratorClose: call return() and await its result before the pending completion
// (a throw completion keeps its own error whatever return() does, but still awaits).
// Returns CONTINUE_UNWINDING when there is no return() to call.
function closeAsync(machine, iterator, kind, value, leave) {
  var inner;
  try {
    var returnMethod = iterator['return'];
    if (returnMethod == null) return CONTINUE_UNWINDING;
    inner = callFunction(returnMethod, iterator);
  } catch (error) {
    return kind === COMPLETE_THROW ? machine._throw(value) : machine._throw(error);
  }
  machine._closing = new Closing(kind, value, leave, false);
  machine._then = finishClose;
  try {
    awaitValue(machine, inner);
  } catch (error) {
    machine._closing = null;
    machine._then = null;
    return kind === COMPLETE_THROW ? machine._throw(value) : machine._throw(error);
  }
  return false;
}

// The awaited return() result has settled: carry on with the pending completion.
function finishClose(machine, fulfilled, result) {
  var closing = machine._closing;
  machine._closing = null;
  if (closing.kind === COMPLETE_THROW && !closing.afterNormalClose) return machine._throw(closing.value);
  if (!fulfilled) return machine._throw(result);
  if (!isObject(result)) return machine._throw(notAnObjectError(result));
  if (closing.afterNormalClose) return machine._throw(closing.value);
  return machine._complete(closing.kind, closing.value, closing.leave);
}

proto.asyncIterate = function (iterable, source) {
  if (iterable == null) {
    throw new NativeTypeError('Cannot read properties of ' + iterable + " (reading 'Symbol(Symbol.asyncIterator)')");
  }
  var method = iterable[asyncIteratorSymbol];
  if (method == null) {
    var syncMethod = iteratorSymbol ? iterable[iteratorSymbol] : undefined;
    if (syncMethod == null && !(typeof iterable.length === 'number' && !iteratorSymbol)) {
      throw new NativeTypeError(notAsyncIterableMessage(syncMethod, source));
    }
    if (syncMethod != null && typeof syncMethod !== 'function') throw new NativeTypeError(notAsyncIterableMessage(syncMethod, source));
    // (Symbol.iterator was read once, above)
    return asyncFromSyncIterator(iteratorFromMethod(iterable, syncMethod, source));
  }
  if (typeof method !== 'function') throw new NativeTypeError(notAsyncIterableMessage(method, source));
  var iterator = callFunction(method, iterable);
  if (!isObject(iterator)) throw new NativeTypeError('Result of the Symbol.asyncIterator method is not an object');
  return iteratorRecord(iterator);
};
proto.asyncIterateCall = function (fn, thisValue, args, source) {
  if (typeof fn !== 'function') throw new NativeTypeError(notAsyncIterableMessage(undefined, source));
  return this.asyncIterate(applyFunction(fn, thisValue, args), source);
};
proto.callNext = function (record) {
  return callFunction(record.next, record.iterator);
};
// IteratorComplete + IteratorValue of an awaited next() result; opens the region.
proto.asyncNextValue = function (record, headLabel) {
  var result = this.sent;
  if (!isObject(result)) throw notAnObjectError(result);
  if (result.done) return false;
  record.value = result.value;
  pushRegion(this, new AsyncIterationRegion(record.iterator, headLabel));
  return true;
};

// for await names its operand ("q is not async iterable"); yield* has no name for it, and V8
// then reports the failed call of the missing or non-callable method ("undefined is not a function").
function notAsyncIterableMessage(method, source) {
  if (source) {
    return endsWithCall(source) ? callFunction(stringSlice, source, 0, -2) + '(...) is not a function or its return value is not async iterable' : source + ' is not async iterable';
  }
  return describeValue(method) + ' is not a function';
}

// The reaction shape awaitValue expects, for an await that is not a machine's.
function ReturnReaction(onFulfilled, onRejected) {
  var reaction = this;
  this.sent = undefined;
  this._linkedFulfilled = true;
  this._onFulfilled = onFulfilled;
  this._onRejected = onRejected;
  this._onJob = function () {
    onFulfilled(reaction.sent);
  };
}
ReturnReaction.prototype = objectCreate(null);

function rejected(reason) {
  return new NativePromise(function (resolve, reject) { reject(reason); });
}

// %AsyncFromSyncIteratorPrototype%: each value is awaited as Await does it (one read of a
// promise's constructor), and the result promise resolves to { value, done }.
function asyncFromSyncContinuation(result) {
  var promise = new NativePromise(captureResolvingFunctions);
  var resolve = capturedResolve;
  var reject = capturedReject;
  capturedResolve = capturedReject = null;
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
        if (!isObject(result)) throw notAnObjectError(result);
      } catch (error) {
        return rejected(error);
      }
      return asyncFromSyncContinuation(result);
    },
    'return': function (value) {
      var result;
      try {
        var method = syncIterator['return'];
        if (method == null) {
          return callFunction(promiseResolve, NativePromise, { value: value, done: true });
        }
        result = arguments.length > 0 ? callFunction(method, syncIterator, value) : callFunction(method, syncIterator);
        if (!isObject(result)) throw notAnObjectError(result);
      } catch (error) {
        return rejected(error);
      }
      return asyncFromSyncContinuation(result);
    },
    'throw': function (value) {
      var result;
      try {
        var method = syncIterator['throw'];
        if (method == null) return rejected(value);
        result = callFunction(method, syncIterator, value);
        if (!isObject(result)) throw notAnObjectError(result);
      } catch (error) {
        return rejected(error);
      }
      return asyncFromSyncContinuation(result);
    }
  };
  return iteratorRecord(wrapper);
}
