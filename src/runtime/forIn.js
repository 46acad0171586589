/*
 * forIn: `for (k in object)` loops that contain an await.
 *   record = s.keys(object)   the keys, taken once, before the first iteration
 *   s.nextKey(record)         the next key in record.key, skipping keys deleted meanwhile
 * Must never: read the global Object after load, or store the keys where a setter on
 * Array.prototype could see them.
 * Needs: core.
 */

proto.keys = function (object) {
  // a null-prototype object used as a list: no [[Set]] reaches Array.prototype
  var list = objectCreate(null);
  var length = 0;
  // eslint-disable-next-line guard-for-in -- for-in order and filtering is what we want
  for (var key in object) list[length++] = key;
  return { object: object, list: list, length: length, index: 0, key: undefined };
};
proto.nextKey = function (record) {
  while (record.index < record.length) {
    var key = record.list[record.index++];
    if (key in NativeObject(record.object)) {
      record.key = key;
      return true;
    }
  }
  return false;
};
