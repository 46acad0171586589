// test262-sample harness: an include only some tests ask for.
function joinLog(log) {
  return log.join(' > ');
}
