/*
 * tryRegions: try/catch/finally in a rewritten function.
 *   s.enterTry(catchLabel, finallyLabel)  opens a region (-1 = no catch / no finally); a throw
 *                                        inside it (synchronous, or a rejected await) goes to
 *                                        the catch case with s.caught = the error, else to the
 *                                        finally case
 *   return s.endFinally()               the end of a finally block: carry on with what was
 *                                        pending (a jump, a return or a throw)
 * Must never: run a finally block twice, lose the pending completion, or read anything
 * user-changeable (its state lives in own data properties of its region objects).
 * Needs: core.
 */

// Where control is inside a try region.
var IN_TRY = 0;
var IN_CATCH = 1;
var IN_FINALLY = 2;

function TryRegion(catchLabel, finallyLabel) {
  this.outer = null;
  this.catchLabel = catchLabel;
  this.finallyLabel = finallyLabel;
  this.phase = IN_TRY;
  this.pendingKind = COMPLETE_GOTO;
  this.pendingValue = undefined;
  this.pendingLeave = 0;
}
TryRegion.prototype = objectCreate(null);

// Leaving the region by a jump or a return: its finally block runs first, with the
// completion pending.
TryRegion.prototype.leave = function (machine, kind, value, leave) {
  if (this.finallyLabel >= 0 && this.phase !== IN_FINALLY) {
    this.phase = IN_FINALLY;
    this.pendingKind = kind;
    this.pendingValue = value;
    this.pendingLeave = leave - 1;
    machine.label = this.finallyLabel;
    return true;
  }
  machine._region = this.outer;
  return CONTINUE_UNWINDING;
};

// A throw inside the region: the catch case takes it, else the finally case.
TryRegion.prototype.raise = function (machine, error) {
  if (this.phase === IN_TRY && this.catchLabel >= 0) {
    this.phase = IN_CATCH;
    machine.caught = error;
    machine.label = this.catchLabel;
    return true;
  }
  if (this.phase !== IN_FINALLY && this.finallyLabel >= 0) {
    this.phase = IN_FINALLY;
    this.pendingKind = COMPLETE_THROW;
    this.pendingValue = error;
    machine.label = this.finallyLabel;
    return true;
  }
  machine._region = this.outer;
  return CONTINUE_UNWINDING;
};

proto.enterTry = function (catchLabel, finallyLabel) {
  pushRegion(this, new TryRegion(catchLabel, finallyLabel));
};

function endFinallyOperation(machine) {
  var region = machine._region;
  machine._region = region.outer;
  if (region.pendingKind === COMPLETE_THROW) return machine._throw(region.pendingValue);
  return machine._complete(region.pendingKind, region.pendingValue, region.pendingLeave);
}

proto.endFinally = function () {
  this._op = OP_EXT;
  this._ext = endFinallyOperation;
};
