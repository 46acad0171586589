// test262-sample harness: $DONE reports an async test's end through the host's print().
function $DONE(error) {
  if (error) print('Test262:AsyncTestFailure:' + (error && error.name ? error.name + ': ' + error.message : String(error)));
  else print('Test262:AsyncTestComplete');
}
